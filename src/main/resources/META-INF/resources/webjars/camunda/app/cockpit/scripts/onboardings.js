/*
 * Cockpit plugin: the auditors' onboarding history. Community Edition Cockpit lists only running
 * instances, so this view reads every onboarding, running or finished, from our read-only endpoint
 * /history/onboardings (history package), which uses the Cockpit session and answers only
 * auditors and admins. It only reads: every request is a GET.
 */

const ROUTE = '/onboardings';
const PAGE_SIZE = 20;

const OUTCOMES = {
  ONBOARDED: 'onboarded',
  CLOSED: 'closed',
  REVOKED: 'revoked',
  ALREADY_ACTIVE: 'already active',
  ALREADY_RUNNING: 'already running',
  RUNNING: 'running',
  CANCELLED: 'cancelled'
};

const STYLE = `
.onb { padding: 15px 20px; overflow: auto; height: 100%; }
.onb h1 { font-size: 22px; margin: 0 0 15px; }
.onb h2 { font-size: 18px; margin: 25px 0 10px; }
.onb-filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; margin-bottom: 15px; }
.onb-filters label { display: flex; flex-direction: column; font-weight: normal; margin: 0; }
.onb-table { width: 100%; border-collapse: collapse; }
.onb-table th, .onb-table td { padding: 4px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.onb-table tbody tr.onb-row { cursor: pointer; }
.onb-table tbody tr.onb-row:hover, .onb-table tbody tr.onb-selected { background: #eef4fb; }
.onb-pager { margin: 10px 0; display: flex; gap: 10px; align-items: center; }
.onb-outcome { padding: 1px 6px; border-radius: 3px; background: #eee; white-space: nowrap; }
.onb-outcome-ONBOARDED { background: #dff0d8; }
.onb-outcome-RUNNING { background: #d9edf7; }
.onb-outcome-REVOKED, .onb-outcome-CANCELLED { background: #f2dede; }
.onb-source { font-size: 11px; text-transform: lowercase; color: #666; }
.onb-error { color: #a94442; }
.onb-diagram { border: 1px solid #ddd; background: #fff; }
.onb-diagram svg { display: block; height: auto; }
.onb-diagram .onb-shape { fill: #fff; stroke: #999; stroke-width: 1.5; }
.onb-diagram .onb-passed .onb-shape { fill: #dff0d8; stroke: #3c763d; stroke-width: 2.5; }
.onb-diagram .onb-active .onb-shape { fill: #d9edf7; stroke: #31708f; stroke-width: 3; }
.onb-diagram rect.onb-shape.onb-container { fill: none; }
.onb-diagram .onb-edge { fill: none; stroke: #bbb; stroke-width: 1.5; }
.onb-diagram .onb-edge.onb-taken { stroke: #3c763d; stroke-width: 2.5; }
.onb-diagram text { font: 11px sans-serif; fill: #333; }
`;

/** Our endpoints live beside the webapps: the app root is "<context path>/camunda". */
function historyApi() {
  const appRoot = document.querySelector('base').getAttribute('app-root');
  return appRoot.replace(/\/[^/]*$/, '') + '/history/onboardings';
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(response.status === 403
      ? 'You may not read the onboarding history (auditors and admins only).'
      : 'The onboarding history answered ' + response.status + '.');
  }
  return response.json();
}

/** Creates an element; children are nodes or text, never markup, so no value is ever parsed as HTML. */
function el(tag, attributes, ...children) {
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

function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

function outcomeBadge(outcome) {
  return el('span', { class: 'onb-outcome onb-outcome-' + outcome }, OUTCOMES[outcome] || outcome);
}

function query(filters, extra) {
  const parameters = new URLSearchParams();
  Object.entries(Object.assign({}, filters, extra)).forEach(([name, value]) => {
    if (value !== '' && value !== null && value !== undefined) {
      parameters.set(name, value);
    }
  });
  return parameters.toString();
}

function renderView(root, api) {
  const state = { filters: {}, page: 0, selected: null };

  const inputs = {
    email: el('input', { type: 'text', class: 'form-control', name: 'email', placeholder: 'part of the email' }),
    company: el('input', { type: 'text', class: 'form-control', name: 'company', placeholder: 'part of the company' }),
    outcome: el('select', { class: 'form-control', name: 'outcome' },
      el('option', { value: '' }, 'any'),
      Object.entries(OUTCOMES).map(([value, label]) => el('option', { value }, label))),
    from: el('input', { type: 'date', class: 'form-control', name: 'from' }),
    to: el('input', { type: 'date', class: 'form-control', name: 'to' })
  };
  const csvLink = el('a', { class: 'btn btn-default onb-csv', download: 'onboardings.csv' }, 'Download CSV');
  const form = el('form', { class: 'onb-filters' },
    el('label', null, 'Email', inputs.email),
    el('label', null, 'Company', inputs.company),
    el('label', null, 'Outcome', inputs.outcome),
    el('label', null, 'Started from', inputs.from),
    el('label', null, 'to', inputs.to),
    el('button', { type: 'submit', class: 'btn btn-primary onb-search' }, 'Search'),
    csvLink);
  const list = el('div', { class: 'onb-list' });
  const details = el('div', { class: 'onb-details' });
  root.replaceChildren(el('div', { class: 'onb' },
    el('style', null, STYLE),
    el('h1', null, 'Onboardings'),
    el('p', null, 'Every onboarding, running and finished, as the engine history and the invitation audit trail record it.'),
    form, list, details,
    funnelSection()));

  form.addEventListener('submit', event => {
    event.preventDefault();
    state.filters = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    state.page = 0;
    load();
  });

  async function load() {
    csvLink.setAttribute('href', historyApi() + '.csv?' + query(state.filters));
    list.replaceChildren(el('p', null, 'Loading…'));
    try {
      const page = await getJson(historyApi() + '?' + query(state.filters, { page: state.page, size: PAGE_SIZE }));
      showList(page);
    } catch (error) {
      list.replaceChildren(el('p', { class: 'onb-error' }, error.message));
    }
  }

  function showList(page) {
    if (page.total === 0) {
      list.replaceChildren(el('p', { class: 'onb-empty' }, 'No onboarding matches.'));
      return;
    }
    const rows = page.items.map(onboarding => {
      const row = el('tr', { class: 'onb-row', 'data-process-instance-id': onboarding.processInstanceId },
        el('td', null, time(onboarding.startedAt)),
        el('td', null, onboarding.email),
        el('td', null, [onboarding.firstName, onboarding.lastName].filter(Boolean).join(' ')),
        el('td', null, onboarding.company),
        el('td', null, onboarding.startedBy),
        el('td', null, time(onboarding.endedAt)),
        el('td', null, outcomeBadge(onboarding.outcome)));
      row.addEventListener('click', () => {
        list.querySelectorAll('.onb-selected').forEach(selected => selected.classList.remove('onb-selected'));
        row.classList.add('onb-selected');
        showDetails(onboarding.processInstanceId);
      });
      return row;
    });
    const last = Math.ceil(page.total / page.size) - 1;
    const previous = el('button', { type: 'button', class: 'btn btn-default btn-sm' }, '‹ Newer');
    const next = el('button', { type: 'button', class: 'btn btn-default btn-sm' }, 'Older ›');
    previous.disabled = page.page === 0;
    next.disabled = page.page >= last;
    previous.addEventListener('click', () => { state.page--; load(); });
    next.addEventListener('click', () => { state.page++; load(); });
    list.replaceChildren(
      el('table', { class: 'onb-table cam-table' },
        el('thead', null, el('tr', null, ['Started', 'Email', 'Name', 'Company', 'Started by', 'Ended', 'Outcome']
          .map(heading => el('th', null, heading)))),
        el('tbody', null, rows)),
      el('div', { class: 'onb-pager' }, previous,
        el('span', null, `page ${page.page + 1} of ${last + 1}, ${page.total} onboardings`), next));
  }

  async function showDetails(processInstanceId) {
    details.replaceChildren(el('p', null, 'Loading…'));
    try {
      const timeline = await getJson(historyApi() + '/' + encodeURIComponent(processInstanceId) + '/timeline');
      const onboarding = timeline.onboarding;
      const diagram = el('div', { class: 'onb-diagram' }, 'Loading diagram…');
      details.replaceChildren(
        el('h2', null, 'Onboarding of ' + onboarding.email),
        el('p', null, el('a', { class: 'onb-permalink', href: linkTo(processInstanceId) }, 'Link to this onboarding')),
        el('p', { class: 'onb-summary' },
          'Started ', time(onboarding.startedAt), ' by ', onboarding.startedBy || 'nobody signed in',
          onboarding.endedAt ? ', ended ' + time(onboarding.endedAt) : ', still running', ': ',
          outcomeBadge(onboarding.outcome),
          onboarding.outcomeReason ? ' ' + onboarding.outcomeReason : ''),
        el('h2', null, 'Timeline'),
        timelineTable(timeline.entries),
        el('h2', null, 'Path taken'),
        diagram);
      const xml = await getJson(api.engineApi + '/process-definition/'
        + encodeURIComponent(timeline.processDefinitionId) + '/xml');
      diagram.replaceChildren(drawDiagram(xml.bpmn20Xml, new Set(timeline.passedActivityIds),
        new Set(timeline.activeActivityIds)));
    } catch (error) {
      details.replaceChildren(el('p', { class: 'onb-error' }, error.message));
    }
  }

  load();
  const linked = linkedOnboarding();
  if (linked) {
    showDetails(linked);
  }
}

/** A bookmarkable address of one onboarding's details: the view's route with the process instance id. */
function linkTo(processInstanceId) {
  return '#' + ROUTE + '?' + new URLSearchParams({ onboarding: processInstanceId });
}

function linkedOnboarding() {
  const hash = window.location.hash;
  const search = hash.indexOf('?');
  return search < 0 ? null : new URLSearchParams(hash.substring(search + 1)).get('onboarding');
}

function timelineTable(entries) {
  return el('table', { class: 'onb-table onb-timeline cam-table' },
    el('thead', null, el('tr', null, ['When', 'Until', 'What', 'Who', 'Details'].map(h => el('th', null, h)))),
    el('tbody', null, entries.map(entry => el('tr', { 'data-source': entry.source },
      el('td', null, time(entry.at)),
      el('td', null, time(entry.endedAt)),
      el('td', null, el('span', { class: 'onb-source' }, entry.source), ' ', entry.what),
      el('td', null, entry.actor),
      el('td', null, [entry.detail, entry.ip && 'from ' + entry.ip, entry.userAgent]
        .filter(Boolean).join(' · '))))));
}

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';
const DI = 'http://www.omg.org/spec/DD/20100524/DI';
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  if (text) {
    element.textContent = text;
  }
  return element;
}

/** Short lines of at most `width` characters, for labels inside shapes. */
function wrap(text, width) {
  return text.split(/\s+/).reduce((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width) {
      lines[lines.length - 1] = last + ' ' + word;
    } else {
      lines.push(word);
    }
    return lines;
  }, []);
}

function label(group, text, x, y, width) {
  wrap(text, width).forEach((line, index) => {
    group.append(svg('text', { x, y: y + index * 13, 'text-anchor': 'middle' }, line));
  });
}

/**
 * A plain drawing of the model from its diagram interchange: shapes and flows, with the activities
 * the onboarding passed in green and those it waits in blue. The engine records no sequence flows,
 * so a flow counts as taken when the onboarding passed both of its ends.
 */
function drawDiagram(xmlText, passed, active) {
  const xml = new DOMParser().parseFromString(xmlText, 'application/xml');
  const elements = new Map();
  Array.from(xml.getElementsByTagNameNS(BPMN, '*'))
    .filter(element => element.getAttribute('id'))
    .forEach(element => elements.set(element.getAttribute('id'), element));
  const drawing = svg('svg', {});
  const edges = svg('g', {});
  const shapes = svg('g', {});
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const extend = (x, y) => {
    box.minX = Math.min(box.minX, x); box.minY = Math.min(box.minY, y);
    box.maxX = Math.max(box.maxX, x); box.maxY = Math.max(box.maxY, y);
  };

  Array.from(xml.getElementsByTagNameNS(BPMNDI, 'BPMNShape')).forEach(shape => {
    const id = shape.getAttribute('bpmnElement');
    const element = elements.get(id);
    const bounds = Array.from(shape.getElementsByTagNameNS(DC, 'Bounds'));
    if (!element || bounds.length === 0) {
      return;
    }
    const [x, y, width, height] = ['x', 'y', 'width', 'height'].map(name => Number(bounds[0].getAttribute(name)));
    extend(x, y); extend(x + width, y + height + 30);
    const kind = element.localName;
    const name = element.getAttribute('name') || '';
    const state = active.has(id) ? ' onb-active' : passed.has(id) ? ' onb-passed' : '';
    const group = svg('g', { class: 'onb-element' + state, 'data-element-id': id });
    if (kind.endsWith('Event')) {
      group.append(svg('circle', { class: 'onb-shape', cx: x + width / 2, cy: y + height / 2, r: width / 2 }));
    } else if (kind.endsWith('Gateway')) {
      const cx = x + width / 2;
      const cy = y + height / 2;
      group.append(svg('polygon', { class: 'onb-shape',
        points: `${cx},${y} ${x + width},${cy} ${cx},${y + height} ${x},${cy}` }));
    } else if (kind === 'subProcess') {
      group.append(svg('rect', { class: 'onb-shape onb-container', x, y, width, height, rx: 10 }));
      group.append(svg('text', { x: x + 8, y: y + 16 }, name));
      shapes.prepend(group);
      return;
    } else {
      group.append(svg('rect', { class: 'onb-shape', x, y, width, height, rx: 10 }));
      label(group, name, x + width / 2, y + height / 2 - 6, 14);
    }
    if (name && !kind.endsWith('Task')) {
      const labelBounds = bounds[1];
      const lx = labelBounds ? Number(labelBounds.getAttribute('x')) + Number(labelBounds.getAttribute('width')) / 2
        : x + width / 2;
      const ly = labelBounds ? Number(labelBounds.getAttribute('y')) + 10 : y + height + 14;
      label(group, name, lx, ly, 18);
    }
    group.append(svg('title', {}, name || id));
    shapes.append(group);
  });

  Array.from(xml.getElementsByTagNameNS(BPMNDI, 'BPMNEdge')).forEach(edge => {
    const id = edge.getAttribute('bpmnElement');
    const flow = elements.get(id);
    const points = Array.from(edge.getElementsByTagNameNS(DI, 'waypoint'))
      .map(point => [Number(point.getAttribute('x')), Number(point.getAttribute('y'))]);
    if (!flow || points.length < 2) {
      return;
    }
    points.forEach(([x, y]) => extend(x, y));
    const taken = passed.has(flow.getAttribute('sourceRef')) && passed.has(flow.getAttribute('targetRef'));
    edges.append(svg('polyline', { class: 'onb-edge' + (taken ? ' onb-taken' : ''), 'data-element-id': id,
      points: points.map(point => point.join(',')).join(' ') }));
  });

  const margin = 10;
  drawing.setAttribute('viewBox', [box.minX - margin, box.minY - margin, box.maxX - box.minX + 2 * margin,
    box.maxY - box.minY + 2 * margin].join(' '));
  // As wide as the view allows, never wider than drawn; the height follows the viewBox
  drawing.setAttribute('width', '100%');
  drawing.style.maxWidth = (box.maxX - box.minX + 2 * margin) + 'px';
  drawing.append(edges, shapes);
  return drawing;
}

/*
 * Funnel chart (self-contained section): how many invitations reached each stage in [from, to), UTC
 * days, counted by GET /history/funnel from the audit trail, so every node draws the same bars.
 */
const FUNNEL_STYLE = `
.onb-funnel { margin: 0 0 20px; max-width: 640px; }
.onb-funnel-bars { margin-top: 10px; }
.onb-funnel-row { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.onb-funnel-stage { width: 80px; text-align: right; }
.onb-funnel-bar { height: 16px; background: #6a9fd4; min-width: 1px; }
.onb-funnel-row[data-stage="expired"] .onb-funnel-bar, .onb-funnel-row[data-stage="revoked"] .onb-funnel-bar { background: #d9a0a0; }
`;

function isoDay(date) {
  return date.toISOString().substring(0, 10);
}

function funnelSection() {
  const today = new Date();
  const from = el('input', { type: 'date', class: 'form-control', name: 'funnelFrom',
    value: isoDay(new Date(today.getTime() - 30 * 86400000)) });
  const to = el('input', { type: 'date', class: 'form-control', name: 'funnelTo',
    value: isoDay(new Date(today.getTime() + 86400000)) });
  const bars = el('div', { class: 'onb-funnel-bars' });
  const form = el('form', { class: 'onb-filters' },
    el('label', null, 'From', from),
    el('label', null, 'to (not included)', to),
    el('button', { type: 'submit', class: 'btn btn-default onb-funnel-show' }, 'Show funnel'));

  async function show() {
    const url = historyApi().replace(/\/onboardings$/, '/funnel') + '?' + query({ from: from.value, to: to.value });
    try {
      const funnel = await getJson(url);
      const largest = Math.max(1, ...funnel.stages.map(stage => stage.invitations));
      bars.replaceChildren(...funnel.stages.map(stage => el('div', { class: 'onb-funnel-row', 'data-stage': stage.stage },
        el('span', { class: 'onb-funnel-stage' }, stage.stage),
        el('span', { class: 'onb-funnel-bar', style: 'width: ' + Math.round(400 * stage.invitations / largest) + 'px' }),
        el('span', { class: 'onb-funnel-count' }, stage.invitations))));
    } catch (error) {
      bars.replaceChildren(el('p', { class: 'onb-error' },
        error.message.includes('answered 400') ? 'Choose a range of one day to a year.' : error.message));
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    show();
  });
  show();
  return el('section', { class: 'onb-funnel' },
    el('style', null, FUNNEL_STYLE),
    el('h2', null, 'Funnel'),
    el('p', null, 'Invitations that reached each stage in the range, from the invitation audit trail.'),
    form, bars);
}

export default [
  {
    id: 'onboardings',
    pluginPoint: 'cockpit.navigation',
    priority: 50,
    // Without render, Cockpit draws a plain menu link from pagePath and label
    properties: { path: ROUTE, pagePath: '#' + ROUTE, label: 'Onboardings' }
  },
  {
    id: 'onboardings-view',
    pluginPoint: 'cockpit.route',
    properties: { path: ROUTE },
    render(node, { api }) {
      renderView(node, api);
    }
  }
];
