/**
 * The daily email digest of reminders (issue 16): on {@link io.careerpath.query.reminders.RemindersRaised}, one
 * email per account with an address, holding the day's reminders it receives about people it may see, sent once
 * per account and day over SMTP (Spring's mail support). Off unless {@code spring.mail.host} is set
 * (docs/reminders.md#email).
 */
package io.careerpath.query.digest;
