// My team: the rotation board (sortable, flags at a glance), everyone on one timeline, and the
// team aggregates, withheld below the minimum group size with the reason.
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, FLAGS, followToday, formatDate, kindLabel, months, pageUrl, params, percent, recent, rememberTeam, renderHeader, teamWords,
  showProblem, showRefusal, signedIn, status, viewpoint,
} from './ui.js';
import { drawTeamTimeline, kindKey, kindLegend, patternCanvas } from './charts.js';

const who = await signedIn();
const teamId = params().get('team') || (who && !may.seeEveryone(who) ? who.managedTeams[0] : null) || recent().teams[0];
let asOf = params().get('asOf') || '';
const $ = (id) => document.getElementById(id);
const state = { board: null, sort: { key: 'attention', direction: 'descending' } };

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
];

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
  return el('span', { class: 'flags' }, m.flags.map((flag) => el('span', { class: `flag ${flag}`, title: FLAGS[flag]?.why },
    el('span', { 'aria-hidden': 'true' }, FLAGS[flag]?.icon || '!'), FLAGS[flag]?.text || flag)));
}

// ---- sorting -----------------------------------------------------------------------------------

function compare(column, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return (a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return (a.displayName || '').localeCompare(b.displayName || '');
    if (x === null || x === undefined) return 1;     // empty cells last, whichever direction
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * sign;
  };
}

function renderHead() {
  const row = $('board').tHead.rows[0];
  row.setAttribute('role', 'row');
  row.replaceChildren(...COLUMNS.map((column) => {
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
  const members = [...state.board.members].sort(compare(column, state.sort.direction));
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
  load();
  followToday(FOLLOW_EVERY_MS, followOthers);
}
