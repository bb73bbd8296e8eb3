// Record an event: one form for every event type, posted to the command API. Refusals are shown
// beside the field they concern; a recorded event appears in the timeline as soon as the query
// side has it (the views are reloaded with ?minSequence= the event's sequence number).
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, formatDate, naturalCompare, pageUrl, params, recent, recorderWords, rememberPerson, renderHeader, showProblem, showRefusal, signedIn,
  status, teamWords, today,
} from './ui.js';
import { drawCareerTimeline, eventWords, kindLegend } from './charts.js';
import { clearErrors, showErrors } from './forms.js';
import { EVENT_TYPES, eventType } from './events.js';

const who = await signedIn();
let personId = params().get('person') || who?.personId || recent().people[0]?.id;
const $ = (id) => document.getElementById(id);
let timeline = null;

// ---- the form ----------------------------------------------------------------------------------

function control(type, field) {
  const id = `${type}-${field.name}`;
  const hintId = field.hint ? `${id}-hint` : null;
  const common = { id, name: field.name, 'aria-required': field.required ? 'true' : null, 'aria-describedby': hintId };
  const hint = field.hint ? el('span', { class: 'hint', id: hintId }, field.hint) : null;
  if (field.kind === 'checkbox') {
    return el('div', { class: 'field inline' }, el('input', { ...common, type: 'checkbox' }), el('label', { for: id }, field.label), hint);
  }
  let input;
  if (field.kind === 'select') {
    input = el('select', { ...common, 'data-initial': field.initial },
      field.initial ? null : el('option', { value: '' }, field.required ? 'Choose…' : '—'),
      field.options.map((o) => el('option', { value: o.value, selected: o.value === field.initial }, o.label)));
  } else if (field.kind === 'textarea') {
    input = el('textarea', { ...common, rows: 3, maxlength: field.max });
  } else if (field.kind === 'number') {
    input = el('input', { ...common, type: 'number', min: field.min, max: field.max, step: 1, inputmode: 'numeric' });
  } else {
    input = el('input', { ...common, type: 'text', maxlength: field.max });
  }
  return el('div', { class: 'field' }, el('label', { for: id }, field.label, field.required ? '' : ' (optional)'), input, hint);
}

function buildForm() {
  const select = $('event-type');
  const groups = new Map();
  for (const t of EVENT_TYPES) {
    if (!groups.has(t.group)) groups.set(t.group, el('optgroup', { label: t.group }));
    groups.get(t.group).append(el('option', { value: t.type }, t.label));
  }
  select.append(...groups.values());
  $('type-fields').replaceChildren(...EVENT_TYPES.map((t) => el('fieldset', { id: `fields-${t.type}`, 'data-type': t.type, hidden: true, disabled: true },
    el('legend', {}, t.label), t.fields.map((f) => control(t.type, f)))));
  select.addEventListener('change', showFieldsOfType);
  const date = $('effective-date');
  date.max = today();
  date.value = today();
  if (who) {
    $('recorded-as').textContent = `Recorded as ${who.name}: the platform keeps who recorded it from your sign-in`
      + ' (a pseudonymous id, never a name).';
  }
  $('record-form').addEventListener('submit', submit);
}

function showFieldsOfType() {
  const type = $('event-type').value;
  for (const fieldset of $('type-fields').children) {
    const active = fieldset.dataset.type === type;
    fieldset.hidden = !active;
    fieldset.disabled = !active;
  }
  if (type === 'EVENT_RETRACTED') fillRetractable();
}

function fillRetractable() {
  const select = $('EVENT_RETRACTED-eventId');
  const chosen = select.value;
  const entries = [...(timeline?.entries || [])].reverse().filter((e) => e.type !== 'PERSON_REGISTERED');
  select.replaceChildren(el('option', { value: '' }, entries.length ? 'Choose…' : 'Nothing to retract'),
    ...entries.map((e) => el('option', { value: e.eventId, selected: e.eventId === chosen },
      `${formatDate(e.effectiveDate)} · ${eventWords(e)}`)));
}

/** The request body: type, effective date and the chosen type's filled-in fields. */
function body(form) {
  const type = $('event-type').value;
  const event = { type };
  if ($('effective-date').value) event.effectiveDate = $('effective-date').value;
  const definition = eventType(type);
  for (const field of definition?.fields || []) {
    const input = $(`${type}-${field.name}`);
    if (field.kind === 'checkbox') {
      event[field.name] = input.checked;
    } else if (input.value.trim() !== '') {
      event[field.name] = field.boolean ? input.value === 'true'
        : field.kind === 'number' || field.number ? Number(input.value) : input.value.trim();
    }
  }
  return event;
}

async function submit(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const button = $('record-submit');
  const event = body(form);
  clearErrors(form);
  button.disabled = true;
  status('Recording…', 'working');
  let recorded;
  try {
    recorded = await api.recordEvent(personId, event);
  } catch (error) {
    button.disabled = false;
    // the refusal is said once, beside the field it concerns; the status line only says nothing was recorded
    status('Not recorded.', 'error');
    if (error.status === 403 || error.status === 404) {
      showRefusal(form.querySelector('.form-problem'), error, 'person');
    } else {
      showErrors(form, besideAField(error), { fallbackField: 'type' });
    }
    return;
  }
  button.disabled = false;
  const what = eventType(event.type)?.label || event.type;
  status(`Recorded “${what}”. Updating the views…`, 'working');
  resetTypeFields();
  try {
    await loadTimeline(recorded.sequenceNumber);
    const careerUrl = pageUrl('career.html', { person: personId });
    status(`Recorded “${what}”; it is in the timeline now.`, 'ok');
    $('career-link').href = `${careerUrl}&minSequence=${recorded.sequenceNumber}`;
    highlight(recorded.eventId);
  } catch (error) {
    status(`Recorded “${what}”, but the views could not show it yet: ${error.message}`);
  }
}

/**
 * A refusal that names no field (a career rule about another recorded event, a conflict) is shown
 * beside the event type: what was chosen is what the refusal is about.
 */
function besideAField(error) {
  if (error.fieldErrors.length) return error;
  const detail = error.problem?.detail || error.message;
  return { problem: error.problem, message: error.message, fieldErrors: [{ field: 'type', message: detail }] };
}

function resetTypeFields() {
  for (const input of $('type-fields').querySelectorAll('input, select, textarea')) {
    if (input.type === 'checkbox') input.checked = false; else input.value = input.dataset.initial || '';
  }
}

function highlight(eventId) {
  const item = document.querySelector(`#latest-entries [data-event-id="${CSS.escape(eventId)}"]`);
  if (item) item.classList.add('new');
}

// ---- the person's timeline beside the form ----------------------------------------------------

async function loadTimeline(minSequence) {
  timeline = await api.timeline(personId, { minSequence });
  rememberPerson({ id: personId, name: timeline.displayName, teamId: timeline.teamId, teamName: timeline.teamName });
  const name = timeline.displayName || 'someone whose name is not available';
  document.title = `Record an event for ${name} · Careerpath`;
  $('title').textContent = `Record an event for ${name}`;
  $('subtitle').textContent = timeline.teamId ? `Team ${teamWords(timeline.teamId, timeline.teamName)}` : 'No team';
  renderHeader('record', { person: personId, personTeam: timeline.teamId, team: timeline.teamId });
  drawCareerTimeline($('timeline-chart'), timeline);
  $('timeline-legend').replaceChildren(kindLegend());
  const latest = [...timeline.entries].sort((a, b) => b.sequence - a.sequence).slice(0, 6);
  $('latest-entries').replaceChildren(...latest.map((entry) => el('li', { 'data-event-id': entry.eventId, value: entry.sequence },
    `${formatDate(entry.effectiveDate)} · ${eventWords(entry)}`,
    el('span', { class: 'hint' }, entry.recorder ? ` (by ${recorderWords(entry.recorder)})` : ''))));
  if ($('event-type').value === 'EVENT_RETRACTED') fillRetractable();
}

// ---- the person picker (managers, PMO leads, HR administrators) ---------------------------------

/**
 * Who the form records for. A manager picks among herself and the members of the teams she manages (their
 * rotation boards list exactly the people she may see); a PMO lead or HR administrator picks a team, then one
 * of its members. An employee records for herself only and sees no picker. The APIs still decide.
 */
async function setUpPicker() {
  if (!who) return;
  const everyone = may.seeEveryone(who);
  if (!everyone && !who.roles.includes('MANAGER')) return;
  $('person-picker').hidden = false;
  $('picker-person').addEventListener('change', () => choose($('picker-person').value));
  if (!everyone) {
    await fillPeople(who.managedTeams, true);
    return;
  }
  const teams = (await api.teams()).map((t) => ({ id: t.teamId, words: teamWords(t.teamId, t.teamName) }))
    .sort((a, b) => naturalCompare(a.words, b.words));
  const teamIds = teams.map((t) => t.id);
  $('picker-team-field').hidden = false;
  $('picker-team').replaceChildren(...teams.map((t) => el('option', { value: t.id }, t.words)));
  $('picker-team').value = teamIds.includes(timeline?.teamId) ? timeline.teamId : (teamIds[0] || '');
  $('picker-team').addEventListener('change', () => fillPeople([$('picker-team').value], false));
  await fillPeople([$('picker-team').value].filter(Boolean), false);
}

async function fillPeople(teamIds, includeSelf) {
  const boards = await Promise.all(teamIds.map((t) => api.rotationBoard(t).catch(() => null)));
  const people = new Map();
  if (includeSelf && who.personId) people.set(who.personId, `${who.name} (you)`);
  for (const m of boards.flatMap((b) => b?.members || [])) if (!people.has(m.personId)) people.set(m.personId, m.displayName || 'Unnamed person');
  const listed = people.has(personId);
  const options = [...people].sort(([, a], [, b]) => naturalCompare(a, b))
    .map(([id, name]) => el('option', { value: id, selected: id === personId }, name));
  $('picker-person').replaceChildren(...(listed ? [] : [el('option', { value: '', selected: true }, 'Choose a person…')]), ...options);
}

/** Records for another person from now on: the form stays, the timeline beside it is theirs. */
async function choose(id) {
  if (!id || id === personId) return;
  personId = id;
  const url = new URL(window.location.href);
  url.searchParams.set('person', id);
  url.searchParams.delete('minSequence');
  window.history.replaceState({}, '', url);
  clearErrors($('record-form'));
  $('problem').replaceChildren();
  $('record-form').hidden = false;
  $('career-link').href = pageUrl('career.html', { person: personId });
  status('Loading the timeline…', 'working');
  try {
    await loadTimeline();
    status(`Recording for ${timeline.displayName || 'the chosen person'}.`, 'ok');
  } catch (error) {
    status('');
    showRefusal($('problem'), error, 'person', 'Could not load this person');
  }
}

// ---- start -------------------------------------------------------------------------------------

renderHeader('record', { person: personId });
buildForm();
// a picker that cannot be filled is left out: the form still records for the person in the address
const picker = () => setUpPicker().catch(() => { $('person-picker').hidden = true; });
if (!personId) {
  showProblem($('problem'), new Error('No person chosen. Pick one here or register one on the start page.'));
  $('problem').append(el('p', {}, el('a', { href: 'index.html' }, 'Go to the start page')));
  $('record-form').hidden = true;
  picker();
  // nobody to show a timeline for yet: the preview waits for a person
  $('preview-heading').closest('section').hidden = true;
} else {
  $('career-link').href = pageUrl('career.html', { person: personId });
  const minSequence = params().get('minSequence');
  status('Loading the timeline…', 'working');
  loadTimeline(minSequence)
    .then(() => status(''))
    .catch((error) => {
      status('');
      showRefusal($('problem'), error, 'person', 'Could not load this person');
      if (error.status === 404 || error.status === 403) {
        // no one to record for: the form would only be refused, the timeline beside it is nobody's
        $('record-content').hidden = true;
        $('title').textContent = 'Record an event';
        $('problem').append(el('p', {}, el('a', { href: 'index.html' }, 'Go to the start page')));
      }
    })
    .finally(picker);
}
