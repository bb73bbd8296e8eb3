// Notifications: the reminders raised for the signed-in account (GET /api/notifications, newest first), each once
// per crossing of a condition (a rotate-back date near or passed, administrative overload, a troubled-program
// streak), about the caller or the people of the teams she manages. Unread ones are marked in words, not by colour
// alone; each links to the person's career (and, for those with the attention list, to that list filtered to the
// team and the condition) and can be marked as read. "Unread only" lives in the page's address.
import * as api from './api.js';
import * as auth from './auth.js';
import {
  el, FLAGS, formatDate, pageUrl, params, refreshUnread, renderHeader, showProblem, signedIn, status, teamWords,
} from './ui.js';

const who = await signedIn();
const $ = (id) => document.getElementById(id);

/** What each condition is called, with the same symbols as the boards' flags (never colour alone). */
const CONDITIONS = {
  ROTATE_BACK_DUE: { icon: '◷', text: 'Rotate-back date near' },
  ROTATE_BACK_PASSED: { icon: '⚠', text: 'Rotate-back date passed' },
  ADMIN_OVERLOAD: FLAGS.ADMIN_OVERLOAD,
  TROUBLED_PROGRAM_STREAK: FLAGS.TROUBLED_PROGRAM_STREAK,
};

/**
 * The attention list filtered to what a notification is about: its team, and the flag or the rotate-back window
 * (0 months: dates already passed; a date near is the list's default window).
 */
function attentionUrl(n) {
  const query = new URLSearchParams();
  if (n.teamId) query.set('team', n.teamId);
  if (n.condition === 'ROTATE_BACK_PASSED') query.set('withinMonths', '0');
  if (n.condition === 'ADMIN_OVERLOAD' || n.condition === 'TROUBLED_PROGRAM_STREAK') query.set('flag', n.condition);
  const text = query.toString();
  return `attention.html${text ? `?${text}` : ''}`;
}

const unreadOnly = () => params().get('unread') === 'true';

function item(n, i) {
  const condition = CONDITIONS[n.condition] || { icon: '•', text: n.condition };
  const heading = `notification-${i}-heading`;
  const name = n.personName || 'Someone';
  const markRead = n.read ? null
    : el('button', { type: 'button', class: 'secondary mark-read', 'aria-describedby': heading }, 'Mark as read');
  markRead?.addEventListener('click', () => mark(markRead, `/api/notifications/${encodeURIComponent(n.id)}/read`, 'Marked as read.'));
  return el('li', { class: `notification${n.read ? '' : ' unread'}`, 'data-id': n.id, 'data-person': n.personId },
    el('h3', { id: heading },
      n.read ? null : [el('span', { class: 'unread-mark' }, 'Unread'), ' '],
      el('span', { class: 'condition' }, el('span', { 'aria-hidden': 'true' }, condition.icon), ` ${condition.text}: `),
      name),
    el('p', { class: 'words' }, n.words),
    el('p', { class: 'hint when' }, 'On ', el('time', { datetime: n.crossedOn }, formatDate(n.crossedOn)),
      n.teamId ? ` · ${teamWords(n.teamId, n.teamName)}` : null),
    el('div', { class: 'actions' },
      el('a', { href: n.link || pageUrl('career.html', { person: n.personId }), class: 'career-link' }, `Open ${name}'s career`),
      who && auth.may.listTeams(who) && n.teamId ? el('a', { href: attentionUrl(n), class: 'attention-link' },
        `Who needs attention in ${teamWords(n.teamId, n.teamName)}`) : null,
      markRead));
}

function render(answer) {
  const list = answer.notifications;
  $('notifications').replaceChildren(...list.map(item));
  $('notifications').hidden = !list.length;
  $('empty').hidden = list.length > 0;
  $('empty-title').firstElementChild.textContent = unreadOnly() ? 'No unread notifications.' : 'No notifications yet.';
  $('mark-all-read').disabled = !answer.unread;
  status(`Showing ${list.length} ${list.length === 1 ? 'notification' : 'notifications'}`
    + `${unreadOnly() ? '' : `, ${answer.unread} unread`}.`, 'ok');
}

async function load() {
  $('unread-only').checked = unreadOnly();
  status('Loading your notifications…', 'working');
  try {
    const answer = await api.query('/api/notifications', unreadOnly() ? { unread: 'true' } : {});
    $('problem').replaceChildren();
    render(answer);
  } catch (e) {
    status('');
    showProblem($('problem'), e, 'Could not load your notifications');
  }
}

/** Marks one notification (or all) as read, then shows the list and the header's count again. */
async function mark(button, path, done) {
  button.disabled = true;
  try {
    await api.queryApi(path, { method: 'POST' });
    await Promise.all([load(), refreshUnread()]);
    status(done, 'ok');
    // the pressed button is gone: keep the keyboard near where it was
    const next = document.querySelector('#notifications .mark-read') || $('list-heading');
    next.focus();
  } catch (e) {
    button.disabled = false;
    showProblem($('problem'), e, 'Could not mark as read');
  }
}

renderHeader('notifications');
$('empty-who').textContent = !who ? ''
  : auth.may.seeEveryone(who) ? 'You are told about your own career; the Needs attention list shows everyone else.'
    : auth.may.listTeams(who) ? 'You are told about your own career and about the people of the teams you manage.'
      : 'You are told about your own career.';
$('unread-only').addEventListener('change', () => {
  const url = new URL(window.location.href);
  if ($('unread-only').checked) url.searchParams.set('unread', 'true'); else url.searchParams.delete('unread');
  window.history.pushState({}, '', url);
  load();
});
$('mark-all-read').addEventListener('click', () => mark($('mark-all-read'), '/api/notifications/read', 'All marked as read.'));
window.addEventListener('popstate', load);
load();
