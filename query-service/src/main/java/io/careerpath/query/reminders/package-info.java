/**
 * Reminders before a rotation is overdue (issue 16): a daily run, claimed in the database so that one instance
 * runs it, that evaluates each person's outlook and raises one {@link io.careerpath.query.reminders.Reminder} per
 * crossing of a {@link io.careerpath.query.reminders.ReminderCondition}; the people who receive it
 * ({@link io.careerpath.query.reminders.Recipient#receives}); and the in-app notifications list. The other channels
 * (email digest, calendar feed, webhooks) live in packages of their own and listen for
 * {@link io.careerpath.query.reminders.RemindersRaised}.
 */
package io.careerpath.query.reminders;
