// What every page shares: the header with navigation and the as-of picker, the status region,
// remembered people and teams, and the words for dates, numbers and kinds.

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

const STORE = 'careerpath.recent';

export function recent() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORE) || '{}');
    return { people: stored.people || [], teams: stored.teams || [] };
  } catch (e) {
    return { people: [], teams: [] };
  }
}

function save(value) {
  try {
    window.localStorage.setItem(STORE, JSON.stringify(value));
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
  save(value);
}

export function rememberTeam(teamId) {
  if (!teamId) return;
  const value = recent();
  value.teams = [teamId, ...value.teams.filter((t) => t !== teamId)].slice(0, 12);
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
 * Fills the page header: brand, navigation (the current page marked), and, where the page has
 * dated views, the as-of picker that moves them all to a past day.
 *
 * @param current  'home' | 'career' | 'team' | 'record' | 'import'
 * @param onAsOf   called with the new as-of date ('' for today) when the picker changes; omit for no picker
 */
export function renderHeader(current, { person, team, onAsOf } = {}) {
  const header = document.getElementById('site-header');
  const remembered = recent();
  const personId = person || remembered.people[0]?.id;
  const teamId = team || remembered.teams[0];
  const asOf = params().get('asOf') || '';
  const link = (page, name, text, context) =>
    el('li', {}, el('a', { href: pageUrl(page, context), 'aria-current': current === name ? 'page' : null }, text));

  const nav = el('nav', { class: 'site-nav', 'aria-label': 'Main' }, el('ul', {},
    link('index.html', 'home', 'Start', {}),
    personId ? link('career.html', 'career', 'My career', { person: personId, asOf }) : null,
    teamId ? link('team.html', 'team', 'My team', { team: teamId, asOf }) : null,
    personId ? link('record.html', 'record', 'Record an event', { person: personId }) : null,
    link('import.html', 'import', 'Import histories', {})));

  header.replaceChildren(
    el('a', { class: 'brand', href: 'index.html' }, el('img', { src: 'favicon.svg', alt: '' }), 'Careerpath'),
    nav);

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
      renderHeader(current, { person, team, onAsOf });
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

/** Shows a problem (an ApiError or any error) in a container, replacing what it held. */
export function showProblem(container, error, context = '') {
  const detail = error?.problem?.detail || error?.message || String(error);
  container.replaceChildren(el('div', { class: 'problem', role: 'alert' }, context ? `${context}: ${detail}` : detail));
}

// ---- words ------------------------------------------------------------------------------------

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE.format(date);
}

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
  ADMIN_OVERLOAD: { icon: '▦', text: 'Admin overload', why: 'administrative load at or above the overload share' },
  TROUBLED_PROGRAM_STREAK: { icon: '⟳', text: 'Troubled-program streak', why: 'several troubled programs in a row' },
};
