package io.careerpath.query.history;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A dated period in one kind of primary role, as derived from the recorded events.
 *
 * @param name    the project, PMO or program
 * @param end     exclusive: the day the next assignment began or the assignment was ended; null while ongoing
 * @param outcome how it ended, where that was recorded (e.g. RESCUED for a troubled program)
 * @param deliveryResponsibility for a PMO role: how much of the delivery of projects it answers for; NONE for other roles
 * @param regained whether this delivery role was a return after time away from delivery
 */
public record Assignment(AssignmentKind kind, PmoType pmoType, String name, DeliveryResponsibility deliveryResponsibility,
                         LocalDate start, LocalDate end, String outcome, boolean regained) {

    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    public boolean ongoing() {
        return end == null;
    }

    /** Length in days up to its end, or up to {@code asOf} while ongoing. */
    public long durationDays(LocalDate asOf) {
        return Math.max(0, ChronoUnit.DAYS.between(start, end != null ? end : asOf));
    }

    public double durationMonths(LocalDate asOf) {
        return Math.round(durationDays(asOf) / DAYS_PER_MONTH * 10) / 10.0;
    }

    Assignment endedOn(LocalDate day, String endOutcome) {
        return new Assignment(kind, pmoType, name, deliveryResponsibility, start, day, endOutcome, regained);
    }
}
