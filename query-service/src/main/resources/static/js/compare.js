// Compare two or three people: their delivery retention on one time axis and one 0–100 % axis, and their
// skills now on one 0–1 scale. Opened from a rotation board (compare.html?people=a,b,c); each person is
// read as the signed-in caller, so someone the caller may not see is left out with a plain message.
import * as api from './api.js';
import {
  el, formatDate, pageUrl, params, refusalWords, renderHeader, SKILLS, skillLabel, showProblem, signedIn, status, viewpoint,
} from './ui.js';
import { drawCompareRetention, drawCompareSkills } from './charts.js';

await signedIn();
const $ = (id) => document.getElementById(id);
const chosen = [...new Set((params().get('people') || '').split(',').map((id) => id.trim()).filter(Boolean))];
const ORDINALS = ['first', 'second', 'third'];

async function read(personId, i) {
  const view = viewpoint();
  try {
    const [timeline, skills] = await Promise.all([api.timeline(personId, view), api.skills(personId, view)]);
    return { personId, name: timeline.displayName || `The ${ORDINALS[i]} person`, teamId: timeline.teamId, skills };
  } catch (error) {
    return { personId, error, ordinal: ORDINALS[i] };
  }
}

function renderSkillsTable(people) {
  const table = $('compare-skills-table');
  table.tHead.rows[0].replaceChildren(el('th', { scope: 'col' }, 'Skill'),
    ...people.map((p) => el('th', { scope: 'col', class: 'num' }, p.name)));
  table.tBodies[0].replaceChildren(...Object.keys(SKILLS).map((skill) => el('tr', {},
    el('th', { scope: 'row' }, skillLabel(skill)),
    ...people.map((p) => el('td', { class: 'num' },
      ((p.skills.skills || []).find((s) => s.skill === skill)?.current ?? 0).toFixed(2))))));
}

async function load() {
  renderHeader('compare', {});
  if (chosen.length < 2 || chosen.length > 3) {
    showProblem($('problem'), new Error('Choose two or three people to compare: tick them on a team\'s rotation board and press “Compare”.'));
    $('problem').append(el('p', {}, el('a', { href: 'team.html' }, 'Go to the team board')));
    return;
  }
  status('Loading the people to compare…', 'working');
  const answers = await Promise.all(chosen.map(read));
  const shown = answers.filter((a) => !a.error);
  const missing = answers.filter((a) => a.error);
  $('not-shown').replaceChildren(...missing.map((a) => el('li', { class: 'problem refused', 'data-status': String(a.error.status) },
    `The ${a.ordinal} person chosen is not shown. ${refusalWords(a.error, 'person') || a.error.message}`)));
  if (!shown.length) {
    status('');
    return;
  }
  const names = shown.map((p) => p.name);
  document.title = `Compare ${names.join(', ')} · Careerpath`;
  $('title').textContent = `Compare ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
  $('subtitle').replaceChildren(`As of ${formatDate(shown[0].skills.asOf)} · `,
    ...shown.flatMap((p, i) => [i ? ', ' : '', el('a', { href: pageUrl('career.html', { person: p.personId, asOf: params().get('asOf') }) }, `${p.name}'s career`)]));
  $('content').hidden = false;
  drawCompareRetention($('compare-retention-chart'), shown);
  drawCompareSkills($('compare-skills-chart'), shown);
  renderSkillsTable(shown);
  status(`Comparing ${names.join(', ')}.`, 'ok');
}

load().catch((error) => {
  status('');
  showProblem($('problem'), error, 'Could not compare');
});
