/*
 * Cockpit plugin: the auditors' onboarding history. Community Edition Cockpit lists only running
 * instances, so this view reads every onboarding, running or finished, from our read-only endpoint
 * /history/onboardings (history package), which uses the Cockpit session and answers only
 * auditors and admins. It only reads: every request is a GET.
 *
 * Parts, top to bottom: the search and its list, one onboarding's details (summary, timeline in
 * sentences, the path on the BPMN diagram), and the plugin registration.
 */

import { el, getJson, ourEndpoint, query, time } from '../../shared/onboarding-ui.js';

const HISTORY_API = ourEndpoint('/history/onboardings');
/** How a failed read reads. */
const READING = { forbidden: 'You may not read the onboarding history (auditors and admins only).', name: 'The onboarding history' };

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
.onb-error { color: #a94442; }
.onb-timeline-options { margin: 0 0 8px; font-weight: normal; }
.onb-timeline tr.onb-engine-detail td { color: #888; }
.onb-recorded { font-size: 11px; color: #666; }
.onb-diagram { position: relative; height: 420px; border: 1px solid #ddd; background: #fff; }
.onb-diagram > div, .onb-diagram .diagram-holder, .onb-diagram .djs-container { height: 100%; }
.onb-diagram .djs-element.onb-passed .djs-visual > :first-child { fill: #dff0d8 !important; stroke: #3c763d !important; }
.onb-diagram .djs-element.onb-active .djs-visual > :first-child { fill: #d9edf7 !important; stroke: #31708f !important; stroke-width: 3px !important; }
.onb-diagram .djs-element.onb-container .djs-visual > :first-child { fill: transparent !important; }
.onb-diagram .djs-connection.onb-taken .djs-visual > path { stroke: #3c763d !important; stroke-width: 3px !important; }
.onb-legend { font-size: 12px; color: #666; margin: 5px 0; }
`;

function outcomeBadge(outcome) {
  return el('span', { class: 'onb-outcome onb-outcome-' + outcome }, OUTCOMES[outcome] || outcome);
}

/** A service of the running Cockpit (AngularJS), such as its router or its template compiler. */
function cockpitService(name) {
  return window.angular.element(document.documentElement).injector().get(name);
}

/** Draws the view into root; returns what ends it (listeners, the diagram). */
function renderView(root, api) {
  // Cockpit's diagram keeps its viewbox in the address, as in Cockpit's own views, whose routes do not
  // reload for that; a plugin's route would, re-rendering the view on every change of the query
  const route = cockpitService('$route').routes[ROUTE];
  if (route) {
    route.reloadOnSearch = false;
  }
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
    csvLink.setAttribute('href', HISTORY_API + '.csv?' + query(state.filters));
    list.replaceChildren(el('p', null, 'Loading…'));
    try {
      const page = await getJson(HISTORY_API + '?' + query(state.filters, { page: state.page, size: PAGE_SIZE }), READING);
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

  /** Ends the previous onboarding's diagram (its Angular scope) before the next one is drawn. */
  let closeDiagram = () => {};

  let shown = null;

  async function showDetails(processInstanceId) {
    shown = processInstanceId;
    closeDiagram();
    details.replaceChildren(el('p', null, 'Loading…'));
    try {
      const timelineUrl = HISTORY_API + '/' + encodeURIComponent(processInstanceId) + '/timeline';
      const timeline = await getJson(timelineUrl, READING);
      const onboarding = timeline.onboarding;
      const engineDetails = el('input', { type: 'checkbox', class: 'onb-engine-details' });
      const timelineHolder = el('div', null, timelineTable(timeline.entries, false));
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
        el('label', { class: 'onb-timeline-options' }, engineDetails, ' Show engine details'),
        timelineHolder,
        el('h2', null, 'Path taken'),
        el('p', { class: 'onb-legend' }, 'Green: passed. Blue: waiting there now. A green flow joins two passed steps.'),
        diagram);
      engineDetails.addEventListener('change', async () => {
        try {
          const read = engineDetails.checked
            ? await getJson(timelineUrl + '?engineDetails=true', READING) : timeline;
          timelineHolder.replaceChildren(timelineTable(read.entries, engineDetails.checked));
        } catch (error) {
          timelineHolder.replaceChildren(el('p', { class: 'onb-error' }, error.message));
        }
      });
      const xml = await getJson(api.engineApi + '/process-definition/'
        + encodeURIComponent(timeline.processDefinitionId) + '/xml', READING);
      closeDiagram = showDiagram(diagram, xml.bpmn20Xml, new Set(timeline.passedActivityIds),
        new Set(timeline.activeActivityIds));
    } catch (error) {
      details.replaceChildren(el('p', { class: 'onb-error' }, error.message));
    }
  }

  /** An address of one onboarding, opened or pasted while the view is shown. */
  function followLink() {
    const linked = linkedOnboarding();
    if (linked && linked !== shown) {
      showDetails(linked);
    }
  }

  load();
  followLink();
  window.addEventListener('hashchange', followLink);
  return () => {
    window.removeEventListener('hashchange', followLink);
    closeDiagram();
  };
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

/**
 * The story, one sentence per entry as the server tells it. With engine details, the engine's own
 * steps are listed too (greyed) and each entry shows what was recorded.
 */
function timelineTable(entries, engineDetails) {
  const headings = ['When', 'Until', 'What happened'].concat(engineDetails ? ['Recorded as'] : []);
  return el('table', { class: 'onb-table onb-timeline cam-table' },
    el('thead', null, el('tr', null, headings.map(heading => el('th', null, heading)))),
    el('tbody', null, entries.map(entry => el('tr', {
      'data-source': entry.source,
      class: entry.engineDetail ? 'onb-engine-detail' : null
    },
    el('td', null, time(entry.at)),
    // An end in the same second as the start adds nothing to read
    el('td', null, time(entry.endedAt) === time(entry.at) ? '' : time(entry.endedAt)),
    el('td', { class: 'onb-sentence' }, entry.sentence),
    engineDetails ? el('td', { class: 'onb-recorded' },
      [entry.source.toLowerCase(), entry.what, entry.actor, entry.detail, entry.ip, entry.userAgent]
        .filter(Boolean).join(' · ')) : null))));
}

const VIEWER = '<div cam-widget-bpmn-viewer diagram-data="xml" control="control" on-load="loaded()"'
  + ' disable-navigation="true"></div>';

/**
 * Draws the model with Cockpit's own BPMN viewer (its cam-widget-bpmn-viewer directive, bpmn-js
 * shipped in the webapp), compiled with the running Cockpit's Angular injector, and marks the path:
 * passed activities, those waiting now, and the flows between passed ones (the engine records no
 * sequence flows, so a flow counts as taken when the onboarding passed both of its ends).
 * Returns what ends the viewer.
 */
function showDiagram(container, xml, passed, active) {
  const scope = cockpitService('$rootScope').$new(true);
  scope.xml = xml;
  scope.control = {};
  scope.loaded = () => {
    markPath(scope.control.getViewer(), passed, active);
    container.classList.add('onb-diagram-ready');
  };
  container.replaceChildren(cockpitService('$compile')(VIEWER)(scope)[0]);
  scope.$applyAsync();
  return () => scope.$destroy();
}

function markPath(viewer, passed, active) {
  const canvas = viewer.get('canvas');
  viewer.get('elementRegistry').forEach(element => {
    const business = element.businessObject;
    if (element.type === 'bpmn:SequenceFlow') {
      if (passed.has(business.sourceRef.id) && passed.has(business.targetRef.id)) {
        canvas.addMarker(element, 'onb-taken');
      }
      return;
    }
    if (active.has(element.id)) {
      canvas.addMarker(element, 'onb-active');
    } else if (passed.has(element.id)) {
      canvas.addMarker(element, 'onb-passed');
    }
    if (element.type === 'bpmn:SubProcess') {
      // Only its border: the steps inside carry their own colours
      canvas.addMarker(element, 'onb-container');
    }
  });
}

/** Ends the view Cockpit shows now, when Cockpit leaves its route. */
let closeView = () => {};

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
    const url = ourEndpoint('/history/funnel') + '?' + query({ from: from.value, to: to.value });
    try {
      const funnel = await getJson(url, READING);
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
      closeView();
      closeView = renderView(node, api);
    },
    unmount() {
      closeView();
      closeView = () => {};
    }
  }
];
