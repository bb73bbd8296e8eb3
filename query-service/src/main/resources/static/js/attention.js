// Who needs attention: everyone flagged on their team's board, or due to rotate back within the chosen months,
// across the teams the signed-in user may see (GET /api/attention). The filters and the order live in the page's
// address, so a list can be bookmarked and shared; the same list downloads as CSV. The list comes a page at a time
// (the API's limit and offset, in the address too); Previous and Next move through it, the counts are the whole list's.
import * as api from './api.js';
import * as auth from './auth.js';
import {
  el, flagChips, formatDate, kindLabel, naturalCompare, pageUrl, params, percent, renderHeader, showProblem, showRefusal, signedIn, status,
  teamWords,
} from './ui.js';

const who = await signedIn();
const $ = (id) => document.getElementById(id);

/** The form's fields, by the API's parameter names. */
const FIELDS = { team: 'filter-team', flag: 'filter-flag', role: 'filter-role', pmoType: 'filter-pmo-type', withinMonths: 'filter-within' };
const SORTABLE = { name: 'Person', team: 'Team', retention: 'Delivery kept', rotateBackBy: 'Rotate back by' };
let answer = null;

/** The list's query from the page's address: the filters and the order (rotate-back date, earliest first, by default). */
function query() {
  const from = params();
  const q = {};
  for (const key of [...Object.keys(FIELDS), 'sort', 'direction', 'asOf', 'offset', 'limit']) {
    if (from.get(key)) q[key] = from.get(key);
  }
  return q;
}

function fillForm(q) {
  for (const [key, id] of Object.entries(FIELDS)) {
    $(id).value = q[key] ?? (key === 'withinMonths' ? '3' : '');
  }
}

/** Puts the query in the address (a new history entry: Back returns to the previous list) and loads it. */
function go(q) {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== '' && v !== undefined)).toString();
  window.history.pushState({}, '', url);
  load();
}

function formQuery() {
  const q = { ...query() };
  for (const [key, id] of Object.entries(FIELDS)) q[key] = $(id).value;
  if (q.withinMonths === '3') delete q.withinMonths;
  delete q.offset; // other filters: another list, from its first page
  return q;
}

// ---- the table ---------------------------------------------------------------------------------

const COLUMNS = [
  { label: 'Person', sort: 'name', cell: (p) => el('a', { href: pageUrl('career.html', { person: p.personId }) }, p.displayName || 'Unnamed') },
  { label: 'Team', sort: 'team', cell: (p) => el('a', { href: pageUrl('team.html', { team: p.teamId }) }, teamWords(p.teamId, p.teamName)) },
  { label: 'Current role', cell: roleWords },
  { label: 'Delivery kept', sort: 'retention', num: true, cell: (p) => (p.deliveryRetention === null || p.deliveryRetention === undefined
    ? el('span', { class: 'none' }, 'No delivery history yet') : percent(p.deliveryRetention)) },
  { label: 'Rotate back by', sort: 'rotateBackBy', cell: rotateBackWords },
  { label: 'Flags', cell: flagWords },
  { label: 'Action', action: true, cell: (p) => el('a', { href: pageUrl('record.html', { person: p.personId }), class: 'record-link',
    'aria-label': `Record an event for ${p.displayName || 'this person'}` }, 'Record an event') },
];

function roleWords(p) {
  const a = p.currentAssignment;
  if (!a) return el('span', { class: 'none' }, 'None');
  return `${kindLabel(a.kind, a.pmoType)}${a.name ? `: ${a.name}` : ''}`;
}

function rotateBackWords(p) {
  if (!p.rotateBackBy) return '—';
  const passed = p.rotateBackBy <= answer.asOf;
  return el('span', {}, formatDate(p.rotateBackBy), passed ? el('br') : null, passed ? el('strong', { class: 'overdue' }, 'passed') : null);
}

function flagWords(p) {
  if (!p.flags.length) return el('span', { class: 'none' }, p.rotateBackWithinWindow ? 'None yet: rotate-back date is near' : 'None');
  return flagChips(p.flags, p.offPlan);
}

function renderHead() {
  const q = query();
  const sort = q.sort || 'rotateBackBy';
  const direction = q.direction === 'desc' ? 'descending' : 'ascending';
  $('attention-table').tHead.rows[0].replaceChildren(...COLUMNS.map((column) => {
    if (!column.sort) return el('th', { scope: 'col' }, column.label);
    const sorted = sort === column.sort;
    const button = el('button', { type: 'button', class: 'sort', 'data-sort': column.sort }, column.label,
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (direction === 'ascending' ? '▲' : '▼') : '↕'));
    button.addEventListener('click', async () => {
      const next = { ...q, sort: column.sort, direction: sorted && direction === 'ascending' ? 'desc' : 'asc' };
      if (next.direction === 'asc') delete next.direction;
      delete next.offset; // another order: from the first page
      go(next);
    });
    return el('th', { scope: 'col', class: column.num ? 'num' : '', 'aria-sort': sorted ? direction : 'none' }, button);
  }));
}

function renderPeople() {
  renderHead();
  const rows = answer.people.map((p) => el('tr', { class: p.flags.length ? 'flagged' : '', 'data-person': p.personId },
    COLUMNS.map((column, i) => (i === 0 ? el('th', { scope: 'row' }, column.cell(p))
      : el('td', { class: `${column.num ? 'num' : ''}${column.action ? ' action' : ''}`.trim() || null }, column.cell(p))))));
  $('attention-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: COLUMNS.length, class: 'empty' }, 'Nobody needs attention with these filters.'))]));
  const within = answer.withinMonths;
  $('people-summary').textContent = `${answer.count} ${answer.count === 1 ? 'person needs' : 'people need'} attention as of `
    + `${formatDate(answer.asOf)}: flagged, or due to rotate back within ${within} ${within === 1 ? 'month' : 'months'}.`;
}

/** Where this page is in the whole list, and Previous / Next when there is more than one page. */
function renderPager() {
  const shown = answer.people.length;
  const first = answer.offset + 1;
  $('page-position').textContent = shown
    ? `People ${first}–${answer.offset + shown} of ${answer.count}`
    : `No people from ${first} on: the list has ${answer.count}`;
  $('page-previous').disabled = answer.offset === 0;
  $('page-next').disabled = !answer.more;
  $('pager').hidden = answer.offset === 0 && !answer.more;
}

/** Another page of the same list: the address keeps where one is, so Back returns to the previous page. */
function turnPage(step) {
  const q = query();
  const offset = Math.max(0, answer.offset + step * answer.limit);
  if (offset === 0) delete q.offset;
  else q.offset = String(offset);
  go(q);
}

function renderTeams() {
  $('team-counts').replaceChildren(...answer.teams.map((t) => el('li', { class: t.count ? 'has-people' : null, 'data-team': t.teamId },
    el('a', { href: pageUrl('team.html', { team: t.teamId }) }, teamWords(t.teamId, t.teamName)),
    el('span', { class: 'count' }, String(t.count)),
    `of ${t.members} in the team`,
    t.count ? el('span', { class: 'hint figures' }, teamFigures(t)) : null)));
}

/** Figures about a team's listed people, or why they are withheld (the boards' rule: fewer than 5 people). */
function teamFigures(t) {
  if (!t.aggregates) return 'Average delivery kept withheld: fewer than 5 people.';
  if (t.aggregates.averageDeliveryRetention === null) return 'None of them has delivery history yet.';
  return `Average delivery kept among them: ${percent(t.aggregates.averageDeliveryRetention)}.`;
}

// ---- loading -------------------------------------------------------------------------------------

async function load() {
  const q = query();
  fillForm(q);
  status('Loading who needs attention…', 'working');
  try {
    answer = await api.query('/api/attention', q);
    $('problem').replaceChildren();
    $('content').hidden = false;
    renderTeams();
    renderPeople();
    renderPager();
    status(`Showing ${answer.count} ${answer.count === 1 ? 'person' : 'people'} in ${answer.teams.length} `
      + `${answer.teams.length === 1 ? 'team' : 'teams'}.`, 'ok');
  } catch (e) {
    $('content').hidden = true;
    status('');
    if (e.status === 403) showRefusal($('problem'), e, 'team');
    else showProblem($('problem'), e, 'Could not load the list');
  }
}

/**
 * The list as CSV, as the API gives it for the same query. A plain link could not send the access token, so the
 * file is fetched with it and handed to the browser as a download of an object URL.
 */
async function downloadCsv() {
  const button = $('download-csv');
  button.disabled = true;
  try {
    const url = new URL('/api/attention', window.location.origin);
    // the whole list, whatever page is shown
    for (const [key, value] of Object.entries(query())) if (key !== 'offset' && key !== 'limit') url.searchParams.set(key, value);
    const token = await auth.bearer();
    const headers = { Accept: 'text/csv, application/problem+json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url, { headers });
    if (response.status === 401 && token) await auth.rejected();
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new api.ApiError(response.status, problem, url.toString());
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || 'attention.csv';
    const href = URL.createObjectURL(await response.blob());
    const link = el('a', { href, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
    status(`Downloaded ${name}: ${answer?.count ?? 0} ${answer?.count === 1 ? 'person' : 'people'}.`, 'ok');
  } catch (e) {
    showProblem($('problem'), e, 'Could not download the list');
  } finally {
    button.disabled = false;
  }
}

async function fillTeams() {
  try {
    const teams = await api.teams();
    $('filter-team').append(...teams.map((t) => ({ ...t, words: teamWords(t.teamId, t.teamName) }))
      .sort((a, b) => naturalCompare(a.words, b.words))
      .map((t) => el('option', { value: t.teamId }, t.words)));
  } catch (e) {
    // the list still loads; only the team choice is missing
  }
}

renderHeader('attention');
if (who && !auth.may.listTeams(who)) {
  $('filters').hidden = true;
  $('problem').replaceChildren(el('p', { class: 'withheld', id: 'not-for-role' },
    'This list is for managers, PMO leads and HR administrators. ',
    el('a', { href: pageUrl('career.html', { person: who.personId }) }, 'Open my career')));
} else {
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    if ($('filters').reportValidity()) go(formQuery());
  });
  for (const id of ['filter-team', 'filter-flag', 'filter-role', 'filter-pmo-type']) {
    $(id).addEventListener('change', () => go(formQuery()));
  }
  $('clear-filters').addEventListener('click', () => go({}));
  $('download-csv').addEventListener('click', downloadCsv);
  $('page-previous').addEventListener('click', () => turnPage(-1));
  $('page-next').addEventListener('click', () => turnPage(1));
  window.addEventListener('popstate', load);
  await fillTeams();
  load();
}
