// What every page shares: the header with navigation, who is signed in and the as-of picker, the
// status region, remembered people and teams, and the words for dates, numbers and kinds.
import * as api from './api.js';
import * as auth from './auth.js';
import './scroll-regions.js';
import { peopleSearch } from './people-search.js';

export const params = () => new URLSearchParams(window.location.search);

/** Today as the platform counts it (UTC): the latest day the as-of picker allows. */
export const today = () => new Date().toISOString().slice(0, 10);

/** Builds an element: el('a', {href: '#', class: 'x'}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * From where the views look: {asOf, knownOn} for the query API. A past as-of day shows by default
 * everything known now (late recordings and imports included: knownOn = today); with
 * ?knownThen=1 it shows only what had been recorded by the end of that day, the answer the
 * platform gave then.
 */
export function viewpoint() {
  const query = params();
  const asOf = query.get('asOf') || '';
  if (!asOf) return { asOf: '', knownOn: '' };
  return { asOf, knownOn: query.get('knownThen') === '1' ? asOf : today() };
}

// ---- remembered context (this browser only) -------------------------------------------------

const LEGACY_STORE = 'careerpath.recent';

// The pages no longer ask who records (the platform takes it from the sign-in): forget the name they kept.
try {
  window.localStorage.removeItem('careerpath.recordedBy');
} catch (e) {
  // storage disabled: nothing kept
}

/** Remembered per account, so that the next person to sign in on this browser does not see them. */
function store() {
  const who = auth.identity();
  return who ? `careerpath.recent.${who.subject}` : LEGACY_STORE;
}

/** Forgets what this browser remembers for an account (when it signs out). */
export function forgetRecent(who) {
  try {
    if (who) window.localStorage.removeItem(`careerpath.recent.${who.subject}`);
    window.localStorage.removeItem(LEGACY_STORE);
  } catch (e) {
    // nothing remembered
  }
}

export function recent() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(store()) || '{}');
    return { people: stored.people || [], teams: stored.teams || [], teamNames: stored.teamNames || {} };
  } catch (e) {
    return { people: [], teams: [], teamNames: {} };
  }
}

/**
 * What people call a team: the name the API last gave for it (remembered in this browser), else its
 * id read as a name, as the query service does ("team-apollo" is "Apollo").
 */
export function teamWords(teamId, teamName) {
  if (teamName) return teamName;
  const remembered = recent().teamNames[teamId];
  if (remembered) return remembered;
  const words = String(teamId || '').replace(/^team[-_.]/i, '').replace(/[-_.]/g, ' ').trim() || String(teamId || '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function save(value) {
  try {
    window.localStorage.setItem(store(), JSON.stringify(value));
  } catch (e) {
    // private mode or storage disabled: the pages work, they just do not remember
  }
}

export function rememberPerson(person) {
  if (!person?.id) return;
  const value = recent();
  const previous = value.people.find((p) => p.id === person.id) || {};
  value.people = [{ ...previous, ...Object.fromEntries(Object.entries(person).filter(([, v]) => v)) },
    ...value.people.filter((p) => p.id !== person.id)].slice(0, 12);
  if (person.teamId) value.teams = [person.teamId, ...value.teams.filter((t) => t !== person.teamId)].slice(0, 12);
  if (person.teamId && person.teamName) value.teamNames = { ...value.teamNames, [person.teamId]: person.teamName };
  save(value);
}

/** The names the API gave these teams ({teamId, teamName}), for the lists that remember only ids. */
export function rememberTeamNames(teams) {
  const value = recent();
  for (const team of teams) if (team.teamId && team.teamName) value.teamNames[team.teamId] = team.teamName;
  save(value);
}

export function rememberTeam(teamId, teamName) {
  if (!teamId) return;
  const value = recent();
  value.teams = [teamId, ...value.teams.filter((t) => t !== teamId)].slice(0, 12);
  if (teamName) value.teamNames = { ...value.teamNames, [teamId]: teamName };
  save(value);
}

// ---- header -----------------------------------------------------------------------------------

/** Link to a page, carrying the person, team and as-of date along. */
export function pageUrl(page, { person, team, asOf } = {}) {
  const query = new URLSearchParams();
  if (person) query.set('person', person);
  if (team) query.set('team', team);
  if (asOf) query.set('asOf', asOf);
  if (asOf && params().get('knownThen') === '1') query.set('knownThen', '1');
  const text = query.toString();
  return `${page}${text ? `?${text}` : ''}`;
}

/**
 * Fills the page header: brand, navigation (the current page marked; only what the signed-in
 * identity may use), who is signed in with a way to sign out, and, where the page has dated views,
 * the as-of picker that moves them all to a past day.
 *
 * @param current     'home' | 'career' | 'team' | 'attention' | 'plan' | 'record' | 'import' | 'data-health' | 'notifications'
 * @param person      the person the page is about, if any
 * @param personTeam  that person's current team, when known (decides whether "Record an event" is offered)
 * @param team        the team the page is about, if any
 * @param onAsOf      called with the new as-of date ('' for today) when the picker changes; omit for no picker
 */
export function renderHeader(current, { person, personTeam, team, onAsOf } = {}) {
  const header = document.getElementById('site-header');
  const who = auth.identity();
  const remembered = recent();
  const own = who?.personId || null;
  const personId = person || own || remembered.people[0]?.id;
  const teamId = team || (who && !auth.may.seeEveryone(who) ? who.managedTeams[0] : null) || remembered.teams[0];
  const asOf = params().get('asOf') || '';
  const link = (page, name, text, context, id) =>
    el('li', {}, el('a', { href: pageUrl(page, context), id, 'aria-current': current === name ? 'page' : null }, text));
  const otherPerson = personId && personId !== own;
  const teamLink = teamId && auth.may.listTeams(who) && (!who || auth.may.seeBoard(who, teamId) || current === 'team');
  const recordFor = personId && auth.may.recordFor(who, personId, personTeam) ? personId
    : (own && auth.may.recordFor(who, own) ? own : null);

  const nav = el('nav', { class: 'site-nav', 'aria-label': 'Main' }, el('ul', {},
    link('index.html', 'home', 'Start', {}, 'nav-start'),
    own ? el('li', {}, el('a', { href: pageUrl('career.html', { person: own, asOf }), id: 'nav-my-career',
      'aria-current': current === 'career' && !otherPerson ? 'page' : null }, 'My career')) : null,
    otherPerson && (current === 'career' || !own) ? el('li', {}, el('a', { href: pageUrl('career.html', { person: personId, asOf }),
      id: 'nav-career', 'aria-current': current === 'career' ? 'page' : null }, who ? 'Career' : 'My career')) : null,
    teamLink ? link('team.html', 'team', who && auth.may.seeEveryone(who) ? 'Team' : 'My team', { team: teamId, asOf }, 'nav-team') : null,
    who && auth.may.listTeams(who) ? link('attention.html', 'attention', 'Needs attention', {}, 'nav-attention') : null,
    // planning is the board's permission: managers (their teams), PMO leads and HR administrators
    who && auth.may.listTeams(who) ? link('plan.html', 'plan', 'Plan rotations', { team: teamLink ? teamId : null }, 'nav-plan') : null,
    recordFor ? link('record.html', 'record', 'Record an event', { person: recordFor }, 'nav-record') : null,
    auth.may.importHistories(who) ? link('import.html', 'import', 'Import histories', {}, 'nav-import') : null,
    auth.may.administer(who) ? link('data-health.html', 'data-health', 'Data health', {}, 'nav-data-health') : null,
    auth.may.administer(who) ? link('webhooks.html', 'webhooks', 'Webhooks', {}, 'nav-webhooks') : null,
    who ? el('li', {}, el('a', { href: 'notifications.html', id: 'nav-notifications',
      'aria-current': current === 'notifications' ? 'page' : null }, 'Notifications')) : null));

  header.replaceChildren(
    el('a', { class: 'brand', href: 'index.html' }, el('img', { src: 'favicon.svg', alt: '' }), 'Careerpath'),
    nav,
    // find anyone the signed-in person may see, by name, from every page (js/people-search.js)
    who ? peopleSearch({ id: 'people-search', landmark: 'Find a person from any page' }) : null);

  // who is signed in, at the right of the first row (the as-of picker, if any, gets a row of its own below)
  if (who) {
    const signOut = el('button', { type: 'button', class: 'sign-out', id: 'sign-out' }, 'Sign out');
    signOut.addEventListener('click', () => {
      signOut.disabled = true;
      auth.signOut(forgetRecent);
    });
    header.append(el('div', { class: 'account', id: 'account', role: 'group', 'aria-label': 'Signed in' },
      el('span', { class: 'who' }, el('span', { class: 'visually-hidden' }, 'Signed in as '),
        el('strong', { id: 'account-name' }, who.name), ' ',
        el('span', { class: 'role', id: 'account-role', 'data-role': who.role || '' }, who.roleName)),
      signOut));
  }

  if (who) showUnread();

  if (onAsOf) {
    const knownThen = params().get('knownThen') === '1';
    const input = el('input', { type: 'date', id: 'asof', name: 'asOf', max: today(), value: asOf || today(),
      'aria-describedby': 'asof-note' });
    const reset = el('button', { type: 'button', class: 'secondary', id: 'asof-today' }, 'Today');
    const then = el('input', { type: 'checkbox', id: 'known-then', name: 'knownThen', checked: knownThen });
    const note = el('span', { id: 'asof-note', class: 'note' }, asOfWords(asOf, knownThen));
    const apply = (value) => {
      const day = !value || value >= today() ? '' : value;
      const url = new URL(window.location.href);
      if (day) url.searchParams.set('asOf', day); else url.searchParams.delete('asOf');
      if (then.checked) url.searchParams.set('knownThen', '1'); else url.searchParams.delete('knownThen');
      url.searchParams.delete('minSequence');
      window.history.pushState({}, '', url);
      renderHeader(current, { person, personTeam, team, onAsOf });
      onAsOf(day);
    };
    input.addEventListener('change', () => {
      if (input.value && input.value > today()) input.value = today();
      if (input.validity.valid) apply(input.value);
    });
    then.addEventListener('change', () => apply(input.value));
    reset.addEventListener('click', () => apply(''));
    header.append(el('form', { class: 'asof', role: 'search', 'aria-label': 'As of date', onsubmit: (e) => {
      e.preventDefault();
      apply(input.value);
    } }, el('label', { for: 'asof' }, 'As of'), input, reset,
    el('label', { for: 'known-then', class: 'then' }, then, 'as recorded then'), note));
    window.onpopstate = () => window.location.reload();
  }
}

// ---- the unread notifications in the header ------------------------------------------------------

let unread; // this page load's answer: a promise of the count, or of null when it could not be read

/** The caller's unread notifications, asked once per page load (a re-drawn header reuses the answer). */
function unreadCount() {
  if (!unread) {
    // a failed read costs only the badge: the link stays, without a count
    unread = api.queryApi('/api/notifications/unread-count').then((answer) => answer?.unread ?? null, () => null);
  }
  return unread;
}

/**
 * Shows the unread count on the header's Notifications link: a badge, and in the link's name ("Notifications,
 * 2 unread"), which holds the visible text ("Notifications 2") as WCAG 2.5.3 asks.
 */
async function showUnread() {
  const count = await unreadCount();
  const link = document.getElementById('nav-notifications');
  if (!link) return;
  link.dataset.unread = count ?? 'unknown';
  if (count > 0) {
    const shown = count > 99 ? '99+' : String(count);
    link.setAttribute('aria-label', `Notifications, ${shown} unread`);
    link.replaceChildren('Notifications ', el('span', { class: 'badge', id: 'unread-badge' }, shown));
  } else {
    link.removeAttribute('aria-label');
    link.replaceChildren('Notifications');
  }
}

/** Asks for the unread count again (after notifications were marked read) and shows it in the header. */
export function refreshUnread() {
  unread = undefined;
  return showUnread();
}

/**
 * Waits until someone is signed in (going to the sign-in server when nobody is) and answers who
 * (auth.identity()), or null when the platform has no sign-in. When signing in cannot work, the
 * page says why and stays as it is (the promise never resolves).
 */
export async function signedIn(options) {
  try {
    return await auth.ensureSignedIn(options);
  } catch (e) {
    status('');
    const holder = document.getElementById('problem') || document.getElementById('status');
    if (holder) showProblem(holder, e, 'Cannot sign in');
    return new Promise(() => {});
  }
}

/** Who is signed in, for the pages (null without sign-in). */
export const whoIsSignedIn = () => auth.identity();

/** How the pages show who recorded an event: "you" for the signed-in person, else the pseudonymous id. */
/**
 * Who recorded something, in words: the API's {displayName, role} of a timeline entry ("you", a name
 * where the caller may see that person, else what they are), never the stored pseudonymous id.
 * A bare id (an import's recorder) is "you" when it is the signed-in account, else "HR".
 */
export function recorderWords(recorder) {
  if (!recorder) return '—';
  if (typeof recorder === 'object') {
    if (recorder.role === 'you') return 'you';
    return recorder.displayName || recorder.role || '—';
  }
  const who = auth.identity();
  if (who && (recorder === who.personId || recorder === `sub:${who.subject}`)) return 'you';
  return recorder === 'sub:careerpath-launcher' ? 'the platform' : 'HR';
}

function asOfWords(asOf, knownThen) {
  if (!asOf) return '';
  return knownThen ? `${formatDate(asOf)}, only what had been recorded by then` : `${formatDate(asOf)}, with everything known now`;
}

// ---- status and problems --------------------------------------------------------------------

/** Writes to the page's polite live region (announced by screen readers); kind: ok | working | error. */
export function status(message, kind = '') {
  const region = document.getElementById('status');
  if (!region) return;
  region.className = `status ${kind}`;
  region.textContent = message;
}

/**
 * Follows what others record while a page shows today: every {@code everyMs} it calls {@code check},
 * unless the page shows a past day (an as-of date), the tab is hidden, the last check has not
 * answered yet, or the sign-in has expired (checking would leave the page to sign in again). A failed
 * check is left for the next round; the page keeps what it shows.
 */
export function followToday(everyMs, check) {
  let running = false;
  window.setInterval(async () => {
    if (running || document.hidden || params().get('asOf')) return;
    running = true;
    try {
      if (await auth.signedInQuietly()) await check();
    } catch (e) {
      // the next round asks again; a lasting problem shows when the page is next loaded
    } finally {
      running = false;
    }
  }, everyMs);
}

/** Shows a problem (an ApiError or any error) in a container, replacing what it held. */
export function showProblem(container, error, context = '') {
  const detail = error?.problem?.detail || error?.message || String(error);
  container.replaceChildren(el('div', { class: 'problem', role: 'alert' }, context ? `${context}: ${detail}` : detail));
}

/**
 * A refusal in words (403 and 404 are the platform's "you may not", docs/security.md): whether a
 * person is registered is itself private, so "not found" and "not allowed" read the same.
 * @param about 'person' | 'team' | 'action'
 */
export function refusalWords(error, about = 'action') {
  if (about === 'person' && (error?.status === 404 || error?.status === 403)) {
    return 'Not found. You may not see this person\'s career, or no such person is registered.';
  }
  if (about === 'team' && error?.status === 403) {
    return 'You may not see this team\'s board: only the team\'s managers, PMO leads and HR administrators may.';
  }
  if (error?.status === 403) return 'You may not do this: your role does not allow it.';
  if (error?.status === 401) return 'The platform did not accept your sign-in. Please sign in again.';
  return null;
}

/** Shows a refusal (403/404) in the words of refusalWords, anything else as showProblem does. */
export function showRefusal(container, error, about, context = '') {
  const words = refusalWords(error, about);
  if (!words) {
    showProblem(container, error, context);
    return;
  }
  container.replaceChildren(el('div', { class: 'problem refused', role: 'alert', 'data-status': String(error.status) }, words));
}

// ---- words ------------------------------------------------------------------------------------

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE.format(date);
}

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
const TIME_TO_THE_SECOND = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'medium' });

/** A moment (an ISO instant) in UTC, "2 Dec 2026, 14:03 UTC"; to the second where that matters. */
export function formatTime(iso, { seconds = false } = {}) {
  if (!iso) return '—';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? String(iso) : `${(seconds ? TIME_TO_THE_SECOND : TIME).format(time)} UTC`;
}

/** A length of time in words: "under 1 s", "42 s", "3 min 5 s", "2 h 10 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds > 0 && seconds < 1) return 'under 1 s';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One key figure of a page's figures list: the value large, then what it is in words; attention marks it. */
export function figure(value, words, attention = false) {
  return el('li', { class: attention ? 'attention' : null }, el('span', { class: 'figure' }, value), el('span', { class: 'words' }, words));
}

/**
 * Names in the order people expect, as the APIs sort them (NaturalOrder): "Spine Probe 2" before
 * "Spine Probe 10", case and accents ignored.
 */
const NATURAL = new Intl.Collator('und', { sensitivity: 'base', numeric: true });
export const naturalCompare = (a, b) => NATURAL.compare(a || '', b || '');

export const percent = (value) => (value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`);

export function months(value) {
  if (value === null || value === undefined) return '—';
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'month' : 'months'}`;
}

/** Whole months from today to a date, in words ("in 7 months", "3 months ago"). */
export function fromNow(iso, reference = today()) {
  const a = new Date(`${reference}T00:00:00Z`);
  const b = new Date(`${iso}T00:00:00Z`);
  const monthsBetween = Math.round((b - a) / (1000 * 60 * 60 * 24 * 30.436875));
  if (monthsBetween === 0) return 'this month';
  const n = Math.abs(monthsBetween);
  const words = `${n} ${n === 1 ? 'month' : 'months'}`;
  return monthsBetween > 0 ? `in ${words}` : `${words} ago`;
}

export const PMO_TYPES = { PROGRAM: 'Program', ORGANIZATIONAL: 'Organizational', EXECUTIVE: 'Executive' };

export const SKILLS = {
  DELIVERY_EXECUTION: 'Delivery execution',
  ENTERPRISE_RISK: 'Enterprise risk',
  CHANGE_MANAGEMENT: 'Change management',
  ISSUE_MANAGEMENT: 'Issue management',
  BUSINESS_ACUMEN: 'Business acumen',
  LEADERSHIP: 'Leadership',
  PROGRAM_MANAGEMENT: 'Program management',
  PORTFOLIO_MANAGEMENT: 'Portfolio management',
  PROCESS_GOVERNANCE: 'Process and governance',
  STRATEGIC_VISIBILITY: 'Strategic visibility',
};

export const skillLabel = (skill) => SKILLS[skill] || humanize(skill);

export const OUTCOMES = {
  RESCUED: 'rescued', CANCELLED: 'cancelled', HANDED_OVER: 'handed over', COMPLETED: 'completed',
};

/** "Executive PMO", "Delivery", "Troubled program". */
export function kindLabel(kind, pmoType) {
  if (kind === 'PMO') return `${PMO_TYPES[pmoType] || ''} PMO`.trim();
  if (kind === 'DELIVERY') return 'Delivery';
  if (kind === 'TROUBLED_PROGRAM') return 'Troubled program';
  return humanize(kind);
}

export function humanize(constant) {
  if (!constant) return '';
  const text = String(constant).toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const FLAGS = {
  DELIVERY_AT_RISK: { icon: '⚠', text: 'Delivery at risk', why: 'away from delivery and at or near the rotate-back date' },
  ADMIN_OVERLOAD: { icon: '▦', text: 'Admin overload', why: 'administrative load recorded in the current PMO or troubled-program role at or above the overload share' },
  TROUBLED_PROGRAM_STREAK: { icon: '⟳', text: 'Troubled-program streak', why: 'several troubled programs in a row' },
  OFF_PLAN: { icon: '≠', text: 'Off plan', why: 'the role recorded differs from the one their accepted plan has for now' },
};

/**
 * A person's flags as chips (the board's and the attention list's), and how they left their accepted plan, if they
 * did, in the API's words with a link to the plan.
 */
export function flagChips(flags, offPlan) {
  return el('span', { class: 'flags' }, flags.map((flag) => el('span', { class: `flag ${flag}`, title: flag === 'OFF_PLAN' && offPlan ? offPlan.detail : FLAGS[flag]?.why },
    el('span', { 'aria-hidden': 'true' }, FLAGS[flag]?.icon || '!'), FLAGS[flag]?.text || flag)),
  offPlan ? el('span', { class: 'off-plan-detail' }, `${offPlan.detail}. `,
    el('a', { href: `plan.html?plan=${encodeURIComponent(offPlan.planId)}` }, 'See the plan')) : null);
}
