// The two APIs as the pages use them. Reads go to the query service (this origin); recorded events
// go to the command service, whose address the query service tells us (GET /api/config).

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

async function send(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json, application/problem+json' }, ...options });
  } catch (e) {
    throw new ApiError(0, { title: 'Not reachable', detail: `The platform did not answer (${url}). Is it running?` }, url);
  }
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

let configPromise;

/** {commandApi}: where recorded events go. */
export function config() {
  if (!configPromise) {
    configPromise = send('/api/config').catch((e) => {
      configPromise = undefined;
      throw e;
    });
  }
  return configPromise;
}

const enc = encodeURIComponent;

/** Views take asOf (the day in the career) and knownOn (what had been recorded by then); see ui.viewpoint(). */
export const timeline = (personId, { asOf, knownOn, minSequence } = {}) =>
  query(`/api/people/${enc(personId)}/timeline`, { asOf, knownOn, minSequence });

export const skills = (personId, { asOf, knownOn, minSequence } = {}) =>
  query(`/api/people/${enc(personId)}/skills`, { asOf, knownOn, minSequence, curves: true });

/** → [{teamId, everMembers}] */
export const teams = () => query('/api/teams');

export const rotationBoard = (teamId, { asOf, knownOn } = {}) =>
  query(`/api/teams/${enc(teamId)}/rotation-board`, { asOf, knownOn });

export const whatIf = (personId, proposal) =>
  send(new URL(`/api/people/${enc(personId)}/what-if`, window.location.origin).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify(proposal),
  });

/**
 * POST on the command API. Each recording carries its own Idempotency-Key, so when the answer is
 * lost on the way back (the platform did not answer), sending it once more is safe: the command
 * API answers a repeated key with the first answer and records nothing twice.
 */
async function command(path, body, recordedBy) {
  const { commandApi } = await config();
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json, application/problem+json',
    'Idempotency-Key': crypto.randomUUID(),
  };
  if (recordedBy) headers['X-Recorded-By'] = recordedBy;
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
export const registerPerson = (person, recordedBy) => command('/api/people', person, recordedBy);

/** → {eventId, sequenceNumber} */
export const recordEvent = (personId, event, recordedBy) =>
  command(`/api/people/${enc(personId)}/career-events`, event, recordedBy);
