package io.careerpath.query.reminders;

import java.time.LocalDate;
import java.util.List;

/**
 * Published (a Spring application event, synchronously) by the instance that ran the daily evaluation of
 * {@code day}, after the reminders are stored. {@code reminders} holds every reminder raised on that day, also
 * those a crashed earlier attempt of the same day stored: a listener makes its own work idempotent (ids are
 * stable), so that a run taken over after a crash neither loses nor doubles a delivery.
 */
public record RemindersRaised(LocalDate day, List<Reminder> reminders) {
}
