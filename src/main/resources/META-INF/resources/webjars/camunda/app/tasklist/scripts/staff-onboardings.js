/*
 * Tasklist plugin: the staff's Onboardings view. A navbar action opens it over Tasklist; it lists the
 * onboardings the signed-in staff member may see, with where each stands, from our read-only endpoint
 * /staff/onboardings (staffview package), which uses the Tasklist session. Its actions are process
 * starts through the webapp's own engine API, exactly as Tasklist's start form does it (the session,
 * the X-XSRF-TOKEN header), so the engine authorizes and records the staff member; the review task
 * opens in Tasklist itself.
 */

import { el, getJson, ourEndpoint, query, time } from '../../shared/onboarding-ui.js';

const STAFF_API = ourEndpoint('/staff/onboardings');
/** How a failed read reads. */
const READING = { forbidden: 'Only onboarding staff may see the onboardings.', name: 'The onboardings' };

const PAGE_SIZE = 20;
const RESEND_PROCESS_KEY = 'resend-invitation';
const REVOKE_PROCESS_KEY = 'revoke-invitation';

const STATES = {
  SENDING: 'invitation being sent',
  SENT: 'invitation sent',
  OPENED: 'invitation opened',
  ACCEPTED: 'accepted',
  ONBOARDED: 'onboarded',
  EXPIRED: 'expired, waiting for review',
  REVOKED: 'revoked',
  CLOSED: 'closed',
  NOT_INVITED: 'not invited',
  CANCELLED: 'cancelled'
};

const STYLE = `
.sob-open { cursor: pointer; }
.sob-overlay { position: fixed; inset: 0; z-index: 1050; background: #fff; overflow: auto; padding: 15px 25px; }
.sob-overlay h1 { font-size: 22px; margin: 0 0 15px; display: flex; justify-content: space-between; align-items: center; }
.sob-filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; margin-bottom: 15px; }
.sob-filters label { display: flex; flex-direction: column; font-weight: normal; margin: 0; }
.sob-table { width: 100%; border-collapse: collapse; }
.sob-table th, .sob-table td { padding: 5px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.sob-state { padding: 1px 6px; border-radius: 3px; background: #eee; white-space: nowrap; }
.sob-state-SENT, .sob-state-SENDING, .sob-state-OPENED, .sob-state-ACCEPTED { background: #d9edf7; }
.sob-state-ONBOARDED { background: #dff0d8; }
.sob-state-EXPIRED { background: #fcf8e3; }
.sob-state-REVOKED, .sob-state-CANCELLED { background: #f2dede; }
.sob-muted { color: #666; font-size: 12px; }
.sob-actions { display: flex; flex-wrap: wrap; gap: 5px; }
.sob-confirm { display: flex; gap: 5px; margin-top: 5px; }
.sob-confirm input { min-width: 220px; }
.sob-pager { margin: 10px 0; display: flex; gap: 10px; align-items: center; }
.sob-error { color: #a94442; }
.sob-notice { color: #3c763d; }
`;

/** Camunda's CSRF token, read when it is needed: the one the plugin was given may predate the login. */
function csrfToken(api) {
  const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : api.CSRFToken;
}

/** Starts a process through the engine API as Tasklist's start form does; the refusal's message if any. */
async function startProcess(api, key, variables) {
  const body = { variables: {} };
  Object.entries(variables).forEach(([name, value]) => {
    body.variables[name] = { value, type: 'String' };
  });
  const response = await fetch(api.engineApi + '/process-definition/key/' + encodeURIComponent(key) + '/submit-form', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api) },
    body: JSON.stringify(body)
  });
  if (!response.ok) {
    let message = 'The engine answered ' + response.status + '.';
    try {
      message = (await response.json()).message || message;
    } catch (ignored) {
      // no JSON body: keep the status
    }
    throw new Error(message);
  }
}

/** Tasklist's own address of a task, in this webapp. */
function taskLink(taskId) {
  return window.location.pathname + '#/?' + new URLSearchParams({ task: taskId });
}

function openView(api) {
  const existing = document.querySelector('.sob-overlay');
  if (existing) {
    existing.remove();
  }
  const state = { filters: {}, page: 0 };
  const inputs = {
    email: el('input', { type: 'text', class: 'form-control', name: 'email', placeholder: 'part of the email' }),
    company: el('input', { type: 'text', class: 'form-control', name: 'company', placeholder: 'part of the company' }),
    state: el('select', { class: 'form-control', name: 'state' },
      el('option', { value: '' }, 'any'),
      Object.entries(STATES).map(([value, label]) => el('option', { value }, label))),
    startedBy: el('input', { type: 'text', class: 'form-control', name: 'startedBy', placeholder: 'user id' }),
    from: el('input', { type: 'date', class: 'form-control', name: 'from' }),
    to: el('input', { type: 'date', class: 'form-control', name: 'to' })
  };
  const form = el('form', { class: 'sob-filters' },
    el('label', null, 'Email', inputs.email),
    el('label', null, 'Company', inputs.company),
    el('label', null, 'State', inputs.state),
    el('label', null, 'Started by', inputs.startedBy),
    el('label', null, 'Started from', inputs.from),
    el('label', null, 'to', inputs.to),
    el('button', { type: 'submit', class: 'btn btn-primary sob-search' }, 'Search'));
  const notice = el('p', { class: 'sob-notice', role: 'status' });
  const list = el('div', { class: 'sob-list' });
  const close = el('button', { type: 'button', class: 'btn btn-default sob-close' }, 'Close');
  const overlay = el('div', { class: 'sob-overlay', role: 'dialog', 'aria-label': 'Onboardings' },
    el('style', null, STYLE),
    el('h1', null, 'Onboardings', close),
    form, notice, list);
  document.body.append(overlay);
  close.addEventListener('click', () => overlay.remove());

  async function load() {
    list.replaceChildren(el('p', null, 'Loading…'));
    try {
      const page = await getJson(STAFF_API + '?' + query(state.filters, { page: state.page, size: PAGE_SIZE }), READING);
      list.replaceChildren(table(page), pager(page));
    } catch (error) {
      list.replaceChildren(el('p', { class: 'sob-error' }, error.message));
    }
  }

  function pager(page) {
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    const previous = el('button', { type: 'button', class: 'btn btn-default' }, 'Previous');
    const next = el('button', { type: 'button', class: 'btn btn-default' }, 'Next');
    previous.disabled = page.page === 0;
    next.disabled = page.page + 1 >= pages;
    previous.addEventListener('click', () => { state.page--; load(); });
    next.addEventListener('click', () => { state.page++; load(); });
    return el('div', { class: 'sob-pager' }, previous,
      el('span', null, page.total + ' onboardings, page ' + (page.page + 1) + ' of ' + pages), next);
  }

  function table(page) {
    if (page.items.length === 0) {
      return el('p', null, 'No onboarding matches.');
    }
    return el('table', { class: 'sob-table cam-table' },
      el('thead', null, el('tr', null,
        ['Invitee', 'Company', 'State', 'Last event', 'Started', 'Actions'].map(h => el('th', null, h)))),
      el('tbody', null, page.items.map(row)));
  }

  function row(onboarding) {
    const event = onboarding.lastEvent;
    const client = [event.ip && 'from ' + event.ip, event.userAgent].filter(Boolean).join(' · ');
    const actions = el('div', { class: 'sob-actions' });
    const cell = el('td', null, actions);
    onboarding.actions.forEach(action => {
      if (action === 'REVIEW') {
        actions.append(el('a', { class: 'btn btn-default btn-xs sob-review', href: taskLink(onboarding.reviewTaskId) },
          'Open review task'));
      } else if (action === 'RESEND') {
        actions.append(actionButton('Resend now', 'sob-resend', cell, onboarding, RESEND_PROCESS_KEY, 'resendReason',
          'Invitation resent to ' + onboarding.email + ': the old link no longer works.'));
      } else if (action === 'REVOKE') {
        actions.append(actionButton('Revoke', 'sob-revoke', cell, onboarding, REVOKE_PROCESS_KEY, 'revokeReason',
          'Invitation to ' + onboarding.email + ' revoked.'));
      }
    });
    return el('tr', { class: 'sob-row', 'data-process-instance-id': onboarding.processInstanceId },
      el('td', null, onboarding.email, el('div', { class: 'sob-muted' },
        [onboarding.firstName, onboarding.lastName].filter(Boolean).join(' '))),
      el('td', null, onboarding.company),
      el('td', null, el('span', { class: 'sob-state sob-state-' + onboarding.state }, onboarding.stateWords),
        onboarding.outcomeReason ? el('div', { class: 'sob-muted' }, onboarding.outcomeReason) : null),
      el('td', { class: 'sob-last-event' }, event.what, el('div', { class: 'sob-muted' },
        time(event.at), client ? ' · ' + client : '')),
      el('td', null, time(onboarding.startedAt), el('div', { class: 'sob-muted' }, onboarding.startedBy)),
      cell);
  }

  /** A button that asks for the reason in place, then starts the process. */
  function actionButton(label, className, cell, onboarding, processKey, reasonField, done) {
    const button = el('button', { type: 'button', class: 'btn btn-default btn-xs ' + className }, label);
    button.addEventListener('click', () => {
      cell.querySelectorAll('.sob-confirm').forEach(open => open.remove());
      const reason = el('input', { type: 'text', class: 'form-control input-sm sob-reason', maxlength: '500',
        placeholder: 'reason (required)', 'aria-label': 'Reason' });
      const confirm = el('button', { type: 'submit', class: 'btn btn-primary btn-xs sob-confirm-action' }, label);
      const cancel = el('button', { type: 'button', class: 'btn btn-link btn-xs' }, 'Cancel');
      const error = el('div', { class: 'sob-error' });
      const confirmation = el('form', { class: 'sob-confirm' }, reason, confirm, cancel);
      cancel.addEventListener('click', () => { confirmation.remove(); error.remove(); });
      confirmation.addEventListener('submit', async submitted => {
        submitted.preventDefault();
        if (!reason.value.trim()) {
          error.textContent = 'Give a reason.';
          return;
        }
        confirm.disabled = true;
        try {
          await startProcess(api, processKey, { email: onboarding.email, [reasonField]: reason.value });
          notice.textContent = done;
          load();
        } catch (refused) {
          error.textContent = refused.message;
          confirm.disabled = false;
        }
      });
      cell.append(confirmation, error);
      reason.focus();
    });
    return button;
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    state.filters = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    state.page = 0;
    notice.textContent = '';
    load();
  });
  load();
}

export default {
  id: 'staff-onboardings',
  pluginPoint: 'tasklist.navbar.action',
  // Beside Camunda's own "Start process" (priority 100)
  priority: 150,
  render(node, { api }) {
    const open = el('a', { href: '', class: 'sob-open', role: 'button', title: 'Where each onboarding stands' },
      el('span', { class: 'glyphicon glyphicon-list-alt' }), ' Onboardings');
    open.addEventListener('click', event => {
      event.preventDefault();
      openView(api);
    });
    node.append(open);
  }
};
