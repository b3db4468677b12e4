/*
 * What the Tasklist view (tasklist/scripts/staff-onboardings.js) and the Cockpit view
 * (cockpit/scripts/onboardings.js) share: our endpoints' address, reading them, and building the page
 * from text, never from markup.
 */

/** The address of one of our endpoints, which live beside the webapps: the app root is "<context path>/camunda". */
export function ourEndpoint(path) {
  const appRoot = document.querySelector('base').getAttribute('app-root');
  return appRoot.replace(/\/[^/]*$/, '') + path;
}

/**
 * GETs JSON with the webapp's session. A failure becomes an error in the reader's words: {@code forbidden}
 * for a 403, else the endpoint's {@code name} and the status.
 */
export async function getJson(url, { forbidden, name }) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(response.status === 403 ? forbidden : name + ' answered ' + response.status + '.');
  }
  return response.json();
}

/** Creates an element; children are nodes or text, never markup, so no value is ever parsed as HTML. */
export function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      element.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  });
  return element;
}

export function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

/** The search's query string: the filters and extra parameters that have a value. */
export function query(filters, extra) {
  const parameters = new URLSearchParams();
  Object.entries(Object.assign({}, filters, extra)).forEach(([name, value]) => {
    if (value !== '' && value !== null && value !== undefined) {
      parameters.set(name, value);
    }
  });
  return parameters.toString();
}
