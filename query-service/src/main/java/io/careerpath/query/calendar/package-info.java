/**
 * The calendar feed (issue 16): a per-account iCalendar feed (RFC 5545) with one all-day event per upcoming
 * rotate-back date of the people the account receives reminders about (themself and the current members of the
 * teams they manage) and may see. Calendar clients cannot send bearer tokens, so the feed's address carries an
 * unguessable token of its own, stored only as a hash and revocable at any time (docs/security.md).
 */
package io.careerpath.query.calendar;
