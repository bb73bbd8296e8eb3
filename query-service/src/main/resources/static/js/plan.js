// Plan rotations (issue 19): seats and quarters in a form, solved by the planner (POST /api/plans, records nothing);
// the plan as everyone's recorded and planned roles, each person's predicted delivery retention beside "if nobody
// moves", the score and every rule it breaks in the API's words; "Accept this plan" saves it (POST /api/plans/accepted)
// and plan.html?plan={id} shows a saved one, read-only, with where the records have left it (its drift) and a way to
// re-solve it from today (POST /api/plans/{id}/re-solve, records nothing; accepting the answer saves a new plan).
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, formatDate, formatTime, kindLabel, naturalCompare, pageUrl, params, percent, recent, renderHeader, showProblem, showRefusal,
  signedIn, status, teamWords,
} from './ui.js';
import { clearErrors, showErrors } from './forms.js';
import { drawPlanRetention, drawPlanTimeline, kindLegend } from './charts.js';

const who = await signedIn();
const $ = (id) => document.getElementById(id);
const planId = params().get('plan');
const startTeam = params().get('team') || (who && !may.seeEveryone(who) ? who.managedTeams[0] : null) || recent().teams[0];
const state = { teams: [], members: new Map(), rules: [], request: null, plan: null };

const LEVELS = { HARD: 'Hard', MEDIUM: 'Medium', SOFT: 'Soft' };

// ---- the form -------------------------------------------------------------------------------------

/** The teams the caller may plan (their boards), as ticks; the team the page was opened from ticked. */
async function renderTeams() {
  const teams = (await api.teams()).filter((t) => may.seeBoard(who, t.teamId))
    .sort((a, b) => naturalCompare(teamWords(a.teamId, a.teamName), teamWords(b.teamId, b.teamName)));
  state.teams = teams;
  $('teams').replaceChildren(...teams.map((t, i) => el('div', { class: 'field inline' },
    el('input', { type: 'checkbox', id: `team-${i}`, name: 'teams', value: t.teamId, checked: t.teamId === startTeam }),
    el('label', { for: `team-${i}` }, `${teamWords(t.teamId, t.teamName)} · ${t.members} ${t.members === 1 ? 'member' : 'members'}`))));
  if (!teams.length) $('teams').append(el('p', { class: 'empty' }, 'No team you may plan.'));
  $('teams').addEventListener('change', renderUnwilling);
}

const chosenTeams = () => [...document.querySelectorAll('#teams input:checked')].map((box) => box.value);

/** The members of the chosen teams, by name, to tick who said no; the ticks kept across changes of team. */
async function renderUnwilling() {
  const ticked = new Set([...document.querySelectorAll('#unwilling input:checked')].map((box) => box.value));
  const teams = chosenTeams();
  await Promise.all(teams.filter((t) => !state.members.has(t)).map(async (t) => {
    state.members.set(t, (await api.rotationBoard(t)).members);
  }));
  const people = teams.flatMap((t) => state.members.get(t) || [])
    .sort((a, b) => naturalCompare(a.displayName, b.displayName));
  // a "no" recorded in someone's career counts whatever the ticks say: shown ticked, and not to be unticked here
  $('unwilling').replaceChildren(...people.map((m, i) => el('div', { class: 'field inline' },
    el('input', { type: 'checkbox', id: `unwilling-${i}`, name: 'unwilling', value: m.personId,
      checked: m.willingToJoinPmo === false || ticked.has(m.personId), disabled: m.willingToJoinPmo === false,
      'aria-describedby': 'unwilling-hint' }),
    el('label', { for: `unwilling-${i}` }, m.displayName || 'Name not available',
      m.willingToJoinPmo === false ? el('span', { class: 'hint' }, ' (recorded in their career)') : null))));
  if (!people.length) $('unwilling').append(el('p', { class: 'empty' }, 'Choose a team to list its people.'));
}

/** One seat row: kind, PMO type, name, how many, from which quarter, for how many quarters; named as the API names it. */
function seatRow(seat = {}) {
  const row = el('fieldset', { class: 'seat' }, el('legend', {}, 'Seat'));
  const field = (key, label, control, hint) => el('div', { class: 'field', 'data-key': key },
    el('label', {}, label), control, hint ? el('span', { class: 'hint' }, hint) : null);
  const kind = el('select', { 'data-key': 'kind' },
    el('option', { value: 'PMO' }, 'PMO seats'), el('option', { value: 'TROUBLED_PROGRAM' }, 'Troubled program (one-off)'));
  kind.value = seat.kind || 'PMO';
  const pmoType = el('select', { 'data-key': 'pmoType' },
    el('option', { value: 'PROGRAM' }, 'Program PMO'), el('option', { value: 'ORGANIZATIONAL' }, 'Organizational PMO'),
    el('option', { value: 'EXECUTIVE' }, 'Executive PMO'));
  pmoType.value = seat.pmoType || 'PROGRAM';
  const number = (key, value, min, max) => el('input', { 'data-key': key, type: 'number', min, max, step: 1, inputmode: 'numeric',
    value: value ?? '' });
  const remove = el('button', { type: 'button', class: 'secondary remove-seat' }, 'Remove');
  row.append(el('div', { class: 'row' },
    field('kind', 'Kind', kind),
    field('pmoType', 'PMO type', pmoType),
    field('name', 'Name (optional)', el('input', { 'data-key': 'name', type: 'text', maxlength: 100, value: seat.name || '' })),
    field('count', 'How many', number('count', seat.count ?? 1, 1, 20)),
    field('firstQuarter', 'First quarter', number('firstQuarter', seat.firstQuarter ?? 1, 1, 16)),
    field('quarters', 'For how many quarters (optional)', number('quarters', seat.quarters, 1, 16), 'Empty: to the end.')),
  el('p', { class: 'actions' }, remove));
  const sync = () => {
    const troubled = kind.value === 'TROUBLED_PROGRAM';
    row.querySelector('.field[data-key=pmoType]').hidden = troubled;
    row.querySelector('.field[data-key=count]').hidden = troubled;
  };
  kind.addEventListener('change', sync);
  remove.addEventListener('click', () => {
    row.remove();
    renumberSeats();
    $('add-seat').focus();
    status('Seat removed.', 'ok');
  });
  sync();
  return row;
}

/**
 * Names and ids as the API names its fields (seats.0.count), so that a refusal lands beside its field; legends and
 * the remove buttons' names say which seat.
 */
function renumberSeats() {
  const rows = [...document.querySelectorAll('#seats fieldset.seat')];
  rows.forEach((row, i) => {
    row.querySelector('legend').textContent = `Seat ${i + 1}`;
    for (const control of row.querySelectorAll('[data-key]:is(input, select)')) {
      const key = control.dataset.key;
      control.id = `seat-${i}-${key}`;
      control.name = `seats.${i}.${key}`;
      control.closest('.field').querySelector('label').htmlFor = control.id;
      const hint = control.closest('.field').querySelector('.hint');
      if (hint) {
        hint.id = `seat-${i}-${key}-hint`;
        control.setAttribute('aria-describedby', hint.id);
      }
    }
    const remove = row.querySelector('.remove-seat');
    remove.disabled = rows.length === 1;
    remove.replaceChildren('Remove', el('span', { class: 'visually-hidden' }, ` seat ${i + 1}`));
  });
}

function addSeat(seat) {
  $('seats').append(seatRow(seat));
  renumberSeats();
}

/** The rules with their default weights (GET /api/plans/rules): a level and a weight each, in the advanced part. */
async function renderRules() {
  state.rules = await api.queryApi('/api/plans/rules');
  $('rule-weights').replaceChildren(...state.rules.map((rule) => {
    const id = `rule-${rule.rule}`;
    const level = el('select', { id: `${id}-level`, name: `weights.${rule.rule}.level` },
      ...Object.entries(LEVELS).map(([value, words]) => el('option', { value }, words)));
    level.value = rule.weight.level;
    return el('fieldset', { class: 'rule-weight', 'data-rule': rule.rule }, el('legend', {}, rule.description),
      el('div', { class: 'row' },
        el('div', { class: 'field' }, el('label', { for: `${id}-level` }, 'Level'), level),
        el('div', { class: 'field' }, el('label', { for: `${id}-weight` }, 'Weight'),
          el('input', { id: `${id}-weight`, name: `weights.${rule.rule}.weight`, type: 'number', min: 0, max: 1000000, step: 1,
            inputmode: 'numeric', value: rule.weight.weight, 'aria-describedby': `${id}-default` }),
          el('span', { class: 'hint', id: `${id}-default` }, `Default: ${LEVELS[rule.weight.level].toLowerCase()}, ${rule.weight.weight}.`))));
  }));
}

const numberOrNull = (control) => (control.value.trim() === '' ? null : Number(control.value));

/** The request as the form states it: what is left empty takes the API's default; weights only where changed. */
function request() {
  const seats = [...document.querySelectorAll('#seats fieldset.seat')].map((row) => {
    const value = (key) => row.querySelector(`[data-key=${key}]:is(input, select)`);
    const troubled = value('kind').value === 'TROUBLED_PROGRAM';
    return {
      kind: value('kind').value,
      pmoType: troubled ? null : value('pmoType').value,
      name: value('name').value.trim() || null,
      count: troubled ? null : numberOrNull(value('count')),
      firstQuarter: numberOrNull(value('firstQuarter')),
      quarters: numberOrNull(value('quarters')),
    };
  });
  const weights = {};
  for (const rule of state.rules) {
    const level = $(`rule-${rule.rule}-level`).value;
    const weight = numberOrNull($(`rule-${rule.rule}-weight`));
    if (level !== rule.weight.level || weight !== rule.weight.weight) weights[rule.rule] = { level, weight };
  }
  return {
    teams: chosenTeams(),
    seats,
    horizonQuarters: numberOrNull($('horizon')),
    minimumMonthsInRole: numberOrNull($('minimum-months')),
    maxMovesPerQuarter: numberOrNull($('max-moves')),
    unwilling: [...document.querySelectorAll('#unwilling input:checked:not(:disabled)')].map((box) => box.value),
    weights,
    timeLimitSeconds: numberOrNull($('time-limit')),
    seed: numberOrNull($('seed')),
  };
}

/** A refusal about a rule's weight opens the advanced part, so that its message is seen beside its field. */
function openWhereTheErrorsAre(error) {
  if ((error.fieldErrors || []).some((e) => /^(weights|minimumMonthsInRole|maxMovesPerQuarter)/.test(e.field))) {
    $('advanced').open = true;
  }
}

async function solve(event) {
  event.preventDefault();
  const form = $('plan-form');
  clearErrors(form);
  const asked = request();
  const seconds = asked.timeLimitSeconds || 10;
  const button = $('plan-submit');
  button.disabled = true;
  $('result').setAttribute('aria-busy', 'true');
  status(`Planning… up to ${seconds} s`, 'working');
  try {
    const plan = await api.queryApi('/api/plans', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(asked),
    });
    state.request = asked;
    await show(plan, { readOnly: false });
    status(`Planned ${plan.people.length} ${plan.people.length === 1 ? 'person' : 'people'} over ${plan.quarters.length} quarters: `
      + `${plan.feasible ? 'every hard rule kept' : 'not feasible, hard rules broken'}. Nothing is recorded until you accept it.`, 'ok');
  } catch (e) {
    openWhereTheErrorsAre(e);
    if (e.status === 403) {
      showRefusal(form.querySelector('.form-problem'), e, 'team');
    } else {
      showErrors(form, e);
    }
    status('Not planned.', 'error');
  } finally {
    button.disabled = false;
    $('result').removeAttribute('aria-busy');
  }
}

async function accept() {
  const button = $('accept-plan');
  button.disabled = true;
  status('Saving the plan…', 'working');
  try {
    const saved = await api.queryApi('/api/plans/accepted', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ problem: state.request, assignments: state.plan.assignments }),
    });
    const address = new URL(`plan.html?plan=${encodeURIComponent(saved.id)}`, window.location.href);
    $('saved-plan').replaceChildren('Accepted and saved. The saved plan: ',
      el('a', { href: address.toString(), id: 'saved-plan-link' }, address.toString()));
    $('saved-plan').hidden = false;
    $('accept-bar').hidden = true;
    status('Plan accepted and saved; nothing was recorded in anyone\'s career.', 'ok');
    $('saved-plan-link').focus();
  } catch (e) {
    button.disabled = false;
    status('');
    showProblem($('saved-plan'), e, 'Not saved');
    $('saved-plan').hidden = false;
  }
}

// ---- the answer -------------------------------------------------------------------------------------

/** "0hard/-3medium/-1840soft" → {hard, medium, soft}. */
function score(text) {
  const match = /(-?\d+)hard\/(-?\d+)medium\/(-?\d+)soft/.exec(text || '');
  return match ? { hard: Number(match[1]), medium: Number(match[2]), soft: Number(match[3]) } : { hard: 0, medium: 0, soft: 0 };
}

/** A weight or a cost in words: "100 soft", "1 hard"; nothing for zero. */
function scoreWords(text) {
  const s = score(text);
  return Object.entries(s).filter(([, v]) => v !== 0).map(([level, v]) => `${Math.abs(v)} ${level}`).join(' and ') || 'nothing';
}

function renderScore(plan) {
  const s = score(plan.score);
  const items = [
    el('li', { class: plan.feasible ? 'ok' : 'broken', id: 'plan-feasible' }, plan.feasible
      ? 'Feasible: every hard rule is kept (nobody falls below the rotate-back threshold, nobody holds two seats at once).'
      : `Not feasible: hard rules are broken (hard score ${s.hard}). See the rules the plan breaks.`),
    el('li', {}, s.medium === 0 ? 'Every seat is staffed in every quarter it is open (medium score 0).'
      : `${Math.abs(s.medium)} seat-${Math.abs(s.medium) === 1 ? 'quarter is' : 'quarters are'} left empty (medium score ${s.medium}).`),
    el('li', {}, `Soft score ${s.soft}: what the soft rules cost, traded by weight; closer to 0 is better.`),
    el('li', { class: 'hint' }, `Score ${plan.score}; seed ${plan.seed}; quarter 1 starts ${formatDate(plan.from)}, quarter ${plan.quarters.length} ends `
      + `${formatDate(plan.quarters.at(-1).end)}; teams ${plan.teams.map((t) => teamWords(t)).join(', ')}.`),
  ];
  if (plan.cutShortByTimeLimit) {
    items.push(el('li', {}, 'The time limit stopped the search before its budget: planning again may give another plan.'));
  }
  $('plan-score').replaceChildren(...items);
}

const quarterWords = (plan, quarter) => `quarter ${quarter} (from ${formatDate(plan.quarters[quarter - 1].start)})`;

/** Whom a breach is about: a person by name, else the seat or the team it concerns. */
function whose(breach) {
  if (breach.personId) return breach.displayName || 'Name not available';
  if (breach.seatId) return `Seat ${breach.seatId}`;
  return breach.teamId ? `Team ${teamWords(breach.teamId)}` : 'The plan';
}

function renderBrokenRules(plan) {
  const broken = plan.rules.filter((rule) => rule.breaches.length);
  if (!broken.length) {
    $('broken-rules').replaceChildren(el('p', { id: 'no-rules-broken' }, 'No rules broken.'));
    return;
  }
  $('broken-rules').replaceChildren(el('ul', { id: 'broken-rules-list', class: 'broken-rules' }, ...broken.map((rule) => el('li',
    { 'data-rule': rule.rule },
    el('strong', {}, rule.description), el('br'),
    el('span', { class: 'hint' }, `Weight ${scoreWords(rule.weight)} per unit; costs this plan ${scoreWords(rule.score)}.`),
    el('ul', {}, ...rule.breaches.map((breach) => el('li', {},
      `${whose(breach)}, from ${quarterWords(plan, breach.quarter)}: ${breach.detail}`
      + ` (costs ${scoreWords(breach.score)}).`)))))));
}

/** A quarter's role and what is kept, in words, for the plan's table. */
function quarterCell(q) {
  const role = q.kind === 'DELIVERY' ? 'Delivery' : `${kindLabel(q.kind, q.pmoType)}${q.seatName ? `: ${q.seatName}` : ''}`;
  const kept = q.deliveryRetention === null || q.deliveryRetention === undefined ? 'no delivery history yet'
    : `${percent(q.deliveryRetention)} kept; ${percent(q.deliveryRetentionIfNobodyMoves)} if nobody moves`;
  return el('td', { class: q.belowThreshold ? 'below' : null },
    q.move ? el('span', { class: 'move' }, '↪ moves: ') : null, el('span', { class: 'role' }, role), el('br'),
    el('span', { class: 'hint' }, kept),
    q.belowThreshold ? el('span', { class: 'below-words' }, el('br'), '⚠ below the rotate-back threshold') : null);
}

function renderTable(plan) {
  $('plan-table').tHead.rows[0].replaceChildren(el('th', { scope: 'col' }, 'Person'),
    ...plan.quarters.map((q) => el('th', { scope: 'col' }, `Quarter ${q.quarter}`, el('br'),
      el('span', { class: 'hint' }, formatDate(q.start)))));
  $('plan-table').tBodies[0].replaceChildren(...plan.people.map((p) => el('tr', { 'data-person': p.personId },
    el('th', { scope: 'row' }, el('a', { href: pageUrl('career.html', { person: p.personId }) }, p.displayName || 'Name not available'),
      el('br'), el('span', { class: 'hint' }, p.current ? `now ${kindLabel(p.current.kind, p.current.pmoType)}, ${p.current.months} months`
        : 'no role recorded')),
    ...p.schedule.map(quarterCell))));
}

function renderRetention(plan) {
  const picker = $('plan-retention-person');
  const previous = picker.value;
  picker.replaceChildren(...plan.people.map((p) => el('option', { value: p.personId }, p.displayName || 'Name not available')));
  // by default someone the plan moves into a seat: the curve worth looking at first
  const moved = plan.people.find((p) => p.schedule.some((q) => q.seatId));
  picker.value = plan.people.some((p) => p.personId === previous) ? previous : (moved || plan.people[0])?.personId || '';
  const draw = () => {
    const person = plan.people.find((p) => p.personId === picker.value);
    if (person) drawPlanRetention($('plan-retention-chart'), person, plan);
  };
  picker.onchange = draw;
  draw();
}

async function show(plan, { readOnly }) {
  state.plan = plan;
  $('result').hidden = false;
  $('accept-bar').hidden = readOnly;
  $('accept-plan').disabled = false;
  $('saved-plan').hidden = true;
  $('saved-plan').replaceChildren();
  renderScore(plan);
  renderTable(plan);
  renderBrokenRules(plan);
  if (!plan.people.length) {
    $('plan-retention-person').replaceChildren();
    return;
  }
  renderRetention(plan);
  // the roles recorded so far, beside the planned ones (a timeline the caller may not read is left empty)
  const timelines = await Promise.all(plan.people.map((p) => api.timeline(p.personId).catch(() => null)));
  drawPlanTimeline($('plan-timeline-chart'), plan.people.map((p, i) => ({ ...p, timeline: timelines[i] })), plan);
  $('plan-timeline-legend').replaceChildren(kindLegend());
}

// ---- a saved plan ---------------------------------------------------------------------------------------

async function showSaved() {
  status('Loading the saved plan…', 'working');
  try {
    const plan = await api.queryApi(`/api/plans/${encodeURIComponent(planId)}`);
    $('title').textContent = `Saved plan for ${plan.teams.map((t) => teamWords(t)).join(', ')}`;
    document.title = `${$('title').textContent} · Careerpath`;
    const by = who && plan.acceptedBy && (plan.acceptedBy === who.personId || plan.acceptedBy === `sub:${who.subject}`) ? ' by you' : '';
    $('subtitle').textContent = `Accepted ${formatTime(plan.acceptedAt)}${by}. A plan is intent: nothing in it is recorded in anyone's career.`;
    await show(plan, { readOnly: true });
    renderDrift(plan);
    $('subtitle').append(' ', el('a', { href: pageUrl('plan.html', { team: plan.teams[0] }), id: 'new-plan' }, 'Make a new plan'));
    status(`Showing the saved plan: ${plan.people.length} ${plan.people.length === 1 ? 'person' : 'people'} over ${plan.quarters.length} quarters.`, 'ok');
  } catch (e) {
    status('');
    if (e.status === 403 || e.status === 404) {
      $('problem').replaceChildren(el('div', { class: 'problem refused', role: 'alert', 'data-status': String(e.status) },
        e.status === 404 ? 'No such saved plan.' : 'You may not see this plan: it is open to whoever may open the board of every team it plans.'));
    } else {
      showProblem($('problem'), e, 'Could not load the plan');
    }
  }
}

/** Each stretch in which someone's recorded role differs from the plan, in the API's words, with their name. */
function renderDrift(plan) {
  const names = new Map(plan.people.map((p) => [p.personId, p.displayName || 'Someone whose name you may not see']));
  $('drift-card').hidden = false;
  $('drift-list').replaceChildren(...(plan.drift.length
    ? plan.drift.map((d) => el('li', { class: d.until ? 'drift past' : 'drift ongoing' },
      el('strong', {}, names.get(d.personId) || d.personId), `: ${d.detail}. `, d.until ? null : el('span', { class: 'flag OFF_PLAN' }, 'Off plan now')))
    : [el('li', { class: 'none' }, 'Nobody: everything recorded so far follows the plan.')]));
  $('re-solve').disabled = !plan.problem;
  $('re-solve').addEventListener('click', () => reSolve(plan));
}

async function reSolve(saved) {
  const button = $('re-solve');
  button.disabled = true;
  $('result').setAttribute('aria-busy', 'true');
  status(`Re-solving from today… up to ${saved.problem.timeLimitSeconds || 10} s`, 'working');
  try {
    const plan = await api.queryApi(`/api/plans/${encodeURIComponent(saved.id)}/re-solve`, { method: 'POST' });
    state.request = plan.problem;
    $('drift-card').hidden = true;
    $('title').textContent = `Re-solved plan for ${plan.teams.map((t) => teamWords(t)).join(', ')}`;
    $('subtitle').textContent = `From today, for the ${plan.quarters.length} quarters the saved plan has left. Nothing is saved until you accept it; `
      + 'once accepted, the boards compare the records with it instead.';
    await show(plan, { readOnly: false });
    status(`Re-solved from today: ${plan.feasible ? 'every hard rule kept' : 'not feasible, hard rules broken'}. Nothing is recorded until you accept it.`, 'ok');
  } catch (e) {
    button.disabled = false;
    status('');
    showProblem($('problem'), e, 'Not re-solved');
  } finally {
    $('result').removeAttribute('aria-busy');
  }
}

// ---- the page ----------------------------------------------------------------------------------------------

renderHeader('plan', { team: startTeam });
if (planId) {
  $('accept-plan').addEventListener('click', accept);
  showSaved();
} else if (who && !may.listTeams(who)) {
  $('problem').replaceChildren(el('div', { class: 'problem refused', role: 'alert', 'data-status': '403' },
    'You may not plan rotations: only managers (for their teams), PMO leads and HR administrators may.'));
} else {
  status('Loading the teams and rules…', 'working');
  try {
    await Promise.all([renderTeams(), renderRules()]);
    await renderUnwilling();
    addSeat({ kind: 'PMO', pmoType: 'PROGRAM', count: 1, firstQuarter: 1 });
    $('add-seat').addEventListener('click', () => {
      addSeat();
      const rows = document.querySelectorAll('#seats fieldset.seat');
      rows[rows.length - 1].querySelector('select').focus();
      status(`Seat ${rows.length} added.`, 'ok');
    });
    $('plan-form').addEventListener('submit', solve);
    $('accept-plan').addEventListener('click', accept);
    $('problem-card').hidden = false;
    status(chosenTeams().length ? `Ready to plan team ${chosenTeams().map((t) => teamWords(t)).join(', ')}.` : 'Choose the teams to plan.', 'ok');
  } catch (e) {
    status('');
    showProblem($('problem'), e, 'Could not load the planning form');
  }
}
