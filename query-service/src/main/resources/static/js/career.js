// My career: where one person stands, how they got there, and where a role would take them.
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, figure, followToday, formatDate, formatTime, fromNow, humanize, kindLabel, months, OUTCOMES, pageUrl, params, percent, recent,
  recorderWords, rememberPerson, renderHeader, showProblem, showRefusal, signedIn, skillLabel, status, teamWords, viewpoint,
} from './ui.js';
import { drawCareerTimeline, drawRetention, drawSkills, eventWords, kindLegend } from './charts.js';
import { deliveryWords, keepsDelivery } from './events.js';
import { clearErrors, showErrors } from './forms.js';
import { downloadButton } from './downloads.js';

const who = await signedIn();
const personId = params().get('person') || who?.personId || recent().people[0]?.id;
let asOf = params().get('asOf') || '';
const $ = (id) => document.getElementById(id);

const state = { timeline: null, skills: null, whatIf: null, visible: loadVisibility() };

function loadVisibility() {
  try {
    return JSON.parse(window.localStorage.getItem('careerpath.skills.visible') || 'null') || {};
  } catch (e) {
    return {};
  }
}

function saveVisibility() {
  try {
    window.localStorage.setItem('careerpath.skills.visible', JSON.stringify(state.visible));
  } catch (e) {
    // not remembered; fine
  }
}

function header() {
  renderHeader('career', {
    person: personId, personTeam: state.timeline?.teamId, team: state.timeline?.teamId,
    onAsOf: (day) => {
      asOf = day;
      clearWhatIf();
      load();
    },
  });
}

async function load() {
  status(asOf ? `Loading the career as of ${formatDate(asOf)}…` : 'Loading the career…', 'working');
  try {
    const view = { ...viewpoint(), minSequence: params().get('minSequence') };
    const [timeline, skills] = await Promise.all([api.timeline(personId, view), api.skills(personId, view)]);
    state.timeline = timeline;
    state.skills = skills;
    $('problem').replaceChildren();
    render();
    status(`Showing ${timeline.displayName || 'this career'} as of ${formatDate(timeline.asOf)}.`, 'ok');
  } catch (e) {
    $('content').hidden = true;
    status('');
    showRefusal($('problem'), e, 'person', 'Could not load this career');
    if (e.status === 404 || e.status === 403) {
      $('title').textContent = 'Career not shown';
      $('subtitle').textContent = '';
      $('problem').append(who?.personId && who.personId !== personId
        ? el('p', {}, el('a', { href: pageUrl('career.html', { person: who.personId }) }, 'Open my career'))
        : el('p', {}, el('a', { href: 'index.html' }, 'Open or register someone on the start page')));
    }
  }
}

// Someone else may record while this page is open: one timeline read every few seconds says whether
// the history moved on (the cheapest answer the API has), and only then is everything redrawn.
const FOLLOW_EVERY_MS = 5000;

async function followOthers() {
  if (!state.timeline) return;
  const latest = await api.timeline(personId, viewpoint());
  if (latest.sequence <= state.timeline.sequence) return;
  const skills = await api.skills(personId, viewpoint());
  // the reader may have picked a past day meanwhile: that view is theirs
  if (params().get('asOf')) return;
  const hadWhatIf = !!state.whatIf;
  state.timeline = latest;
  state.skills = skills;
  if (hadWhatIf) clearWhatIf();
  render();
  status(`Updated while you watched: ${latest.displayName || 'this career'} has something new recorded`
    + `${hadWhatIf ? '; the what-if was for the career before it, run it again' : ''}.`, 'ok');
}

function render() {
  const { timeline, skills } = state;
  const name = timeline.displayName || 'Someone not registered by then';
  rememberPerson({ id: personId, name: timeline.displayName, teamId: timeline.teamId, teamName: timeline.teamName });
  document.title = `${name} · My career · Careerpath`;
  $('title').textContent = name;
  $('subtitle').replaceChildren(
    timeline.teamId ? el('span', {}, 'Team ', el('a', { href: pageUrl('team.html', { team: timeline.teamId, asOf }) }, teamWords(timeline.teamId, timeline.teamName))) : 'No team',
    timeline.managerId ? ` · manager ${timeline.managerId}` : '',
    ` · as of ${formatDate(timeline.asOf)}${skills.knownOn && skills.knownOn !== skills.asOf ? ` with everything recorded by ${formatDate(skills.knownOn)}` : params().get('asOf') ? ' as recorded by then' : ''}`);
  renderAboutFigures();
  header();
  $('record-link').href = pageUrl('record.html', { person: personId });
  $('record-link').hidden = !may.recordFor(who, personId, timeline.teamId);
  $('content').hidden = false;

  renderFigures();
  drawCareerTimeline($('timeline-chart'), timeline);
  $('timeline-legend').replaceChildren(kindLegend());
  renderAssignments();
  renderToggles();
  drawSkillCharts();
  renderSkillsTable();
  renderEntries();
}

/**
 * The model's version and how far the history goes, for whoever asks: in the "About this figure"
 * disclosures beside the charts, never in the page's running text.
 */
function renderAboutFigures() {
  const { timeline, skills } = state;
  const recorded = (timeline.entries || []).length;
  const words = `Drawn from ${recorded === 1 ? 'the 1 event' : `the ${recorded} events`} recorded for this career`
    + ` (the latest is event number ${skills.sequence} of the history, retractions included), by the skill model`
    + ` with practice ${skills.modelVersion}.`;
  for (const id of ['skills-about', 'retention-about']) $(id).textContent = words;
}

function drawSkillCharts() {
  drawSkills($('skills-chart'), state.skills, { whatIf: state.whatIf, visible: state.visible });
  drawRetention($('retention-chart'), state.skills, { whatIf: state.whatIf });
}

// ---- key figures, in plain words --------------------------------------------------------------

function renderFigures() {
  const s = state.skills;
  const current = (state.timeline.assignments || []).find((a) => a.ongoing);
  const delivering = current?.kind === 'DELIVERY';
  const threshold = s.rotateBackThreshold;
  const noHistory = s.deliveryHistory === false || s.deliveryRetention === null;
  const below = !noHistory && s.deliveryRetention < threshold;
  // one verdict, the API's, colours every delivery card (and the board's flag)
  const attention = s.deliveryAttention ?? below;
  const items = [];

  items.push(figure(current ? kindLabel(current.kind, current.pmoType) : 'No current role',
    current ? `${current.name ? `${current.name}, ` : ''}`
      + `${current.kind === 'PMO' && keepsDelivery(current.deliveryResponsibility) ? `${deliveryWords(current.deliveryResponsibility)}, ` : ''}`
      + `since ${formatDate(current.start)} (${months(current.durationMonths)})`
      : 'Nothing is running on this day.'));

  items.push(noHistory
    ? figure('No delivery history yet', 'Nothing in delivery is practised or assessed yet, so there is no peak to keep.')
    : figure(percent(s.deliveryRetention),
      below ? `of the delivery skill's peak is kept: below the ${percent(threshold)} threshold.`
        : `of the delivery skill's peak is kept (threshold ${percent(threshold)}).`, attention));

  if (delivering) {
    items.push(figure('Delivering now', 'Delivery skill is being practised.'));
  } else if (s.monthsSinceDelivery === null || s.monthsSinceDelivery === undefined) {
    items.push(figure('Never delivered', 'No delivery role is recorded yet.'));
  } else {
    items.push(figure(months(s.monthsSinceDelivery), 'since the last delivery role ended.', s.monthsSinceDelivery >= 12));
  }

  const c = s.deliveryCurrency;
  items.push(figure(c.current ? 'Delivery current' : 'Delivery not current',
    `${months(c.practiceMonths)} of delivery practice since ${formatDate(c.windowStart)}; ${months(c.requiredPracticeMonths)} needed.`,
    attention));

  if (s.rotateBackBy) {
    const past = s.rotateBackBy <= s.asOf;
    items.push(figure(formatDate(s.rotateBackBy),
      past ? `Rotate back now: delivery fell below ${percent(threshold)} of its peak ${fromNow(s.rotateBackBy, s.asOf)}.`
        : `Rotate back into delivery by then (${fromNow(s.rotateBackBy, s.asOf)}) to stay above ${percent(threshold)} of the peak, if the current role goes on.`,
      attention));
  } else if (delivering) {
    items.push(figure('No rotate-back date', 'Not needed while delivering.'));
  } else if (noHistory) {
    items.push(figure('No rotate-back date', 'No delivery history yet: nothing to rotate back to.'));
  } else if (below) {
    items.push(figure('Rotate back now', `Delivery is already below ${percent(threshold)} of its peak.`, attention));
  } else {
    items.push(figure('No rotate-back date', `The forecast stays above ${percent(threshold)} for the next two years.`));
  }
  $('figures').replaceChildren(...items);
}

// ---- tables ----------------------------------------------------------------------------------

function renderAssignments() {
  const rows = (state.timeline.assignments || []).map((a) => el('tr', {},
    el('td', {}, `${kindLabel(a.kind, a.pmoType)}${a.regained ? ' (return)' : ''}`
      + `${a.kind === 'PMO' && keepsDelivery(a.deliveryResponsibility) ? `, ${deliveryWords(a.deliveryResponsibility)}` : ''}`),
    el('td', {}, a.name || '—'),
    el('td', {}, formatDate(a.start)),
    el('td', {}, a.ongoing ? 'ongoing' : formatDate(a.end)),
    el('td', { class: 'num' }, String(a.durationMonths)),
    el('td', {}, a.outcome ? (OUTCOMES[a.outcome] || humanize(a.outcome)) : '—')));
  $('assignments-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No assignments recorded by this day.'))]));
}

function renderSkillsTable() {
  const rows = state.skills.skills.map((s) => el('tr', {},
    el('th', { scope: 'row' }, skillLabel(s.skill)),
    el('td', { class: 'num' }, s.current.toFixed(2)),
    el('td', { class: 'num' }, s.peak.toFixed(2)),
    // the delivery row has no retention without delivery history, as the key figures say
    el('td', { class: 'num' }, s.skill === 'DELIVERY_EXECUTION' && state.skills.deliveryHistory === false ? '—' : percent(s.retention)),
    el('td', { class: 'num' }, `${s.trend > 0 ? '+' : ''}${s.trend.toFixed(3)}`)));
  $('skills-table').tBodies[0].replaceChildren(...rows);
}

function renderEntries() {
  const entries = [...(state.timeline.entries || [])].reverse();
  const rows = entries.map((e) => el('tr', { 'data-event-id': e.eventId },
    el('td', {}, formatDate(e.effectiveDate)),
    el('td', {}, eventWords(e)),
    el('td', {}, recorderWords(e.recorder)),
    el('td', {}, formatTime(e.recordedAt))));
  $('entries-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 4, class: 'empty' }, 'Nothing recorded by this day.'))]));
}

function renderToggles() {
  const fieldset = $('skill-toggles');
  const legend = fieldset.querySelector('legend');
  const boxes = state.skills.skills.map((s) => {
    const id = `show-${s.skill}`;
    const box = el('input', { type: 'checkbox', id, name: 'skill', value: s.skill,
      checked: state.visible[s.skill] !== false });
    box.addEventListener('change', () => {
      state.visible[s.skill] = box.checked;
      saveVisibility();
      drawSkills($('skills-chart'), state.skills, { whatIf: state.whatIf, visible: state.visible });
    });
    return el('label', { for: id }, box, skillLabel(s.skill));
  });
  fieldset.replaceChildren(legend, ...boxes);
}

// ---- what-if ----------------------------------------------------------------------------------

function whatIfProposal(form) {
  const data = new FormData(form);
  const kind = data.get('kind');
  const proposal = { kind, months: data.get('months') === '' ? null : Number(data.get('months')) };
  if (kind === 'PMO') {
    proposal.pmoType = data.get('pmoType');
    proposal.deliveryResponsibility = data.get('deliveryResponsibility') || 'NONE';
  }
  if (data.get('adminLoadPercent') !== '' && data.get('adminLoadPercent') !== null) {
    proposal.adminLoadPercent = Number(data.get('adminLoadPercent'));
  }
  return proposal;
}

function syncWhatIfForm() {
  const pmo = $('whatif-kind').value === 'PMO';
  for (const id of ['whatif-pmo-type-field', 'whatif-delivery-field']) {
    $(id).hidden = !pmo;
    for (const control of $(id).querySelectorAll('input, select')) control.disabled = !pmo;
  }
}

/** Months at which to sample the what-if: at most 12 steps, always the last month. */
function sampleMonths(total) {
  const step = Math.max(1, Math.ceil(total / 12));
  const result = [];
  for (let k = step; k < total; k += step) result.push(k);
  result.push(total);
  return result;
}

/** The what-if's own limits, checked here so that each message lands beside its field. */
function whatIfProblems(proposal) {
  const errors = [];
  if (!Number.isInteger(proposal.months) || proposal.months < 1 || proposal.months > 120) {
    errors.push({ field: 'months', message: 'A whole number of months, from 1 to 120.' });
  }
  if (proposal.adminLoadPercent !== undefined && !(proposal.adminLoadPercent >= 0 && proposal.adminLoadPercent <= 100)) {
    errors.push({ field: 'adminLoadPercent', message: 'A share of time from 0 to 100 %, or empty.' });
  }
  return errors;
}

async function runWhatIf(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const proposal = whatIfProposal(form);
  const button = form.querySelector('button[type=submit]');
  clearErrors(form);
  const problems = whatIfProblems(proposal);
  if (problems.length) {
    showErrors(form, { fieldErrors: problems, problem: {} });
    status('No what-if: please correct the marked fields.', 'error');
    return;
  }
  button.disabled = true;
  status('Running the what-if…', 'working');
  try {
    const full = await api.whatIf(personId, proposal);
    const steps = sampleMonths(proposal.months);
    const answers = await Promise.all(steps.map((k) => (k === proposal.months ? full : api.whatIf(personId, { ...proposal, months: k }))));
    const points = {};
    for (const change of full.skills) {
      points[change.skill] = [{ date: full.from, value: change.atStart }];
    }
    answers.forEach((answer) => {
      for (const change of answer.skills) points[change.skill].push({ date: answer.until, value: change.atEnd });
    });
    const responsibility = keepsDelivery(proposal.deliveryResponsibility) ? ` with ${deliveryWords(proposal.deliveryResponsibility)}` : '';
    const label = `${kindLabel(proposal.kind, proposal.pmoType)}${responsibility} for ${proposal.months} months`;
    const deliveryPeak = state.skills.skills.find((s) => s.skill === 'DELIVERY_EXECUTION')?.peak || 0;
    let peak = deliveryPeak;
    const retention = (points.DELIVERY_EXECUTION || []).map((p) => {
      peak = Math.max(peak, p.value);
      return { date: p.date, value: peak > 0 ? Math.min(1, p.value / peak) : 1 };
    });
    state.whatIf = { label, points, retention };
    drawSkillCharts();
    renderWhatIfResult(full, label);
    $('whatif-clear').disabled = false;
    status(`What-if drawn: ${label}. Nothing was recorded.`, 'ok');
  } catch (e) {
    status('');
    showErrors(form, e);
  } finally {
    button.disabled = false;
  }
}

function renderWhatIfResult(answer, label) {
  const byChange = [...answer.skills].sort((a, b) => b.change - a.change);
  const names = (list) => (list.length ? list.map(skillLabel).join(', ') : 'nothing notable');
  $('whatif-result').replaceChildren(
    el('p', {}, el('strong', {}, label), ` from ${formatDate(answer.from)} to ${formatDate(answer.until)}: `,
      `gains ${names(answer.gained)}; loses ${names(answer.lost)}.`),
    el('div', { class: 'table-wrap' }, el('table', { id: 'whatif-table' },
      el('caption', { class: 'visually-hidden' }, `Skill changes for ${label}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Skill'), el('th', { scope: 'col', class: 'num' }, 'Now'),
        el('th', { scope: 'col', class: 'num' }, 'After'), el('th', { scope: 'col', class: 'num' }, 'Change'))),
      el('tbody', {}, byChange.map((c) => el('tr', {},
        el('th', { scope: 'row' }, skillLabel(c.skill)),
        el('td', { class: 'num' }, c.atStart.toFixed(2)),
        el('td', { class: 'num' }, c.atEnd.toFixed(2)),
        el('td', { class: `num change ${c.change >= 0.01 ? 'up' : c.change <= -0.01 ? 'down' : ''}` },
          `${c.change > 0 ? '+' : ''}${c.change.toFixed(2)}`)))))));
}

function clearWhatIf() {
  state.whatIf = null;
  $('whatif-result').replaceChildren();
  $('whatif-clear').disabled = true;
  if (state.skills) drawSkillCharts();
}

// ---- start -----------------------------------------------------------------------------------

header();
if (!personId) {
  showProblem($('problem'), new Error('No person chosen. Pick one on the start page.'));
  $('problem').append(el('p', {}, el('a', { href: 'index.html' }, 'Go to the start page')));
} else {
  $('whatif-kind').addEventListener('change', syncWhatIfForm);
  $('whatif-form').addEventListener('submit', runWhatIf);
  $('whatif-clear').addEventListener('click', () => {
    clearWhatIf();
    status('What-if cleared.', 'ok');
  });
  syncWhatIfForm();
  const personName = () => state.timeline?.displayName || 'career';
  downloadButton($('download-summary'), {
    what: 'the PDF summary', about: 'person', accept: 'application/pdf',
    path: () => `/api/people/${encodeURIComponent(personId)}/summary.pdf`,
    fallbackName: () => `career-summary-${personName()}.pdf`,
  });
  downloadButton($('download-events'), {
    what: 'the recorded events', about: 'person', accept: 'text/csv',
    path: () => `/api/people/${encodeURIComponent(personId)}/timeline`,
    fallbackName: () => `career-events-${personName()}.csv`,
  });
  load();
  followToday(FOLLOW_EVERY_MS, followOthers);
}
