// My team: the rotation board (sortable, flags at a glance), everyone on one timeline, and the
// team aggregates, withheld below the minimum group size with the reason.
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, FLAGS, flagChips, followToday, formatDate, kindLabel, months, naturalCompare, pageUrl, params, percent, recent, rememberTeam, renderHeader,
  teamWords,
  showProblem, showRefusal, signedIn, status, viewpoint,
} from './ui.js';
import { drawTeamTimeline, kindKey, kindLegend, patternCanvas } from './charts.js';
import { downloadButton } from './downloads.js';

const who = await signedIn();
const teamId = params().get('team') || (who && !may.seeEveryone(who) ? who.managedTeams[0] : null) || recent().teams[0];
let asOf = params().get('asOf') || '';
const $ = (id) => document.getElementById(id);
const state = { board: null, sort: { key: 'attention', direction: 'descending' }, chosen: new Set() };
const COMPARE_AT_MOST = 3;

// ---- columns -----------------------------------------------------------------------------------

const blank = (value) => value === null || value === undefined;
const oneDecimal = (value) => (blank(value) ? '—' : (Math.round(value * 10) / 10).toFixed(1));

const COLUMNS = [
  { key: 'name', label: 'Person', value: (m) => (m.displayName || 'Name not available').toLowerCase(), cell: nameCell },
  { key: 'assignment', label: 'Current role', value: (m) => (m.currentAssignment ? kindLabel(m.currentAssignment.kind, m.currentAssignment.pmoType) : ''), cell: roleCell },
  { key: 'since', label: 'In role since', value: (m) => m.currentAssignment?.since ?? null, cell: sinceCell },
  // no delivery history: no retention, an empty cell, so last whichever the direction
  { key: 'retention', label: 'Delivery kept', num: true, value: (m) => m.deliveryRetention ?? null, cell: retentionCell },
  { key: 'rotateBackBy', label: 'Rotate back by', value: (m) => m.rotateBackBy ?? null, cell: rotateBackCell },
  { key: 'sinceDelivery', label: 'Months since delivery', num: true, value: (m) => m.monthsSinceDelivery ?? null, cell: (m) => oneDecimal(m.monthsSinceDelivery) },
  { key: 'admin', label: 'Admin load', num: true, value: (m) => m.adminLoadPercent ?? null, cell: (m) => (blank(m.adminLoadPercent) ? '—' : `${Math.round(m.adminLoadPercent)} %`) },
  { key: 'streak', label: 'Troubled in a row', num: true, value: (m) => m.troubledProgramStreak, cell: (m) => String(m.troubledProgramStreak) },
  { key: 'attention', label: 'Flags', value: (m) => m.flags.length, cell: flagsCell },
  { key: 'actions', label: 'Actions', sortable: false, cell: actionsCell },
];

/** Act from the board: tick to compare, or record an event for this person. */
function actionsCell(m) {
  const name = m.displayName || 'this person';
  const pick = el('input', { type: 'checkbox', class: 'compare-pick', value: m.personId, checked: state.chosen.has(m.personId) });
  pick.addEventListener('change', () => {
    if (pick.checked) state.chosen.add(m.personId); else state.chosen.delete(m.personId);
    renderCompareButton();
  });
  return el('span', { class: 'row-actions' },
    el('label', { class: 'compare-label' }, pick, 'Compare', el('span', { class: 'visually-hidden' }, ` ${name}`)),
    el('a', { class: 'record-link', href: pageUrl('record.html', { person: m.personId }) },
      'Record an event', el('span', { class: 'visually-hidden' }, ` for ${name}`)));
}

function renderCompareButton() {
  const count = state.chosen.size;
  const ready = count >= 2 && count <= COMPARE_AT_MOST;
  $('compare-button').disabled = !ready;
  $('compare-button').textContent = count ? `Compare ${count} ${count === 1 ? 'person' : 'people'}` : 'Compare';
  $('compare-hint').textContent = count > COMPARE_AT_MOST ? `At most ${COMPARE_AT_MOST} at a time: untick ${count - COMPARE_AT_MOST}.`
    : ready ? 'Opens their delivery retention and skills on shared axes.'
      : 'Tick two or three people to compare their delivery retention and skills.';
}

// ---- filters (client side: the board is already here) -------------------------------------------

const ROLE_FILTERS = {
  '': () => true,
  DELIVERY: (m) => m.currentAssignment?.kind === 'DELIVERY',
  PMO: (m) => m.currentAssignment?.kind === 'PMO',
  TROUBLED_PROGRAM: (m) => m.currentAssignment?.kind === 'TROUBLED_PROGRAM',
  NONE: (m) => !m.currentAssignment,
};

function matchesFilters(m) {
  const role = ROLE_FILTERS[$('filter-role').value] || ROLE_FILTERS[''];
  const flag = $('filter-flag').value;
  const flagged = !flag || (flag === 'ANY' ? m.flags.length > 0 : m.flags.includes(flag));
  return role(m) && flagged;
}

function setUpFilters() {
  $('filter-flag').append(...Object.entries(FLAGS).map(([flag, f]) => el('option', { value: flag }, f.text)));
  $('board-filters').addEventListener('change', () => renderBoard());
  $('board-filters').addEventListener('submit', (e) => e.preventDefault());
  $('compare-button').addEventListener('click', () => {
    window.location.assign(`compare.html?${new URLSearchParams({ people: [...state.chosen].join(','), ...(asOf ? { asOf } : {}) })}`);
  });
}

function rotateBackCell(m) {
  if (!m.rotateBackBy) return '—';
  const overdue = m.rotateBackBy <= state.board.asOf;
  return el('span', {}, formatDate(m.rotateBackBy), overdue ? el('br') : null,
    overdue ? el('strong', { class: 'overdue' }, 'overdue') : null);
}

function sinceCell(m) {
  const a = m.currentAssignment;
  if (!a) return '—';
  return el('span', {}, formatDate(a.since), el('br'), el('span', { class: 'hint' }, months(a.months)));
}

function nameCell(m) {
  return el('a', { href: pageUrl('career.html', { person: m.personId, asOf }) }, m.displayName || 'Name not available');
}

function roleCell(m) {
  const a = m.currentAssignment;
  if (!a) return el('span', { class: 'none' }, 'none');
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundImage = `url(${patternCanvas(kindKey(a.kind, a.pmoType)).toDataURL()})`;
  return el('span', { class: 'kind-cell' }, swatch, `${kindLabel(a.kind, a.pmoType)}${a.name ? `: ${a.name}` : ''}`);
}

function retentionCell(m) {
  if (blank(m.deliveryRetention) || m.deliveryHistory === false) return el('span', { class: 'none' }, 'No delivery history yet');
  const low = m.flags.includes('DELIVERY_AT_RISK');
  const meter = el('span', { class: `meter${low ? ' low' : ''}`, 'aria-hidden': 'true' }, el('span'));
  meter.firstChild.style.width = `${Math.round(Math.max(0, Math.min(1, m.deliveryRetention)) * 100)}%`;
  return el('span', { class: 'retention-cell' }, meter, percent(m.deliveryRetention));
}

function flagsCell(m) {
  if (!m.flags.length) return el('span', { class: 'none' }, 'none');
  return flagChips(m.flags, m.offPlan);
}

// ---- sorting -----------------------------------------------------------------------------------

function compare(column, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  // names in natural order ("Spine Probe 2" before "Spine Probe 10"), as the API sends them
  const byName = (a, b) => naturalCompare(a.displayName, b.displayName);
  if (column.key === 'name') return (a, b) => byName(a, b) * sign;
  return (a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return byName(a, b);
    if (x === null || x === undefined) return 1;     // empty cells last, whichever direction
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * sign;
  };
}

function renderHead() {
  const row = $('board').tHead.rows[0];
  row.setAttribute('role', 'row');
  row.replaceChildren(...COLUMNS.map((column) => {
    if (column.sortable === false) return el('th', { scope: 'col', role: 'columnheader', class: 'no-sort' }, column.label);
    const sorted = state.sort.key === column.key;
    const button = el('button', { type: 'button', class: 'sort', 'data-sort': column.key },
      column.label, el('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (state.sort.direction === 'ascending' ? '▲' : '▼') : '↕'));
    button.addEventListener('click', () => {
      state.sort = {
        key: column.key,
        direction: sorted && state.sort.direction === 'ascending' ? 'descending' : 'ascending',
      };
      renderBoard();
      $('board').querySelector(`button[data-sort="${column.key}"]`).focus();
      status(`Sorted by ${column.label.toLowerCase()}, ${state.sort.direction}.`, 'ok');
    });
    return el('th', { scope: 'col', role: 'columnheader', class: column.num ? 'num' : '', 'aria-sort': sorted ? state.sort.direction : 'none' }, button);
  }));
}

function renderBoard() {
  renderHead();
  const column = COLUMNS.find((c) => c.key === state.sort.key);
  const members = state.board.members.filter(matchesFilters).sort(compare(column, state.sort.direction));
  const total = state.board.members.length;
  $('board-count').textContent = `Showing ${members.length} of ${total}`;
  // someone who left the board is no longer chosen
  for (const id of state.chosen) if (!state.board.members.some((m) => m.personId === id)) state.chosen.delete(id);
  renderCompareButton();
  if (!members.length) {
    $('board').tBodies[0].replaceChildren(el('tr', { role: 'row' }, el('td', { role: 'cell', colspan: COLUMNS.length, class: 'empty' },
      'Nobody on the board matches these filters.')));
    return;
  }
  // explicit roles: on narrow screens the rows are laid out as cards, and the table must stay a table
  $('board').tBodies[0].replaceChildren(...members.map((m) => el('tr', { role: 'row', class: m.flags.length ? 'flagged' : '', 'data-person': m.personId },
    COLUMNS.map((c, i) => (i === 0 ? el('th', { scope: 'row', role: 'rowheader' }, c.cell(m))
      : el('td', { role: 'cell', class: c.num ? 'num' : '', 'data-label': c.label }, c.cell(m)))))));
}

// ---- the rest of the page ----------------------------------------------------------------------

function renderAttention() {
  const flagged = state.board.members.filter((m) => m.flags.length);
  $('attention').textContent = flagged.length
    ? `${flagged.length} of ${state.board.members.length} need attention: ${flagged.map((m) => `${m.displayName} (${m.flags.map((f) => FLAGS[f]?.text || f).join(', ').toLowerCase()})`).join('; ')}.`
    : `No flags: all ${state.board.members.length} are fine as of ${formatDate(state.board.asOf)}.`;
  $('flag-key').replaceChildren(...Object.entries(FLAGS).map(([flag, f]) => el('span', {},
    el('span', { class: `flag ${flag}` }, el('span', { 'aria-hidden': 'true' }, f.icon), f.text), ` ${f.why}. `)));
}

function renderAggregates() {
  const board = state.board;
  if (!board.aggregates) {
    $('aggregates').replaceChildren(el('p', { class: 'withheld', id: 'aggregates-withheld' },
      el('strong', {}, 'Withheld. '), board.aggregatesWithheld || 'Not enough people to show aggregates.'));
  } else {
    const a = board.aggregates;
    const item = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
    $('aggregates').replaceChildren(el('dl', { class: 'aggregates', id: 'aggregates-list' },
      item('Members', String(a.members)),
      item('In a PMO role now', percent(a.pmoShare)),
      item('Median time in PMO roles', months(a.medianPmoMonths)),
      item('Rotations in the last year', String(a.rotationsLastYear))));
  }
  const rows = (board.rotationsLastYear || []).map((r) => el('tr', {},
    el('td', {}, formatDate(r.date)),
    el('td', {}, el('a', { href: pageUrl('career.html', { person: r.personId, asOf }) }, r.displayName || 'Name not available')),
    el('td', {}, `${kindLabel(r.from)} → ${kindLabel(r.to)}`)));
  $('rotations').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 3, class: 'empty' }, 'No rotations in the last year.'))]));
}

async function drawTimeline() {
  const members = state.board.members;
  const timelines = await Promise.all(members.map((m) => api.timeline(m.personId, viewpoint()).catch(() => null)));
  drawTeamTimeline($('team-timeline-chart'), members.map((m, i) => ({ personId: m.personId, displayName: m.displayName, timeline: timelines[i] })),
    state.board.asOf);
  $('team-timeline-legend').replaceChildren(kindLegend());
}

/** What people call the team: the board's name for it, else the one remembered, else the id read as a name. */
const teamName = () => teamWords(teamId, state.board?.teamName);

async function show(board) {
  state.board = board;
  rememberTeam(teamId, board.teamName);
  $('problem').replaceChildren();
  $('content').hidden = false;
  document.title = `Team ${teamName()} · Careerpath`;
  $('title').textContent = `Team ${teamName()}`;
  // whoever may open the board may plan its rotations
  $('plan-link').href = pageUrl('plan.html', { team: teamId });
  // the same count as the start page's: who is in the team on the day shown
  $('subtitle').textContent = `${board.members.length} ${board.members.length === 1 ? 'member' : 'members'} in the team on ${formatDate(board.asOf)}`;
  renderBoard();
  renderAttention();
  renderAggregates();
  await drawTimeline();
}

// What others record shows up without a reload: the board is asked for again now and then (it costs
// its members' histories, so less often than a career), and redrawn only when its answer changed.
const FOLLOW_EVERY_MS = 15000;

async function followOthers() {
  if (!state.board) return;
  const board = await api.rotationBoard(teamId, viewpoint());
  // the reader may have picked a past day meanwhile: that view is theirs
  if (params().get('asOf') || JSON.stringify(board) === JSON.stringify(state.board)) return;
  // the headers are drawn anew: a keyboard user sorting the board keeps their place
  const sorting = document.activeElement?.closest?.('#board') ? document.activeElement.dataset.sort : null;
  await show(board);
  if (sorting) $('board').querySelector(`button[data-sort="${sorting}"]`)?.focus();
  status(`Updated while you watched: team ${teamName()} as of ${formatDate(board.asOf)}.`, 'ok');
}

async function load() {
  status(asOf ? `Loading the team as of ${formatDate(asOf)}…` : 'Loading the team…', 'working');
  try {
    await show(await api.rotationBoard(teamId, viewpoint()));
    status(`Showing team ${teamName()} as of ${formatDate(state.board.asOf)}.`, 'ok');
  } catch (e) {
    $('content').hidden = true;
    status('');
    if (e.status === 404) {
      // an empty team on that day is an answer, not a failure
      $('title').textContent = `Team ${teamName()}`;
      $('subtitle').textContent = '';
      $('problem').replaceChildren(el('p', { class: 'withheld', role: 'status' }, `${e.problem?.detail || 'Nobody in this team.'}. `,
        params().get('asOf') && params().get('knownThen') === '1' ? 'Untick “as recorded then” to include what was recorded later, or pick a later day.'
          : params().get('asOf') ? 'Pick a later day.' : 'Register people in this team on the start page.'));
    } else if (e.status === 403) {
      $('title').textContent = `Team ${teamName()}`;
      $('subtitle').textContent = '';
      showRefusal($('problem'), e, 'team');
      if (who?.managedTeams.length) {
        $('problem').append(el('p', {}, 'Your teams: ', ...who.managedTeams.flatMap((t, i) => [i ? ', ' : '',
          el('a', { href: pageUrl('team.html', { team: t }) }, t)])));
      } else if (who?.personId) {
        $('problem').append(el('p', {}, el('a', { href: pageUrl('career.html', { person: who.personId }) }, 'Open my career')));
      }
    } else {
      showProblem($('problem'), e, `Could not load team ${teamName()}`);
    }
  }
}

renderHeader('team', {
  team: teamId,
  onAsOf: (day) => {
    asOf = day;
    load();
  },
});
if (!teamId) {
  showProblem($('problem'), new Error('No team chosen. Pick one on the start page.'));
  $('problem').append(el('p', {}, el('a', { href: 'index.html' }, 'Go to the start page')));
} else {
  setUpFilters();
  downloadButton($('download-board'), {
    what: 'the rotation board', about: 'team', accept: 'text/csv',
    path: () => `/api/teams/${encodeURIComponent(teamId)}/rotation-board`,
    fallbackName: () => `rotation-board-${teamId}.csv`,
  });
  load();
  followToday(FOLLOW_EVERY_MS, followOthers);
}
