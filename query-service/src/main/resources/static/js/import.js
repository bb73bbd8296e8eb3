// Import career histories: upload a CSV or NDJSON file to the command API, follow the import's progress
// (rows done of total, rate, time left), and list the rows that were not recorded, with their line and
// reason. The import's id goes into the page's address (?import=...), so a reload keeps following it.
import * as api from './api.js';
import { may } from './auth.js';
import {
  duration, el, figure, formatDate, params, recorderWords, renderHeader, showProblem, showRefusal, signedIn, status,
} from './ui.js';

const $ = (id) => document.getElementById(id);
const NUMBER = new Intl.NumberFormat('en-GB');
const STILL_GOING = ['QUEUED', 'RUNNING'];
const POLL_MS = 500;
const STATES = {
  QUEUED: 'Waiting for another import to finish',
  RUNNING: 'Importing',
  DONE: 'Done',
  FAILED: 'Stopped by an error',
  INTERRUPTED: 'Interrupted: the server stopped',
};
let following = null;
let lastState = null;

// ---- the command API ---------------------------------------------------------------------------

/** A request to the command API, with the access token (api.send): the imports live there. */
const call = (path, options = {}) => api.commandApi(path, options);

/** The content type the command API tells the format by; the format choice and the file's name decide. */
function contentType(file, format) {
  const name = file.name.toLowerCase();
  if (format === 'csv' || (!format && name.endsWith('.csv'))) return 'text/csv';
  if (format === 'ndjson' || (!format && (name.endsWith('.ndjson') || name.endsWith('.jsonl')))) return 'application/x-ndjson';
  return file.type || 'application/octet-stream';
}

// ---- uploading ---------------------------------------------------------------------------------

function formProblem(message) {
  const input = $('import-file');
  input.setAttribute('aria-invalid', 'true');
  showProblem(document.querySelector('#import-form .form-problem'), new Error(message));
  input.focus();
}

async function upload(event) {
  event.preventDefault();
  const form = event.currentTarget;
  form.querySelector('.form-problem').replaceChildren();
  $('import-file').removeAttribute('aria-invalid');
  const file = $('import-file').files[0];
  if (!file) {
    formProblem('Choose the file to import.');
    return;
  }
  const format = $('import-format').value;
  const query = new URLSearchParams({ fileName: file.name });
  if (format) query.set('format', format);
  const headers = { 'Content-Type': contentType(file, format) };
  const button = $('import-submit');
  button.disabled = true;
  status(`Uploading ${file.name}…`, 'working');
  try {
    const started = await call(`/api/imports?${query}`, { method: 'POST', headers, body: file });
    follow(started.id, started);
  } catch (error) {
    status('');
    if (error.status === 403) {
      formProblem('Not imported. Only HR administrators may import career histories.');
      return;
    }
    const title = error.problem?.title && error.problem.title !== error.message ? `${error.problem.title}: ` : '';
    formProblem(`Not imported. ${title}${error.message}`);
  } finally {
    button.disabled = false;
  }
}

// ---- following an import -----------------------------------------------------------------------

function follow(id, first) {
  const url = new URL(window.location.href);
  url.searchParams.set('import', id);
  window.history.replaceState({}, '', url);
  following = id;
  lastState = null;
  $('problem').replaceChildren();
  if (first) render(first);
  poll(id);
}

async function poll(id) {
  if (following !== id) return;
  let current;
  try {
    current = await call(`/api/imports/${encodeURIComponent(id)}`);
  } catch (error) {
    if (following !== id) return;
    if (error.status === 0) {
      status('The command API does not answer; trying again…', 'working');
      setTimeout(() => poll(id), 4 * POLL_MS);
      return;
    }
    status('');
    showRefusal($('problem'), error, 'action', 'Could not follow the import');
    return;
  }
  if (following !== id) return;
  render(current);
  if (STILL_GOING.includes(current.state)) {
    setTimeout(() => poll(id), POLL_MS);
  } else {
    loadRecent();
  }
}

function size(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

function render(s) {
  $('import-empty').hidden = true;
  $('import-progress').hidden = false;
  const going = STILL_GOING.includes(s.state);
  const total = s.rowsTotal || 0;
  const done = s.rowsDone || 0;
  const percent = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : (going ? 0 : 100);
  $('import-name').textContent = `${s.fileName || 'A file without a name'} · ${s.format} · ${size(s.fileBytes)}`
    + ` · by ${recorderWords(s.recordedBy)} · ${formatDate(s.createdAt)}`;
  $('progress-label').textContent = `Rows done: ${NUMBER.format(done)} of ${NUMBER.format(total)} (${percent} %)`;
  const bar = $('progress-bar');
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', `${NUMBER.format(done)} of ${NUMBER.format(total)} rows, ${percent} %`);
  bar.dataset.state = s.state;
  bar.querySelector('.progress-fill').style.width = `${percent}%`;
  $('import-figures').replaceChildren(
    figure(STATES[s.state] || s.state, 'state', s.state === 'FAILED' || s.state === 'INTERRUPTED'),
    figure(s.ratePerSecond ? NUMBER.format(Math.round(s.ratePerSecond)) : '—', 'rows a second'),
    figure(going ? duration(s.secondsLeft) : duration(s.elapsedSeconds), going ? 'time left' : 'took'),
    figure(NUMBER.format(s.recorded), 'rows recorded'),
    figure(NUMBER.format(s.alreadyRecorded), 'already recorded before'),
    figure(NUMBER.format(s.failed), 'rows not recorded', s.failed > 0),
    figure(NUMBER.format(s.eventsRecorded), 'events recorded'));
  $('events-why').textContent = eventsWhy(s);
  renderFailures(s);
  if (s.state !== lastState) {
    lastState = s.state;
    announce(s);
  }
}

/**
 * Why the rows and the events differ: a row records one event, and a role that begins while another is
 * still held also ends that one, an event the platform records itself.
 */
function eventsWhy(s) {
  const rows = s.recorded || 0;
  const events = s.eventsRecorded || 0;
  const more = events - rows;
  const recorded = `${NUMBER.format(rows)} ${rows === 1 ? 'row' : 'rows'} recorded as ${NUMBER.format(events)} ${events === 1 ? 'event' : 'events'}`;
  if (more <= 0) return `${recorded}: one event a row.`;
  return `${recorded}: the platform recorded ${NUMBER.format(more)} ${more === 1 ? 'event' : 'events'} itself, because a row`
    + ' that begins a role while another is still held also ends that one.';
}

function announce(s) {
  const name = s.fileName || 'the file';
  if (s.state === 'QUEUED') status(`${name} is waiting for another import to finish.`, 'working');
  else if (s.state === 'RUNNING') status(`Importing ${name}…`, 'working');
  else if (s.state === 'DONE') {
    status(`Imported ${name}: ${NUMBER.format(s.recorded)} rows recorded, ${NUMBER.format(s.alreadyRecorded)} already recorded,`
      + ` ${NUMBER.format(s.failed)} not recorded.`, 'ok');
  } else {
    status('');
    showProblem($('problem'), new Error(s.error || STATES[s.state]), `${name}: ${STATES[s.state] || s.state}`);
  }
}

function problemWords(type) {
  const slug = String(type || '').replace('urn:careerpath:problem:', '');
  const text = slug.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderFailures(s) {
  const failures = s.failures || [];
  $('failures-card').hidden = failures.length === 0;
  if (!failures.length) return;
  const listed = failures.length;
  $('failures-note').textContent = s.failuresOmitted > 0
    ? `The first ${NUMBER.format(listed)} of ${NUMBER.format(s.failed)} rows not recorded, by line of the file.`
    : `${NUMBER.format(listed)} ${listed === 1 ? 'row' : 'rows'} not recorded, by line of the file${STILL_GOING.includes(s.state) ? ' so far' : ''}.`;
  $('failures').tBodies[0].replaceChildren(...failures.map((f) => el('tr', {},
    el('td', { class: 'num' }, String(f.line)),
    el('td', { class: 'person' }, f.personRef || '—'),
    el('td', {}, problemWords(f.problem), f.field ? el('span', { class: 'hint' }, ` (${f.field})`) : null),
    el('td', { class: 'reason' }, f.reason))));
}

// ---- recent imports ----------------------------------------------------------------------------

async function loadRecent() {
  let imports;
  try {
    imports = await call('/api/imports');
  } catch (error) {
    $('recent-imports').replaceChildren(el('li', { class: 'empty' }, `Not available: ${error.message}`));
    return;
  }
  if (!imports.length) {
    $('recent-imports').replaceChildren(el('li', { class: 'empty' }, 'None yet.'));
    return;
  }
  $('recent-imports').replaceChildren(...imports.map((i) => el('li', {},
    el('a', { href: `import.html?import=${encodeURIComponent(i.id)}`, 'aria-current': i.id === following ? 'true' : null },
      i.fileName || 'A file without a name'),
    ` · ${STATES[i.state] || i.state} · ${NUMBER.format(i.recorded)} recorded, ${NUMBER.format(i.failed)} not recorded`
      + ` · ${formatDate(i.createdAt)}`)));
}

// ---- start -------------------------------------------------------------------------------------

const who = await signedIn();
renderHeader('import');
if (!may.importHistories(who)) {
  // the command API refuses imports to everyone but HR administrators; say so instead of offering the form
  showProblem($('problem'), new Error('Only HR administrators may import career histories.'));
  $('problem').firstChild.dataset.status = '403';
  for (const card of document.querySelectorAll('main .grid > .card')) card.hidden = true;
} else {
  if (who) $('recorded-as').textContent = `Every imported event is recorded as ${who.name}: the platform keeps who imported it from your sign-in.`;
  $('import-form').addEventListener('submit', upload);
  const id = params().get('import');
  if (id) follow(id);
  loadRecent();
}
