// The start page: open a person or a team (remembered in this browser), or register someone new.
// What it offers follows who is signed in: an employee sees their own career, not a team list;
// registering is for managers (into a team they manage), PMO leads and HR administrators.
import * as api from './api.js';
import * as auth from './auth.js';
import {
  el, pageUrl, recent, rememberPerson, rememberTeamNames, renderHeader, showRefusal, signedIn, status, teamWords, today,
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
  $('register-date').max = today();
  $('register-form').addEventListener('submit', register);
  api.config().then(({ commandApi }) => {
    $('command-api-link').href = `${commandApi}/swagger-ui.html`;
  }).catch(() => {
    $('command-api-link').replaceWith('command API (address unknown)');
  });
}
