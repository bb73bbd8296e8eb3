// The start page: open a person or a team (remembered in this browser), or register someone new.
// What it offers follows who is signed in: an employee sees their own career, not a team list;
// registering is for managers (into a team they manage), PMO leads and HR administrators.
import * as api from './api.js';
import * as auth from './auth.js';
import {
  el, formatTime, pageUrl, recent, rememberPerson, rememberTeamNames, renderHeader, showRefusal, signedIn, status, teamWords, today,
} from './ui.js';
import { clearErrors, showErrors } from './forms.js';
import { peopleSearch } from './people-search.js';

const $ = (id) => document.getElementById(id);

function renderRecent(who) {
  const { people, teams } = recent();
  const others = people.filter((p) => !who || p.id !== who.personId);
  $('recent-people').replaceChildren(...(others.length ? others.map((p) => el('li', {},
    el('a', { href: pageUrl('career.html', { person: p.id }) }, p.name || 'Someone opened before', p.teamId ? ` · ${teamWords(p.teamId)}` : '')))
    : [el('li', { class: 'empty' }, 'None yet in this browser.')]));
  const openable = teams.filter((t) => !who || auth.may.seeBoard(who, t));
  $('recent-teams').replaceChildren(...(openable.length ? openable.map((t) => el('li', {},
    el('a', { href: pageUrl('team.html', { team: t }) }, teamWords(t))))
    : [el('li', { class: 'empty' }, 'None yet in this browser.')]));
}

/** Every team the caller may open (the API lists only those): the way in for someone with no id at hand. */
async function renderKnownTeams(who) {
  try {
    const teams = await api.teams();
    rememberTeamNames(teams);
    renderRecent(who);
    // the count is the board's: who is in the team today (not everyone who ever was)
    $('known-teams').replaceChildren(...(teams.length ? teams.map((t) => el('li', {},
      el('a', { href: pageUrl('team.html', { team: t.teamId }) }, t.teamName || teamWords(t.teamId)),
      ` · ${t.members} ${t.members === 1 ? 'member' : 'members'} today`))
      : [el('li', { class: 'empty' }, who && !auth.may.seeEveryone(who) ? 'No team of yours has anyone yet.' : 'No team yet: register someone.')]));
  } catch (e) {
    $('known-teams').replaceChildren(el('li', { class: 'empty' }, 'Teams could not be listed.'));
  }
}

async function register(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const data = new FormData(form);
  const person = {
    displayName: data.get('displayName').trim(),
    teamId: data.get('teamId').trim(),
  };
  if (data.get('effectiveDate')) person.effectiveDate = data.get('effectiveDate');
  clearErrors(form);
  status('Registering…', 'working');
  try {
    const registered = await api.registerPerson(person);
    rememberPerson({ id: registered.personId, name: person.displayName, teamId: person.teamId });
    status(`Registered ${person.displayName}.`, 'ok');
    window.location.href = `${pageUrl('record.html', { person: registered.personId })}&minSequence=${registered.sequenceNumber}`;
  } catch (e) {
    if (e.status === 403) {
      status('Not registered: you may not register people in this team.', 'error');
      showErrors(form, { fieldErrors: [{ field: 'teamId', message: 'You may register people only into a team you manage.' }], problem: {} });
      return;
    }
    status('Not registered: please correct the marked fields.', 'error');
    showErrors(form, e);
  }
}

// ---- the calendar feed: its link is shown once, right after it is made (the API keeps only a hash of it) ----

async function renderCalendarFeed() {
  const feed = await api.queryApi('/api/calendar-feed');
  $('calendar-feed-state').textContent = feed.active
    ? `You have a calendar link, made ${formatTime(feed.createdAt)}. A new one replaces it: the old link stops working.`
    : 'You have no calendar link.';
  $('calendar-feed-create').textContent = feed.active ? 'Create a new calendar link' : 'Create a calendar link';
  $('calendar-feed-revoke').hidden = !feed.active;
}

async function calendarFeedAction(button, action, done) {
  button.disabled = true;
  try {
    await action();
    await renderCalendarFeed();
    status(done, 'ok');
  } catch (e) {
    showRefusal($('problem'), e, 'action', 'The calendar link could not be changed');
  } finally {
    button.disabled = false;
  }
}

function setUpCalendarFeed() {
  $('calendar-card').hidden = false;
  renderCalendarFeed().catch(() => {
    $('calendar-feed-state').textContent = 'Whether you have a calendar link could not be found out.';
  });
  $('calendar-feed-create').addEventListener('click', (event) => calendarFeedAction(event.currentTarget, async () => {
    const { url } = await api.queryApi('/api/calendar-feed', { method: 'POST' });
    $('calendar-feed-url').value = url;
    $('calendar-feed-new').hidden = false;
    $('calendar-feed-url').focus();
    $('calendar-feed-url').select();
  }, 'Calendar link made: copy it into your calendar now, it is shown only once.'));
  $('calendar-feed-revoke').addEventListener('click', (event) => calendarFeedAction(event.currentTarget, async () => {
    await api.queryApi('/api/calendar-feed', { method: 'DELETE' });
    $('calendar-feed-url').value = '';
    $('calendar-feed-new').hidden = true;
  }, 'Calendar link revoked: calendars that use it get nothing more.'));
  $('calendar-feed-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('calendar-feed-url').value);
      status('Calendar link copied.', 'ok');
    } catch (e) {
      // no clipboard for this page (an insecure origin, or refused): the link is selected for Ctrl+C
      $('calendar-feed-url').select();
      status('The link could not be copied for you: it is selected, copy it with Ctrl+C (⌘+C on a Mac).', 'error');
    }
  });
}

/** Shapes the page for who is signed in (the APIs refuse anything else anyway). */
function shapeFor(who) {
  if (!who) return;
  if (who.personId) {
    $('my-career').hidden = false;
    $('my-career-link').href = pageUrl('career.html', { person: who.personId });
  }
  const seesOthers = auth.may.listTeams(who);
  // an employee sees only their own career: no one else's to open, no team list, no registering
  $('person-form').hidden = !seesOthers;
  $('recent-people-block').hidden = !seesOthers;
  $('team-card').hidden = !seesOthers;
  $('register-card').hidden = !auth.may.register(who);
  if (seesOthers && !auth.may.seeEveryone(who)) {
    $('known-teams-heading').textContent = 'Teams you manage';
    $('register-team-options').replaceChildren(...who.managedTeams.map((t) => el('option', { value: t })));
    const hint = $('register-team-hint');
    hint.textContent = who.managedTeams.length ? `A team you manage: ${who.managedTeams.join(', ')}.` : 'You manage no team yet.';
    hint.hidden = false;
  } else if (seesOthers) {
    $('known-teams-heading').textContent = 'All teams';
  }
}

function signedOutPage() {
  $('start-grid').hidden = true;
  $('signed-out').hidden = false;
  status('You have signed out.', 'ok');
  $('sign-in').addEventListener('click', () => {
    $('sign-in').disabled = true;
    auth.forgetSignedOut();
    auth.signIn('index.html').catch((e) => {
      $('sign-in').disabled = false;
      showRefusal($('problem'), e, 'action', 'Cannot sign in');
    });
  });
  $('sign-in').focus();
}

// after signing out, the start page waits to be asked before signing in again
const who = await signedIn({ automatic: !auth.justSignedOut() });
const signInNeeded = !who && auth.justSignedOut() && (await auth.settings().catch(() => null));
renderHeader('home');
if (signInNeeded) {
  signedOutPage();
} else {
  // anyone by name, or a pasted person id: no id needed to open a career
  $('person-form').replaceChildren(peopleSearch({ id: 'start-search', label: 'Find a person', labelHidden: false,
    hint: 'Two letters of any word of their name; accents and case do not matter. A person id opens their career too.' }));
  shapeFor(who);
  renderRecent(who);
  if (auth.may.listTeams(who)) renderKnownTeams(who);
  if (who) setUpCalendarFeed();
  $('register-date').max = today();
  $('register-form').addEventListener('submit', register);
  api.config().then(({ commandApi }) => {
    $('command-api-link').href = `${commandApi}/swagger-ui.html`;
  }).catch(() => {
    $('command-api-link').replaceWith('command API (address unknown)');
  });
}
