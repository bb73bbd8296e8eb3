// Signing in with OpenID Connect through oidc-client-ts 3.5.0 (js/vendor/, the maintained successor of
// the OpenID-certified oidc-client-js; each page loads it as a classic script, the global `oidc`, before
// its modules): the authorization code flow with PKCE (S256), for the public client the query service
// names in GET /api/config. The browser goes to the sign-in server, comes back to signed-in.html with a
// code, and that page has the library exchange it for the tokens (js/signed-in.js).
//
// What the library checks on the way back (docs/security.md): the `state` must name a sign-in request
// this tab started and has not used yet (it keeps them in sessionStorage and removes one when it is
// answered), the code is exchanged with that request's PKCE verifier, and the ID token's `nonce` must be
// the one that request sent. The library sends and checks a nonce only when given one, so every sign-in
// here gets a fresh one, and a request kept without one is refused before the library sees the answer.
//
// The tokens live in this tab's sessionStorage only (never localStorage): closing the tab forgets them.
// There is no silent renewal (the dashboard client gets no refresh token): an expired token signs in
// again, which the sign-in server's own session makes quick. The access token's claims (roles,
// person_id, managed_teams) are read here only to shape the pages; the APIs decide, on every request,
// what the caller may see and do (docs/security.md).
import { config } from './config.js';

const PREFIX = 'careerpath.';                // the library's signed-in user: careerpath.user:<issuer>:<client id>
const REQUESTS = 'careerpath.signin.';       // the library's sign-in requests: careerpath.signin.<state>
const ATTEMPTS = 'careerpath.attempts';
const SIGNED_OUT = 'careerpath.signedOut';
const CALLBACK = 'signed-in.html';
const EARLY_MS = 30_000;                     // a token this close to its end is treated as expired
const LIBRARY = 'js/vendor/oidc-client-ts-3.5.0.min.js';

export const ROLE_NAMES = {
  HR_ADMIN: 'HR administrator',
  PMO_LEAD: 'PMO lead',
  MANAGER: 'Manager',
  EMPLOYEE: 'Employee',
};
const WIDEST_FIRST = ['HR_ADMIN', 'PMO_LEAD', 'MANAGER', 'EMPLOYEE'];

// ---- storage ----------------------------------------------------------------------------------

function read(key) {
  try {
    return JSON.parse(window.sessionStorage.getItem(key) || 'null');
  } catch (e) {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    // storage disabled: signing in cannot work; the sign-in page says so
  }
}

// ---- settings and the library -------------------------------------------------------------------

const firstString = (object, ...names) => names.map((n) => object?.[n]).find((v) => typeof v === 'string' && v.trim());

let settingsPromise;
let manager = null;   // the library's UserManager, once settings() has resolved
let requests = null;  // its store of sign-in requests
let userKey = null;   // where it keeps the signed-in user (read synchronously by identity())

function library() {
  const oidc = globalThis.oidc;
  if (!oidc?.UserManager) throw new Error(`The sign-in library did not load (${LIBRARY}).`);
  return oidc;
}

/**
 * Where to sign in, from GET /api/config (field names read defensively); with only an issuer, the
 * library reads the issuer's discovery document. Null when the platform names no sign-in at all (then
 * the pages send no token, as before sign-in existed).
 */
export function settings() {
  if (!settingsPromise) {
    settingsPromise = (async () => {
      const all = await config();
      const s = all?.signIn || all?.signin || all?.sign_in || all?.oidc || all?.auth || null;
      if (!s && all?.signInRequired) {
        throw new Error('The platform asks for a sign-in but does not say where (GET /api/config: signIn).');
      }
      if (!s) return null;
      const scopes = Array.isArray(s.scopes) ? s.scopes.join(' ') : firstString(s, 'scopes', 'scope');
      const result = {
        issuer: firstString(s, 'issuer', 'issuerUri', 'issuerUrl'),
        authorizationUri: firstString(s, 'authorizationUri', 'authorizationEndpoint', 'authorizeUri', 'authorizationUrl'),
        tokenUri: firstString(s, 'tokenUri', 'tokenEndpoint', 'tokenUrl'),
        logoutUri: firstString(s, 'logoutUri', 'endSessionEndpoint', 'endSessionUri', 'logoutUrl'),
        clientId: firstString(s, 'clientId', 'client_id') || 'careerpath-dashboard',
        // "openid" always: without it there is no ID token, and no nonce to check
        scopes: [...new Set(['openid', ...(scopes || 'profile').split(/\s+/).filter(Boolean)])].join(' '),
      };
      if ((!result.authorizationUri || !result.tokenUri) && !result.issuer) {
        throw new Error('The platform asks for a sign-in but does not say where (GET /api/config: signIn).');
      }
      useLibrary(result);
      return result;
    })().catch((e) => {
      settingsPromise = undefined;
      throw e;
    });
  }
  return settingsPromise;
}

function useLibrary(s) {
  const { UserManager, WebStorageStateStore } = library();
  const authority = (s.issuer || new URL(s.authorizationUri).origin).replace(/\/+$/, '');
  const origin = window.location.origin;
  requests = new WebStorageStateStore({ prefix: REQUESTS, store: window.sessionStorage });
  manager = new UserManager({
    authority,
    // the endpoints /api/config names; without them, the library reads the issuer's discovery document
    metadata: s.authorizationUri && s.tokenUri ? {
      issuer: authority,
      authorization_endpoint: s.authorizationUri,
      token_endpoint: s.tokenUri,
      end_session_endpoint: s.logoutUri,
    } : undefined,
    client_id: s.clientId,
    redirect_uri: new URL(CALLBACK, `${origin}/`).toString(),
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: s.scopes,
    userStore: new WebStorageStateStore({ prefix: PREFIX, store: window.sessionStorage }),
    stateStore: requests,
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
  userKey = `${PREFIX}user:${authority}:${s.clientId}`;
}

/** The claims of a JWT (its middle part, base64url JSON); {} for anything else. For the UI only: not verified. */
export function claims(jwt) {
  try {
    const part = String(jwt).split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(part + '='.repeat((4 - (part.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) || {};
  } catch (e) {
    return {};
  }
}

// ---- the session --------------------------------------------------------------------------------

/** The library's signed-in user as it keeps it ({access_token, id_token, expires_at, profile, ...}), or null. */
function session() {
  const user = userKey ? read(userKey) : null;
  return user && typeof user.access_token === 'string' ? user : null;
}

function forgetSession() {
  if (userKey) write(userKey, null);
}

/** Fresh: neither the token response's expires_in nor the access token's own exp is near. */
function fresh(user) {
  if (!user) return false;
  const ends = [Number(user.expires_at), Number(claims(user.access_token).exp)].filter((t) => t > 0).map((t) => t * 1000);
  return !ends.length || Math.min(...ends) - EARLY_MS > Date.now();
}

/**
 * Who is signed in, from the tokens (for showing and shaping the pages only):
 * {subject, name, roles, role, roleName, personId, managedTeams}; null when nobody is.
 */
export function identity() {
  const s = session();
  if (!s) return null;
  const access = claims(s.access_token);
  const id = s.profile || {};
  const roles = (Array.isArray(access.roles) ? access.roles : typeof access.roles === 'string' ? access.roles.split(/[\s,]+/) : [])
    .map((r) => String(r).toUpperCase()).filter((r) => ROLE_NAMES[r]);
  const role = WIDEST_FIRST.find((r) => roles.includes(r)) || null;
  const personId = typeof access.person_id === 'string' && access.person_id ? access.person_id.toLowerCase() : null;
  const fullName = [id.given_name, id.family_name].filter(Boolean).join(' ');
  return {
    subject: access.sub || id.sub || '',
    name: id.name || fullName || id.preferred_username || access.preferred_username || access.sub || id.sub || 'Signed in',
    roles,
    role,
    roleName: role ? ROLE_NAMES[role] : 'No role',
    personId,
    managedTeams: Array.isArray(access.managed_teams) ? access.managed_teams.map(String) : [],
  };
}

// ---- signing in -----------------------------------------------------------------------------------

let redirecting = null;
const never = () => new Promise(() => {});

function recentAttempts() {
  const now = Date.now();
  return (read(ATTEMPTS) || []).filter((t) => now - t < 60_000);
}

/** A request the token was good for: the sign-in works, so forget the attempts (see signIn). */
export function accepted() {
  if (read(ATTEMPTS)) write(ATTEMPTS, null);
}

function here() {
  const path = window.location.pathname + window.location.search + window.location.hash;
  return path.includes(CALLBACK) ? 'index.html' : path;
}

/** A fresh nonce per sign-in request (the library sends it, keeps it with the request and checks the ID token's). */
function newNonce() {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends the browser to the sign-in server; comes back to {@code returnTo} (this page by default) once
 * signed in. The promise never resolves: the page is left. Refuses (throws) when this tab has started
 * three sign-ins in the last minute without a request succeeding: the platform does not accept the
 * tokens the sign-in server gives, and going round again would not help.
 */
export function signIn(returnTo = here()) {
  if (!redirecting) {
    redirecting = startSignIn(returnTo).catch((e) => {
      redirecting = null;
      throw e;
    });
  }
  return redirecting;
}

async function startSignIn(returnTo) {
  if (window.location.hostname === 'localhost') {
    // sign-in servers expect the loopback address by number in redirects (RFC 8252 §7.3; Spring Authorization
    // Server refuses "localhost"): move to the same page on 127.0.0.1 first, and sign in from there
    window.location.replace(window.location.href.replace('//localhost', '//127.0.0.1'));
    return never();
  }
  const attempts = recentAttempts();
  if (attempts.length >= 3) {
    write(ATTEMPTS, null);
    throw new Error('Signed in, but the platform keeps refusing the sign-in. Please try again later or ask an administrator.');
  }
  const s = await settings();
  if (!s) throw new Error('The platform does not say where to sign in.');
  if (!window.crypto?.subtle) {
    throw new Error('Signing in needs a secure address (https, or http://127.0.0.1 / http://localhost).');
  }
  write(ATTEMPTS, [...attempts, Date.now()]);
  // the library adds the PKCE challenge and a random state, and keeps both with the nonce and returnTo
  await manager.signinRedirect({ state: returnTo, nonce: newNonce() });
  return never();
}

/**
 * Makes sure someone is signed in: resolves with who (see identity()), or with null when the
 * platform has no sign-in; otherwise goes to the sign-in server (and never resolves).
 * @param automatic false: do not leave the page, resolve with null (the start page after signing out)
 */
export async function ensureSignedIn({ automatic = true } = {}) {
  const s = await settings();
  if (!s) return null;
  if (fresh(session())) return identity();
  forgetSession();
  if (!automatic) return null;
  return signIn();
}

/** The access token for a request to either API; null without sign-in; signs in again when it has expired. */
export async function bearer() {
  const s = await settings();
  if (!s) return null;
  const current = session();
  if (fresh(current)) return current.access_token;
  forgetSession();
  return signIn();
}

/**
 * Whether a request now would go out without signing in first: a page refreshing itself in the
 * background asks, so that an expired sign-in never takes the reader away from what they are reading
 * (their next action signs in again).
 */
export async function signedInQuietly() {
  return !(await settings()) || fresh(session());
}

/** An API answered 401 to the token: it is no good any more (expired, revoked, keys rotated). Sign in again. */
export async function rejected() {
  forgetSession();
  return signIn();
}

/** The library's refusals in the pages' words. */
function explain(e) {
  const { ErrorResponse } = library();
  const reason = String(e?.message || e);
  if (e instanceof ErrorResponse) {
    return e.error_description || `The sign-in server refused: ${e.error}.`;
  }
  if (/no state in response|no matching state|state does not match/i.test(reason)) {
    return 'This sign-in was not started in this tab, or has already been used.';
  }
  if (/nonce/i.test(reason)) return `The sign-in answer does not belong to this sign-in (${reason}).`;
  if (e instanceof TypeError) return 'The sign-in server did not answer.';
  return `The sign-in did not complete (${reason}).`;
}

/**
 * Has the library complete the sign-in the sign-in server answered (signed-in.html): it finds the
 * request by its state, exchanges the code with its PKCE verifier and checks the ID token's nonce.
 * Answers where to go back to; throws (with {@code returnTo} when the request is known) when refused.
 */
export async function completeSignIn(query = new URLSearchParams(window.location.search)) {
  const s = await settings();
  if (!s) throw new Error('The platform does not say where to sign in.');
  const state = (query.get('state') || '').split(';')[0]; // the library's reading: "<id>;<url state>"
  const request = state ? await requests.get(state).then(JSON.parse).catch(() => null) : null;
  const refused = (message, cause) => Object.assign(new Error(message, { cause }), { returnTo: request?.data });
  if (request && !request.nonce) {
    // the library checks the nonce only when its request kept one: every sign-in started here does
    await requests.remove(state);
    throw refused('The sign-in answer does not belong to this sign-in (the request kept no nonce).');
  }
  let user;
  try {
    user = await manager.signinRedirectCallback(`${new URL(CALLBACK, `${window.location.origin}/`)}?${query}`);
  } catch (e) {
    throw refused(explain(e), e);
  }
  write(SIGNED_OUT, null);
  return safeReturn(user.state);
}

/** A place on this site to go back to: never another origin, never the callback itself. */
export function safeReturn(returnTo) {
  try {
    const url = new URL(returnTo || 'index.html', `${window.location.origin}/`);
    if (url.origin !== window.location.origin || url.pathname.endsWith(`/${CALLBACK}`)) return 'index.html';
    return url.pathname + url.search + url.hash;
  } catch (e) {
    return 'index.html';
  }
}

// ---- signing out ----------------------------------------------------------------------------------

/** True once, on the first page after signing out (the start page then offers to sign in, and does not go by itself). */
export function justSignedOut() {
  const flag = read(SIGNED_OUT);
  return !!flag;
}

export function forgetSignedOut() {
  write(SIGNED_OUT, null);
}

/**
 * Forgets the tokens and ends the session at the sign-in server too (its end-session endpoint, with the
 * ID token as hint), which sends the browser back to the start page.
 * @param beforeLeaving called with who was signed in, before the tokens are forgotten (e.g. to clear remembered data)
 */
export async function signOut(beforeLeaving = () => {}) {
  await settings().catch(() => null);
  const current = session();
  const who = identity();
  try {
    beforeLeaving(who);
  } catch (e) {
    // nothing to clear
  }
  if (requests) {
    for (const key of await requests.getAllKeys()) await requests.remove(key);
  }
  write(ATTEMPTS, null);
  write(SIGNED_OUT, true);
  if (manager && current?.id_token) {
    try {
      await manager.signoutRedirect(); // forgets the user, then leaves for the end-session endpoint
      return never();
    } catch (e) {
      // no end-session endpoint: this tab forgets the tokens, the sign-in server keeps its session
    }
  }
  forgetSession();
  window.location.assign(`${window.location.origin}/`);
  return never();
}

// ---- what the pages offer whom (the APIs decide; this only hides what would be refused) ---------------

const any = (who, ...roles) => roles.some((r) => who.roles.includes(r));

export const may = {
  /** PMO leads and HR administrators see everyone. */
  seeEveryone: (who) => !who || any(who, 'PMO_LEAD', 'HR_ADMIN'),
  listTeams: (who) => !who || any(who, 'PMO_LEAD', 'HR_ADMIN', 'MANAGER'),
  register: (who) => !who || any(who, 'PMO_LEAD', 'HR_ADMIN', 'MANAGER'),
  importHistories: (who) => !who || any(who, 'HR_ADMIN'),
  /** Data health: the read models' check against the event store, and the events the services parked. */
  administer: (who) => !who || any(who, 'HR_ADMIN'),
  seeBoard: (who, teamId) => !who || any(who, 'PMO_LEAD', 'HR_ADMIN')
    || (any(who, 'MANAGER') && who.managedTeams.includes(teamId)),
  /** @param teamId the person's current team, when known */
  recordFor: (who, personId, teamId) => !who || any(who, 'PMO_LEAD', 'HR_ADMIN')
    || (!!personId && personId.toLowerCase() === who.personId)
    || (any(who, 'MANAGER') && !!teamId && who.managedTeams.includes(teamId)),
};
