// Signing in with OpenID Connect: the authorization code flow with PKCE (S256), for the public client
// the query service names in GET /api/config. The browser goes to the sign-in server, comes back to
// signed-in.html with a code, and that page exchanges it for the tokens (js/signed-in.js).
//
// The tokens live in this tab's sessionStorage only (never localStorage): closing the tab forgets them.
// The access token's claims (roles, person_id, managed_teams) are read here only to shape the pages;
// the APIs decide, on every request, what the caller may see and do (docs/security.md).
import { config } from './config.js';

const SESSION = 'careerpath.session';        // {accessToken, idToken, expiresAt}
const PENDING = 'careerpath.signin.pending'; // {<state>: {verifier, nonce, returnTo, redirectUri, at}}
const ATTEMPTS = 'careerpath.signin.attempts';
const SIGNED_OUT = 'careerpath.signedOut';
const CALLBACK = 'signed-in.html';
const EARLY_MS = 30_000;                     // a token this close to its end is treated as expired

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

// ---- settings ---------------------------------------------------------------------------------

const firstString = (object, ...names) => names.map((n) => object?.[n]).find((v) => typeof v === 'string' && v.trim());

let settingsPromise;

/**
 * Where to sign in, from GET /api/config (field names read defensively); with only an issuer, from
 * the issuer's discovery document. Null when the platform names no sign-in at all (then the pages
 * send no token, as before sign-in existed).
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
        scopes: scopes || 'openid profile',
      };
      if ((!result.authorizationUri || !result.tokenUri) && result.issuer) {
        const discovery = await fetch(`${result.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
          .then((r) => (r.ok ? r.json() : null)).catch(() => null);
        result.authorizationUri = result.authorizationUri || discovery?.authorization_endpoint;
        result.tokenUri = result.tokenUri || discovery?.token_endpoint;
        result.logoutUri = result.logoutUri || discovery?.end_session_endpoint;
      }
      if (!result.authorizationUri || !result.tokenUri) {
        throw new Error('The platform asks for a sign-in but does not say where (GET /api/config: signIn).');
      }
      return result;
    })().catch((e) => {
      settingsPromise = undefined;
      throw e;
    });
  }
  return settingsPromise;
}

// ---- bytes and encodings ------------------------------------------------------------------------

function base64url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

async function challengeOf(verifier) {
  if (!window.crypto?.subtle) {
    throw new Error('Signing in needs a secure address (https, or http://127.0.0.1 / http://localhost).');
  }
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
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

function session() {
  const s = read(SESSION);
  return s && typeof s.accessToken === 'string' ? s : null;
}

function fresh(s) {
  return !!s && Number(s.expiresAt) - EARLY_MS > Date.now();
}

/** Keeps the tokens of a successful sign-in (from signed-in.js). */
export function keep(tokens) {
  const fromResponse = Number(tokens.expires_in) > 0 ? Date.now() + Number(tokens.expires_in) * 1000 : Infinity;
  const exp = Number(claims(tokens.access_token).exp);
  const fromToken = exp > 0 ? exp * 1000 : Infinity;
  let expiresAt = Math.min(fromResponse, fromToken);
  if (!Number.isFinite(expiresAt)) expiresAt = Date.now() + 5 * 60_000;
  write(SESSION, { accessToken: tokens.access_token, idToken: tokens.id_token || null, expiresAt });
  write(SIGNED_OUT, null);
}

/**
 * Who is signed in, from the tokens (for showing and shaping the pages only):
 * {subject, name, roles, role, roleName, personId, managedTeams}; null when nobody is.
 */
export function identity() {
  const s = session();
  if (!s) return null;
  const access = claims(s.accessToken);
  const id = s.idToken ? claims(s.idToken) : {};
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

/**
 * Sends the browser to the sign-in server; comes back to {@code returnTo} (this page by default) once
 * signed in. The promise never resolves: the page is left. Refuses (throws) when this tab has started
 * three sign-ins in the last minute without a request succeeding: the platform does not accept the
 * tokens the sign-in server gives, and going round again would not help.
 */
export async function signIn(returnTo = here()) {
  if (redirecting) return redirecting;
  if (window.location.hostname === 'localhost') {
    // sign-in servers expect the loopback address by number in redirects (RFC 8252 §7.3; Spring Authorization
    // Server refuses "localhost"): move to the same page on 127.0.0.1 first, and sign in from there
    redirecting = never();
    window.location.replace(window.location.href.replace('//localhost', '//127.0.0.1'));
    return redirecting;
  }
  const attempts = recentAttempts();
  if (attempts.length >= 3) {
    write(ATTEMPTS, null);
    throw new Error('Signed in, but the platform keeps refusing the sign-in. Please try again later or ask an administrator.');
  }
  const s = await settings();
  if (!s) throw new Error('The platform does not say where to sign in.');
  const verifier = randomString(48);
  const state = randomString(16);
  const nonce = randomString(16);
  const redirectUri = new URL(CALLBACK, `${window.location.origin}/`).toString();
  const challenge = await challengeOf(verifier);
  const pending = read(PENDING) || {};
  const kept = Object.entries(pending).filter(([, p]) => Date.now() - p.at < 30 * 60_000).slice(-4);
  write(PENDING, { ...Object.fromEntries(kept), [state]: { verifier, nonce, returnTo, redirectUri, at: Date.now() } });
  write(ATTEMPTS, [...attempts, Date.now()]);
  const url = new URL(s.authorizationUri);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: redirectUri,
    scope: s.scopes,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  redirecting = never();
  window.location.assign(url.toString());
  return redirecting;
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
  write(SESSION, null);
  if (!automatic) return null;
  return signIn();
}

/** The access token for a request to either API; null without sign-in; signs in again when it has expired. */
export async function bearer() {
  const s = await settings();
  if (!s) return null;
  const current = session();
  if (fresh(current)) return current.accessToken;
  write(SESSION, null);
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
  write(SESSION, null);
  return signIn();
}

/** Reads the code the sign-in server sent back (signed-in.html) and exchanges it for the tokens. */
export async function completeSignIn(query = new URLSearchParams(window.location.search)) {
  const state = query.get('state') || '';
  const pending = read(PENDING) || {};
  const mine = pending[state];
  if (mine) {
    delete pending[state];
    write(PENDING, pending);
  }
  if (query.get('error')) {
    const error = new Error(query.get('error_description') || `The sign-in server refused: ${query.get('error')}.`);
    error.returnTo = mine?.returnTo;
    throw error;
  }
  if (!mine || !query.get('code')) {
    throw new Error('This sign-in was not started in this tab, or has already been used.');
  }
  const s = await settings();
  let response;
  try {
    response = await fetch(s.tokenUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: query.get('code'),
        redirect_uri: mine.redirectUri,
        client_id: s.clientId,
        code_verifier: mine.verifier,
      }),
    });
  } catch (e) {
    const error = new Error('The sign-in server did not answer.');
    error.returnTo = mine.returnTo;
    throw error;
  }
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    const error = new Error(tokens.error_description || tokens.error || `The sign-in server answered ${response.status}.`);
    error.returnTo = mine.returnTo;
    throw error;
  }
  const idClaims = tokens.id_token ? claims(tokens.id_token) : {};
  if (idClaims.nonce && idClaims.nonce !== mine.nonce) {
    const error = new Error('The sign-in answer does not belong to this sign-in.');
    error.returnTo = mine.returnTo;
    throw error;
  }
  keep(tokens);
  return safeReturn(mine.returnTo);
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
 * Forgets the tokens and ends the session at the sign-in server too (its logout endpoint, with the ID
 * token as hint), which sends the browser back to the start page.
 * @param beforeLeaving called with who was signed in, before the tokens are forgotten (e.g. to clear remembered data)
 */
export async function signOut(beforeLeaving = () => {}) {
  const s = await settings().catch(() => null);
  const current = session();
  const who = identity();
  try {
    beforeLeaving(who);
  } catch (e) {
    // nothing to clear
  }
  write(SESSION, null);
  write(PENDING, null);
  write(ATTEMPTS, null);
  write(SIGNED_OUT, true);
  const home = `${window.location.origin}/`;
  if (s?.logoutUri && current?.idToken) {
    const url = new URL(s.logoutUri);
    url.search = new URLSearchParams({
      id_token_hint: current.idToken,
      post_logout_redirect_uri: home,
      client_id: s.clientId,
    }).toString();
    window.location.assign(url.toString());
  } else {
    window.location.assign(home);
  }
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
