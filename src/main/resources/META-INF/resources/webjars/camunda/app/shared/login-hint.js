/*
 * Under each webapp's login form, who the webapp is for and where the others go. Camunda's own refusal of
 * a user whose grants do not open this webapp ("Login Failed: ... missing access rights to application")
 * names no way on; staff who opened Cockpit, say, read here that their work is in Tasklist.
 */

import { el } from './onboarding-ui.js';

const WEBAPPS = {
  tasklist: { name: 'Tasklist', for: 'onboarding staff' },
  cockpit: { name: 'Cockpit', for: 'auditors and operators' },
  admin: { name: 'Admin', for: 'administrators' }
};

function hint(current) {
  const appRoot = document.querySelector('base').getAttribute('app-root');
  const others = Object.entries(WEBAPPS).filter(([id]) => id !== current && id !== 'admin');
  return el('p', { class: 'onb-login-hint', style: 'margin-top: 15px; text-align: center;' },
    WEBAPPS[current].name + ' is for ' + WEBAPPS[current].for + '. ',
    others.flatMap(([id, webapp], index) => [index > 0 ? ' ' : null,
      'For ' + webapp.for + ': ',
      el('a', { href: appRoot + '/app/' + id + '/default/' }, 'open ' + webapp.name), '.']));
}

/** Keeps the hint under the login form whenever the webapp shows it (it draws the form anew on each visit). */
export function showLoginHint(current) {
  const place = () => {
    const form = document.querySelector('.form-signin form');
    if (form && !form.parentNode.querySelector('.onb-login-hint')) {
      form.after(hint(current));
    }
  };
  new MutationObserver(place).observe(document.documentElement, { childList: true, subtree: true });
  place();
}
