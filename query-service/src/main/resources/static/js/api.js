// The two APIs as the pages use them. Reads go to the query service (this origin); recorded events
// go to the command service, whose address the query service tells us (GET /api/config). Every
// request to either API carries the signed-in user's access token (js/auth.js); an API that no
// longer accepts it (401) sends the browser to sign in again.
import * as auth from './auth.js';
import { config } from './config.js';

export { config };

/** A refusal from either API: the RFC 9457 problem detail, with per-field errors when it has them. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.url = url;
  }

  /** [{field, message}] for validation failures, [] otherwise. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  get type() {
    return this.problem.type || '';
  }
}

/**
 * One request to either API, with the access token. Answers the parsed body; throws an ApiError for
 * anything but 2xx. A 401 (the token is no good any more) starts the sign-in again.
 */
export async function send(url, options = {}) {
  const token = await auth.bearer();
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, { title: 'Not reachable', detail: `The platform did not answer (${url}). Is it running?` }, url);
  }
  if (response.status === 401 && token) {
    await auth.rejected(); // leaves the page (or throws when signing in keeps failing)
  }
  if (token) auth.accepted(); // any answer but 401 (403 and 404 included): the token itself was good
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = { detail: text.slice(0, 300) };
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, body, url);
    error.retryAfter = Number(response.headers.get('Retry-After')) || 1;
    throw error;
  }
  return body;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET on the query API. A 503 "not yet projected" (asked for a sequence the read model has not
 * reached) is retried after Retry-After, for up to about 30 seconds.
 */
export async function query(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await send(url.toString());
    } catch (e) {
      if (e.status === 503 && Date.now() < deadline) {
        await sleep(Math.min(5, e.retryAfter) * 1000);
        continue;
      }
      throw e;
    }
  }
}

const enc = encodeURIComponent;

/** Views take asOf (the day in the career) and knownOn (what had been recorded by then); see ui.viewpoint(). */
export const timeline = (personId, { asOf, knownOn, minSequence } = {}) =>
  query(`/api/people/${enc(personId)}/timeline`, { asOf, knownOn, minSequence });

export const skills = (personId, { asOf, knownOn, minSequence } = {}) =>
  query(`/api/people/${enc(personId)}/skills`, { asOf, knownOn, minSequence, curves: true });

/** → [{teamId, teamName, members}]: members = the people on the team's board today */
export const teams = () => query('/api/teams');

/** People the caller may see whose name has words starting with the words of q (no retries: a type-ahead asks again). */
export const findPeople = (q) => send(new URL(`/api/people?q=${enc(q)}`, window.location.origin).toString());

export const rotationBoard = (teamId, { asOf, knownOn } = {}) =>
  query(`/api/teams/${enc(teamId)}/rotation-board`, { asOf, knownOn });

export const whatIf = (personId, proposal) =>
  send(new URL(`/api/people/${enc(personId)}/what-if`, window.location.origin).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(proposal),
  });

/**
 * POST on the command API. Each recording carries its own Idempotency-Key, so when the answer is
 * lost on the way back (the platform did not answer), sending it once more is safe: the command
 * API answers a repeated key with the first answer and records nothing twice. Who recorded it is
 * taken from the token by the API, never sent by the page.
 */
async function command(path, body) {
  const { commandApi } = await config();
  const headers = {
    'Content-Type': 'application/json',
    'Idempotency-Key': crypto.randomUUID(),
  };
  const request = { method: 'POST', headers, body: JSON.stringify(body) };
  try {
    return await send(`${commandApi}${path}`, request);
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) {
      return send(`${commandApi}${path}`, request);
    }
    throw e;
  }
}

/** → {personId, eventId, sequenceNumber} */
export const registerPerson = (person) => command('/api/people', person);

/** → {eventId, sequenceNumber} */
export const recordEvent = (personId, event) => command(`/api/people/${enc(personId)}/career-events`, event);

/** GET, POST or DELETE on the query API (its administration): {@code path} from its root. */
export const queryApi = (path, options = {}) => send(new URL(path, window.location.origin).toString(), options);

/** GET, POST or DELETE on the command API (imports, its administration): {@code path} from its root. */
export async function commandApi(path, options = {}) {
  const { commandApi: base } = await config();
  return send(`${base}${path}`, options);
}
