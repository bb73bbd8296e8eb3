// Data health, for HR administrators: whether the read models hold exactly what the event store holds (the
// last check, and a check started from here and followed until it is done), and the events each service has
// parked because it could not handle them, person by person, with why, to retry or to discard.
import * as api from './api.js';
import { may } from './auth.js';
import { eventType } from './events.js';
import {
  duration, el, figure, formatTime, pageUrl, renderHeader, showProblem, showRefusal, signedIn, status,
} from './ui.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const NUMBER = new Intl.NumberFormat('en-GB');
const POLL_MS = 1000;
const INTEGRITY = '/api/admin/read-models/integrity';
const DEAD_LETTERS = '/api/admin/dead-letters';
/** The sequence of parked records that name no person, and the cause of a letter parked behind an earlier one. */
const UNKEYED = 'unkeyed';
const QUEUED_BEHIND = 'queued-behind-earlier-letter';

const OUT_OF_STEP = {
  MISSING: { words: 'missing from the read model', means: 'The event store knows the person; the read model does not.' },
  BEHIND: { words: 'behind the event store', means: 'The read model lacks the person\'s newest events.' },
  AHEAD: { words: 'ahead of the event store', means: 'The read model holds events beyond the event store\'s last one.' },
  DIFFERENT: { words: 'different from the event store', means: 'As many events, but not the same ones.' },
  UNKNOWN_TO_EVENT_STORE: { words: 'unknown to the event store', means: 'The read model holds a person the event store does not know.' },
};

/** The two services that park events: each has its own dead letters, at its own API. */
const SERVICES = {
  command: {
    section: 'parked-command',
    name: 'the command service',
    call: (path, options) => api.commandApi(path, options),
    never: 'the command service will never publish it to Kafka',
    consequence: 'The command service will never publish this event to Kafka. It stays in the event store and in the'
      + ' person\'s audit view; the read models take it from the event store, at the latest at their next check against it.',
  },
  query: {
    section: 'parked-query',
    name: 'the query service',
    call: (path, options) => api.queryApi(path, options),
    never: 'the query service will never apply it to the read models',
    consequence: 'The query service will never apply this record from Kafka to the read models. If the event store holds'
      + ' the event, the read models take it from there, at the latest at their next check against the event store; a'
      + ' record that is not an event is simply skipped.',
  },
};

const names = new Map();    // person id -> Promise of their display name (null: not in the views)
const outcomes = new Map(); // service and sequence -> the words of the last retry, shown while they stay parked
let lastFinished = null;    // the last finished check this page has shown
let following = 0;          // the check being followed (a newer one stops an older loop)

// ---- words -------------------------------------------------------------------------------------

const plural = (n, one, many = `${one}s`) => `${NUMBER.format(n)} ${n === 1 ? one : many}`;

/** The person's display name, from their timeline (null when the views do not have them), asked once per page. */
function nameOf(personId) {
  if (personId === UNKEYED) return Promise.resolve(null);
  if (!names.has(personId)) {
    const name = api.timeline(personId).then((t) => t.displayName || null, () => null);
    names.set(personId, name);
    name.then((n) => {
      if (!n) names.delete(personId); // perhaps in the views by the next look
    });
  }
  return names.get(personId);
}

/** Who a parked sequence is, in a sentence: the name, else the id. */
function whoWords(sequenceId, name) {
  if (sequenceId === UNKEYED) return 'the records that name no person';
  return name || `the person ${sequenceId}`;
}

/** What a parked event was, as the other pages name event types; a type the platform does not know, as such. */
function whatItWas(type) {
  if (type === 'PERSON_REGISTERED') return { words: 'Registered' };
  if (type === 'PERSON_ERASED') return { words: 'Erased' };
  const known = eventType(type);
  if (known) return { words: known.label };
  if (type === 'unreadable') return { words: 'An event that cannot be read', stored: null };
  if (/UnreadableRecord$/.test(type || '')) return { words: 'A record on Kafka that is not an event', stored: type };
  return { words: 'An event of a type this service does not know', stored: type };
}

const numberWords = (sequenceNumber) => (sequenceNumber === null || sequenceNumber === undefined || sequenceNumber < 0
  ? '—' : `#${sequenceNumber}`);

/**
 * Why a letter is parked, as a sentence: the failure's message without the Java class name in front of it, or,
 * for a letter parked only because an earlier one of the same person is, that.
 */
function reasonWords({ causeType, causeMessage }) {
  if (causeType === QUEUED_BEHIND || (!causeType && !causeMessage)) {
    return 'Waits behind an earlier parked event of the same person, so that their events keep their order.';
  }
  let text = String(causeMessage || '').replace(/\s+/g, ' ').trim()
    .replace(/^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*: /, '')
    .replace(/^Event \S+ cannot be projected: /, 'It cannot be applied to the read models: ');
  if (!text) return 'No reason was given.';
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// ---- read models against the event store -------------------------------------------------------

function renderIntegrity(report) {
  const card = $('integrity-card');
  card.dataset.state = report.state;
  card.dataset.startedAt = report.startedAt || '';
  card.setAttribute('aria-busy', report.state === 'RUNNING' ? 'true' : 'false');
  $('integrity-problem').replaceChildren();
  const when = $('integrity-when');
  if (report.state === 'NOT_YET_CHECKED') {
    when.textContent = 'Not checked yet since the query service started.';
  } else if (report.state === 'RUNNING') {
    when.textContent = `Checking now: started ${formatTime(report.startedAt, { seconds: true })}.`
      + `${lastFinished ? ' The figures below are from the check before.' : ''}`;
  } else if (report.state === 'FAILED') {
    when.textContent = `The check started ${formatTime(report.startedAt, { seconds: true })} did not finish.`;
    showProblem($('integrity-problem'), new Error(report.error || 'No reason was given.'), 'The check failed');
  } else {
    when.textContent = `Last checked ${formatTime(report.finishedAt, { seconds: true })}`
      + ` (took ${duration((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000)}).`;
    lastFinished = report;
  }
  if (lastFinished) renderFindings(lastFinished);
}

function renderFindings(r) {
  $('integrity-result').hidden = false;
  const topic = r.topic;
  $('integrity-figures').replaceChildren(
    figure(NUMBER.format(r.peopleChecked), 'people checked'),
    figure(NUMBER.format(r.outOfStep), r.outOfStep === 1 ? 'person out of step' : 'people out of step', r.outOfStep > 0),
    figure(NUMBER.format(r.repaired), 'repaired from the event store'),
    figure(NUMBER.format(r.notRepaired), 'still out of step (the event store could not be read for them)', r.notRepaired > 0),
    figure(!topic ? '—' : topic.holdsEverything ? 'Yes' : 'No',
      'Kafka still holds every event the read models have yet to read', !!topic && !topic.holdsEverything));
  const note = $('integrity-note');
  note.hidden = r.projectionCaughtUp;
  note.textContent = r.projectionCaughtUp ? '' : 'The read models had not caught up with Kafka when the event store was read:'
    + ' people whose newest events were still on their way counted as behind, and were repaired from the event store.';
  const byKind = r.outOfStepByKind || {};
  $('out-of-step').tBodies[0].replaceChildren(...Object.entries(OUT_OF_STEP).map(([kind, { words, means }]) => {
    const n = byKind[kind] || 0;
    return el('tr', { 'data-kind': kind, class: n > 0 ? 'found' : null },
      el('th', { scope: 'row' }, words),
      el('td', { class: 'num' }, NUMBER.format(n)),
      el('td', { class: 'hint' }, means));
  }));
  renderExamples(r.examples || []);
}

function renderExamples(examples) {
  $('integrity-examples').hidden = examples.length === 0;
  $('examples').replaceChildren(...examples.map((example) => {
    const item = el('li', { 'data-person': example.personId },
      el('span', { class: 'person-name' }, example.personId), ` — ${OUT_OF_STEP[example.kind]?.words || example.kind}`);
    nameOf(example.personId).then((name) => {
      if (name) {
        item.firstChild.replaceWith(el('span', { class: 'person-name' },
          el('a', { href: pageUrl('career.html', { person: example.personId }) }, name),
          el('span', { class: 'fine-print' }, example.personId)));
      }
    });
    return item;
  }));
}

function announceCheck(report) {
  if (report.state === 'DONE') {
    const found = report.outOfStep === 0 ? 'all in step with the event store'
      : `${NUMBER.format(report.outOfStep)} out of step, ${NUMBER.format(report.repaired)} repaired`
        + `${report.notRepaired ? `, ${NUMBER.format(report.notRepaired)} not repaired` : ''}`;
    status(`Check done: ${plural(report.peopleChecked, 'person', 'people')} checked, ${found}.`, 'ok');
  } else if (report.state === 'FAILED') {
    status('The check failed; see why below.', 'error');
  }
}

/** Follows the running check (asking every second) until it is done, then says what it found. */
function followCheck() {
  const mine = ++following;
  const ask = async () => {
    if (mine !== following) return;
    let report;
    try {
      report = await api.queryApi(INTEGRITY);
    } catch (error) {
      if (mine !== following) return;
      if (error.status === 0) {
        status('The query service does not answer; trying again…', 'working');
        setTimeout(ask, 4 * POLL_MS);
        return;
      }
      status('');
      showRefusal($('integrity-problem'), error, 'action', 'Could not follow the check');
      return;
    }
    if (mine !== following) return;
    renderIntegrity(report);
    if (report.state === 'RUNNING') setTimeout(ask, POLL_MS);
    else announceCheck(report);
  };
  setTimeout(ask, POLL_MS);
}

async function checkNow() {
  const button = $('check-now');
  button.disabled = true;
  $('integrity-problem').replaceChildren();
  status('Starting a check of every read model against the event store…', 'working');
  try {
    renderIntegrity(await api.queryApi(INTEGRITY, { method: 'POST' }));
    status('Checking every read model against the event store…', 'working');
    followCheck();
  } catch (error) {
    if (error.status === 409) {
      status('A check is already running: this page follows it and shows what it finds when it is done.', 'working');
      followCheck();
    } else {
      status('');
      showRefusal($('integrity-problem'), error, 'action', 'The check did not start');
    }
  } finally {
    button.disabled = false;
  }
}

async function loadIntegrity() {
  try {
    const report = await api.queryApi(INTEGRITY);
    renderIntegrity(report);
    if (report.state === 'RUNNING') {
      status('A check is running: this page shows what it finds when it is done.', 'working');
      followCheck();
    }
    return report;
  } catch (error) {
    showRefusal($('integrity-problem'), error, 'action', 'Could not read the last check');
    return null;
  }
}

// ---- parked events -----------------------------------------------------------------------------

const keyOf = (sequence) => `${sequence.processingGroup}:${sequence.sequenceId}`;

/** Reads what one service has parked and lists it, person by person, oldest first. */
async function loadParked(service) {
  const { section, name, call } = SERVICES[service];
  const summary = $(`${section}-summary`);
  const list = $(`${section}-people`);
  $(`${section}-problem`).replaceChildren();
  let report;
  try {
    report = await call(DEAD_LETTERS);
  } catch (error) {
    summary.textContent = '';
    list.replaceChildren();
    showRefusal($(`${section}-problem`), error, 'action', `Could not read what ${name} has parked`);
    return;
  }
  const sequences = report.sequences || [];
  $(section).dataset.total = String(report.total || 0);
  for (const key of [...outcomes.keys()]) {
    if (key.startsWith(`${service}/`) && !sequences.some((s) => `${service}/${keyOf(s)}` === key)) outcomes.delete(key);
  }
  if (!sequences.length) {
    summary.className = 'parked-summary nothing';
    summary.textContent = 'Nothing is parked.';
    list.replaceChildren();
    return;
  }
  const people = sequences.filter((s) => s.sequenceId !== UNKEYED).length;
  const whose = [people ? `of ${plural(people, 'person', 'people')}` : null,
    people < sequences.length ? 'from records that name no person' : null].filter(Boolean).join(' and ');
  summary.className = 'parked-summary';
  summary.textContent = `${plural(report.total, 'event')} parked, ${whose}.`;
  const named = await Promise.all(sequences.map((s) => nameOf(s.sequenceId)));
  list.replaceChildren(...sequences.map((sequence, i) => parkedPerson(service, sequence, named[i])));
}

function parkedPerson(service, sequence, name) {
  const { sequenceId, letters } = sequence;
  const key = `${service}/${keyOf(sequence)}`;
  const headingId = `${SERVICES[service].section}-${sequence.processingGroup}-${sequenceId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const who = whoWords(sequenceId, name);
  let title;
  if (sequenceId === UNKEYED) title = 'Records that name no person';
  else if (name) title = el('a', { href: pageUrl('career.html', { person: sequenceId }) }, name);
  else title = 'Not in the views';
  const heading = el('h4', { id: headingId }, title,
    sequenceId === UNKEYED ? null : el('span', { class: 'fine-print person-id' }, sequenceId));
  const rows = letters.map((letter) => letterRow(service, sequence, letter, who));
  const table = el('table', { class: 'parked-letters' },
    el('caption', { class: 'visually-hidden' }, `Parked events of ${who}, oldest first`),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'num' }, 'Event #'),
      el('th', { scope: 'col' }, 'What it was'),
      el('th', { scope: 'col' }, 'Why it is parked'),
      el('th', { scope: 'col' }, 'Parked at'),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Action')))),
    el('tbody', {}, rows));
  const retry = el('button', { type: 'button', class: 'primary retry' }, 'Retry',
    el('span', { class: 'visually-hidden' }, ` the parked events of ${who}`));
  retry.addEventListener('click', () => retryPerson(service, sequence, who, key, retry));
  const outcome = outcomes.get(key);
  return el('li', { class: 'parked-person', 'data-sequence': sequenceId, 'data-key': key, 'aria-labelledby': headingId },
    heading,
    el('p', { class: 'hint' }, letters.length === 1 ? '1 event parked.'
      : `${plural(letters.length, 'event')} parked; the first holds the others back.`),
    // a region of its own, so that the keyboard can scroll it sideways on a narrow screen
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Parked events of ${who}` }, table),
    el('div', { class: 'actions' }, retry,
      el('span', { class: 'hint' }, 'Retry once the cause is fixed: the events are handled again, oldest first.')),
    outcome ? el('p', { class: `outcome ${outcome.through ? 'through' : 'still'}` }, outcome.words) : null);
}

function letterRow(service, sequence, letter, who) {
  const what = whatItWas(letter.eventType);
  const discard = el('button', { type: 'button', class: 'secondary discard' }, 'Discard',
    el('span', { class: 'visually-hidden' }, numberWords(letter.sequenceNumber) === '—' ? ` the record of ${who}`
      : ` event ${numberWords(letter.sequenceNumber)} of ${who}`));
  discard.addEventListener('click', () => discardLetter(service, sequence, letter, who, discard));
  return el('tr', { 'data-letter': letter.letterId },
    el('td', { class: 'num' }, numberWords(letter.sequenceNumber)),
    el('td', {}, what.words, what.stored ? el('span', { class: 'fine-print' }, what.stored) : null),
    el('td', { class: 'reason' }, reasonWords(letter),
      letter.causeType && letter.causeType !== QUEUED_BEHIND ? el('span', { class: 'fine-print cause-type' }, letter.causeType) : null),
    el('td', {}, formatTime(letter.enqueuedAt, { seconds: true })),
    el('td', {}, discard));
}

/** After an action the list is drawn again: the keyboard stays with the person, or goes to the section's heading. */
function refocus(service, key) {
  const section = SERVICES[service].section;
  const retry = [...$(`${section}-people`).querySelectorAll('li.parked-person')]
    .find((item) => item.dataset.key === key)?.querySelector('button.retry');
  (retry || $(`${section}-heading`)).focus();
}

async function retryPerson(service, sequence, who, key, button) {
  const { section, call } = SERVICES[service];
  button.disabled = true;
  status(`Retrying the parked events of ${who}…`, 'working');
  try {
    const outcome = await call(`${DEAD_LETTERS}/${enc(sequence.sequenceId)}/retry`, { method: 'POST' });
    const words = outcome.processed ? 'all went through'
      : `still parked: ${reasonWords(outcome).replace(/\.$/, '')}, ${NUMBER.format(outcome.lettersLeft)} left`;
    outcomes.set(key, { through: outcome.processed, words: `Last retry: ${words}.` });
    status(`Retried ${who}: ${words}.`, outcome.processed ? 'ok' : 'error');
  } catch (error) {
    if (error.status === 404) {
      status(`Nothing of ${who} is parked any more.`, 'ok');
    } else {
      status('');
      showRefusal($(`${section}-problem`), error, 'action', `The retry of ${who} did not run`);
    }
  }
  await loadParked(service);
  refocus(service, key);
}

/** Asks first, in a dialog that says what discarding means for this service; resolves true to go ahead. */
function confirmDiscard(service, letter, who) {
  const dialog = $('discard-dialog');
  const what = whatItWas(letter.eventType).words;
  const number = numberWords(letter.sequenceNumber);
  $('discard-what').textContent = `${what}${number === '—' ? '' : `, event ${number}`} of ${who}, parked by ${SERVICES[service].name}.`;
  $('discard-consequence').textContent = SERVICES[service].consequence;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'discard'), { once: true });
    dialog.showModal();
  });
}

async function discardLetter(service, sequence, letter, who, button) {
  if (!(await confirmDiscard(service, letter, who))) {
    status('Nothing was discarded.', '');
    button.focus();
    return;
  }
  const { section, call, never } = SERVICES[service];
  const key = `${service}/${keyOf(sequence)}`;
  const number = numberWords(letter.sequenceNumber);
  const words = whatItWas(letter.eventType).words;
  const what = number === '—' ? words.charAt(0).toLowerCase() + words.slice(1) : `event ${number} (${words})`;
  status(`Discarding ${what} of ${who}…`, 'working');
  try {
    await call(`${DEAD_LETTERS}/${enc(sequence.sequenceId)}/letters/${enc(letter.letterId)}`, { method: 'DELETE' });
    status(`Discarded ${what} of ${who}: ${never}.`, 'ok');
  } catch (error) {
    if (error.status === 404) {
      status(`That event of ${who} was no longer parked.`, 'ok');
    } else {
      status('');
      showRefusal($(`${section}-problem`), error, 'action', `Could not discard the event of ${who}`);
    }
  }
  await loadParked(service);
  refocus(service, key);
}

async function lookAgain() {
  const button = $('parked-refresh');
  button.disabled = true;
  status('Looking at what is parked…', 'working');
  await Promise.all(Object.keys(SERVICES).map(loadParked));
  status(`Showing what is parked as of ${formatTime(new Date().toISOString(), { seconds: true })}.`, 'ok');
  button.disabled = false;
}

// ---- start -------------------------------------------------------------------------------------

const who = await signedIn();
renderHeader('data-health');
if (!may.administer(who)) {
  // both services refuse these views to everyone but HR administrators; say so instead of showing empty sections
  showProblem($('problem'), new Error('Data health is for HR administrators only: your role does not let you see'
    + ' or change the platform\'s checks and parked events.'));
  $('problem').firstChild.dataset.status = '403';
  for (const card of document.querySelectorAll('main .grid > .card')) card.hidden = true;
} else {
  $('check-now').addEventListener('click', checkNow);
  $('parked-refresh').addEventListener('click', lookAgain);
  status('Loading the last check and the parked events…', 'working');
  const [report] = await Promise.all([loadIntegrity(), ...Object.keys(SERVICES).map(loadParked)]);
  if (!report) status('');
  else if (report.state !== 'RUNNING') {
    status(`Showing the last check and what is parked as of ${formatTime(new Date().toISOString(), { seconds: true })}.`, 'ok');
  }
}
