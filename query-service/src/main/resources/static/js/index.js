// The start page: open a person or a team (remembered in this browser), or register someone new.
import * as api from './api.js';
import { el, pageUrl, recent, rememberPerson, renderHeader, status, today } from './ui.js';
import { clearErrors, showErrors } from './forms.js';

const $ = (id) => document.getElementById(id);

function renderRecent() {
  const { people, teams } = recent();
  $('recent-people').replaceChildren(...(people.length ? people.map((p) => el('li', {},
    el('a', { href: pageUrl('career.html', { person: p.id }) }, p.name || p.id, p.teamId ? ` · ${p.teamId}` : '')))
    : [el('li', { class: 'empty' }, 'None yet in this browser.')]));
  $('recent-teams').replaceChildren(...(teams.length ? teams.map((t) => el('li', {},
    el('a', { href: pageUrl('team.html', { team: t }) }, t)))
    : [el('li', { class: 'empty' }, 'None yet in this browser.')]));
}

/** Every team the platform knows: the way in for someone with no id at hand (people are on each board). */
async function renderKnownTeams() {
  try {
    const teams = await api.teams();
    $('known-teams').replaceChildren(...(teams.length ? teams.map((t) => el('li', {},
      el('a', { href: pageUrl('team.html', { team: t.teamId }) }, t.teamId, ` · ${t.everMembers}`)))
      : [el('li', { class: 'empty' }, 'No team yet: register someone.')]));
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
    status('Not registered: please correct the marked fields.', 'error');
    showErrors(form, e);
  }
}

renderHeader('home');
renderRecent();
renderKnownTeams();
$('register-date').max = today();
$('register-form').addEventListener('submit', register);
api.config().then(({ commandApi }) => {
  $('command-api-link').href = `${commandApi}/swagger-ui.html`;
}).catch(() => {
  $('command-api-link').replaceWith('command API (address unknown)');
});
