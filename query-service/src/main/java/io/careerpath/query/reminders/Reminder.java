package io.careerpath.query.reminders;

import io.careerpath.query.words.CareerWords;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One crossing of a condition by one person: what every channel delivers. It holds no personal data beyond the
 * pseudonymous person id (names are sealed; each channel opens them for a recipient who may see them).
 *
 * @param id                 stable for the person, condition and day of crossing: raising it again is a no-op
 * @param personId           whom it is about
 * @param teamId             the person's current team when it was raised (whose managers receive it), or null
 * @param condition          what was crossed
 * @param crossedOn          the day the daily run saw the crossing
 * @param rotateBackBy       the rotate-back date on that day, or null
 * @param deliveryRetention  delivery retention on that day (0..1), or null without a delivery history
 * @param adminLoadPercent   the latest administrative load, or null
 * @param troubledStreak     troubled programs in a row
 * @param raisedAt           when it was raised (the service's clock)
 */
public record Reminder(String id, String personId, String teamId, ReminderCondition condition, LocalDate crossedOn,
                       LocalDate rotateBackBy, Double deliveryRetention, Double adminLoadPercent, int troubledStreak,
                       Instant raisedAt) {

    /**
     * The reminder in one sentence about {@code name}, as every channel that names people says it
     * ({@link CareerWords#reminder}).
     *
     * @param warningMonths the rotate-back warning window ({@code careerpath.query.rotate-back-warning-months})
     */
    public String inWords(String name, int warningMonths) {
        return CareerWords.reminder(condition.name(), name, rotateBackBy, deliveryRetention, adminLoadPercent,
                troubledStreak, warningMonths);
    }
}
