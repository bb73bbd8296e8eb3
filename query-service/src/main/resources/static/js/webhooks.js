// Webhooks, for HR administrators: the endpoints every reminder is POSTed to (signed with each one's secret), registering
// one (its secret shown this once, with a copy button), a test send with its outcome, each endpoint's delivery log with
// every attempt, and deleting one after a confirmation.
import * as api from './api.js';
import { may } from './auth.js';
import {
  el, formatTime, humanize, pageUrl, renderHeader, showProblem, showRefusal, signedIn, status,
} from './ui.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const WEBHOOKS = '/api/webhooks';

const TYPES = { 'reminder.raised': 'Reminder', 'webhook.test': 'Test event' };
const STATES = {
  PENDING: 'Waiting for the next attempt',
  SENDING: 'Being sent',
  DELIVERED: 'Delivered',
  FAILED: 'Failed: no more attempts',
  DROPPED: 'Not sent',
};

const nameOf = (endpoint) => endpoint.description || endpoint.url;

const names = new Map(); // person id -> Promise of their display name (null: not in the views, e.g. erased)

/** The person's name, from their timeline (an HR administrator may see everyone), asked once per page. */
function personName(personId) {
  if (!names.has(personId)) names.set(personId, api.timeline(personId).then((t) => t.displayName || null, () => null));
  return names.get(personId);
}

/** One attempt in words: when, and the receiver's answer or why there was none. */
function attemptWords(attempt) {
  const answer = attempt.status ? `HTTP ${attempt.status}` : (attempt.error || 'no answer');
  return `${formatTime(attempt.at, { seconds: true })}: ${answer}`;
}

/** A test send's outcome, as a sentence. */
function outcomeWords(delivery) {
  const attempt = delivery.attempts[delivery.attempts.length - 1];
  if (delivery.state === 'DELIVERED') return `Test event delivered: the endpoint answered HTTP ${attempt.status}.`;
  const why = attempt?.status ? `it answered HTTP ${attempt.status}` : `${attempt?.error || 'no answer came'}`;
  return `Test event not delivered: ${why}.`;
}

// ---- the delivery log -----------------------------------------------------------------------------

function deliveryRow(delivery, name) {
  const person = delivery.personId
    ? el('a', { href: pageUrl('career.html', { person: delivery.personId }) }, name || delivery.personId,
      name ? el('span', { class: 'fine-print' }, delivery.personId) : null)
    : el('span', { class: 'none' }, 'nobody (a test)');
  const attempts = delivery.attempts.length
    ? el('ol', {}, delivery.attempts.map((attempt) => el('li', {}, attemptWords(attempt))))
    : el('span', { class: 'none' }, delivery.note || 'none yet');
  const next = delivery.state === 'PENDING' ? formatTime(delivery.nextAttemptAt, { seconds: true }) : '—';
  return el('tr', { 'data-id': delivery.id, 'data-state': delivery.state },
    el('th', { scope: 'row' }, TYPES[delivery.type] || humanize(delivery.type),
      el('span', { class: 'fine-print' }, delivery.id)),
    el('td', {}, person),
    el('td', {}, el('span', { class: `state ${delivery.state}` }, STATES[delivery.state] || delivery.state)),
    el('td', {}, attempts),
    el('td', {}, next));
}

async function showLog(endpoint, item) {
  const holder = item.querySelector('.deliveries');
  const problem = item.querySelector('.endpoint-problem');
  problem.replaceChildren();
  holder.setAttribute('aria-busy', 'true');
  try {
    const deliveries = await api.queryApi(`${WEBHOOKS}/${enc(endpoint.id)}/deliveries`);
    // the events carry ids only; the page, signed in as someone who may see everyone, shows the names
    const found = await Promise.all(deliveries.map((d) => (d.personId ? personName(d.personId) : null)));
    const caption = `Delivery log of ${nameOf(endpoint)}, newest first`;
    holder.replaceChildren(deliveries.length
      ? el('div', { class: 'table-wrap' }, el('table', {},
        el('caption', {}, caption),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Event'), el('th', { scope: 'col' }, 'About'), el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Attempts'), el('th', { scope: 'col' }, 'Next attempt'))),
        el('tbody', {}, deliveries.map((d, i) => deliveryRow(d, found[i])))))
      : el('p', { class: 'empty' }, 'Nothing sent to this endpoint yet.'));
    holder.hidden = false;
  } catch (error) {
    showRefusal(problem, error, 'action', `Could not read the delivery log of ${nameOf(endpoint)}`);
  } finally {
    holder.removeAttribute('aria-busy');
  }
}

// ---- the endpoints ------------------------------------------------------------------------------

async function sendTest(endpoint, item, button) {
  button.disabled = true;
  const outcome = item.querySelector('.outcome');
  item.querySelector('.endpoint-problem').replaceChildren();
  status(`Sending a test event to ${nameOf(endpoint)}…`, 'working');
  try {
    const delivery = await api.queryApi(`${WEBHOOKS}/${enc(endpoint.id)}/test`, { method: 'POST' });
    const words = outcomeWords(delivery);
    outcome.textContent = words;
    outcome.className = `outcome ${delivery.state === 'DELIVERED' ? 'delivered' : 'failed'}`;
    outcome.hidden = false;
    status(`${nameOf(endpoint)}: ${words}`, delivery.state === 'DELIVERED' ? 'ok' : '');
    await showLog(endpoint, item);
  } catch (error) {
    status('');
    showRefusal(item.querySelector('.endpoint-problem'), error, 'action', `The test event to ${nameOf(endpoint)} was not sent`);
  } finally {
    button.disabled = false;
    button.focus();
  }
}

async function remove(endpoint, button) {
  const dialog = $('delete-dialog');
  $('delete-what').textContent = `${nameOf(endpoint)} (${endpoint.url}) will receive nothing more, and its delivery log`
    + ' is deleted with it. Registered anew, it gets a new secret.';
  dialog.returnValue = '';
  dialog.showModal();
  const choice = await new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }));
  if (choice !== 'delete') {
    status('Nothing was deleted.');
    button.focus();
    return;
  }
  try {
    await api.queryApi(`${WEBHOOKS}/${enc(endpoint.id)}`, { method: 'DELETE' });
    await loadEndpoints();
    status(`Deleted ${nameOf(endpoint)}: nothing more is sent to it.`, 'ok');
    $('endpoints-heading').focus();
  } catch (error) {
    showRefusal($('problem'), error, 'action', `Could not delete ${nameOf(endpoint)}`);
  }
}

function endpointItem(endpoint) {
  const headingId = `endpoint-${endpoint.id}`;
  const item = el('li', { class: 'endpoint', 'data-id': endpoint.id, 'aria-labelledby': headingId });
  const test = el('button', { type: 'button', class: 'secondary test' }, 'Send a test');
  const log = el('button', { type: 'button', class: 'secondary log' }, 'Show the delivery log');
  const del = el('button', { type: 'button', class: 'secondary delete' }, 'Delete');
  // the buttons name their endpoint for whoever hears them out of context
  for (const button of [test, log, del]) button.setAttribute('aria-describedby', headingId);
  test.addEventListener('click', () => sendTest(endpoint, item, test));
  log.addEventListener('click', () => showLog(endpoint, item));
  del.addEventListener('click', () => remove(endpoint, del));
  item.append(
    el('h3', { id: headingId }, nameOf(endpoint)),
    endpoint.description ? el('p', { class: 'url' }, endpoint.url) : null,
    el('p', { class: 'hint' }, `Registered ${formatTime(endpoint.createdAt)}`),
    el('div', { class: 'actions' }, test, log, del),
    el('p', { class: 'outcome', hidden: true }),
    el('div', { class: 'endpoint-problem' }),
    el('div', { class: 'deliveries', hidden: true }));
  return item;
}

async function loadEndpoints() {
  try {
    const endpoints = await api.queryApi(WEBHOOKS);
    $('endpoints').replaceChildren(...endpoints.map(endpointItem));
    $('endpoints-empty').hidden = endpoints.length > 0;
    return endpoints;
  } catch (error) {
    showRefusal($('problem'), error, 'action', 'Could not list the endpoints');
    return null;
  }
}

// ---- registering ---------------------------------------------------------------------------------

async function register(event) {
  event.preventDefault();
  const button = $('register-submit');
  const url = $('webhook-url');
  const problem = $('register-problem');
  problem.replaceChildren();
  url.removeAttribute('aria-invalid');
  button.disabled = true;
  try {
    const registered = await api.queryApi(WEBHOOKS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: url.value, description: $('webhook-description').value }),
    });
    $('register-form').reset();
    $('secret-for').textContent = nameOf(registered);
    $('secret-value').value = registered.secret;
    $('secret-panel').hidden = false;
    await loadEndpoints();
    status(`Registered ${nameOf(registered)}. Copy its signing secret now: it is shown this once.`, 'ok');
    $('secret-heading').focus();
  } catch (error) {
    const fields = error.fieldErrors || [];
    if (fields.some((f) => f.field === 'url')) url.setAttribute('aria-invalid', 'true');
    showProblem(problem, fields.length
      ? new Error(fields.map((f) => `${f.field === 'url' ? 'The address' : 'The description'} ${f.message}.`).join(' '))
      : error, 'Not registered');
    (fields.some((f) => f.field === 'description') ? $('webhook-description') : url).focus();
  } finally {
    button.disabled = false;
  }
}

async function copySecret() {
  const input = $('secret-value');
  try {
    await navigator.clipboard.writeText(input.value);
    status('The secret is copied to the clipboard.', 'ok');
  } catch (e) {
    input.focus();
    input.select();
    status('The secret could not be copied here: it is selected, copy it with Ctrl+C (⌘C on a Mac).');
  }
}

// ---- start -------------------------------------------------------------------------------------

const who = await signedIn();
renderHeader('webhooks');
if (!may.administer(who)) {
  showProblem($('problem'), new Error('Webhooks are for HR administrators only: your role does not let you see or'
    + ' change where reminders are sent.'));
  $('problem').firstChild.dataset.status = '403';
  for (const card of document.querySelectorAll('main .grid > .card')) card.hidden = true;
} else {
  $('register-form').addEventListener('submit', register);
  $('secret-copy').addEventListener('click', copySecret);
  status('Loading the endpoints…', 'working');
  const endpoints = await loadEndpoints();
  if (endpoints) status(`${endpoints.length === 1 ? '1 endpoint' : `${endpoints.length} endpoints`} registered.`, 'ok');
}
