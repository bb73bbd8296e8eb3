package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated period in one kind of role, as the model sees it.
 *
 * <p>The period covers {@code [start, end)}: the end date is the first day out of the role, so
 * back-to-back assignments share a date without overlapping. Assignments that do overlap practise
 * each skill at the higher of their intensities (two roles at once do not double the practice).
 *
 * @param start                  first day in the role
 * @param end                    first day out of the role, or {@code null} while it goes on
 * @param kind                   the kind of role
 * @param pmoType                the type of PMO: required for {@link AssignmentKind#PMO}, {@code null} otherwise
 * @param deliveryResponsibility how much of the delivery of projects the role still answers for (a PMO
 *                               that the project managers report into: FULL); it raises the intensities
 *                               the practice matrix overrides for that case, PARTIAL by half as much.
 *                               {@code null} is {@code NONE}
 */
public record AssignmentPeriod(
        LocalDate start,
        LocalDate end,
        AssignmentKind kind,
        PmoType pmoType,
        DeliveryResponsibility deliveryResponsibility) {

    public AssignmentPeriod {
        deliveryResponsibility = Objects.requireNonNullElse(deliveryResponsibility, DeliveryResponsibility.NONE);
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end (" + end + ") is before start (" + start + ")");
        }
        requireTypeMatchesKind(kind, pmoType);
    }

    /** Whether the role is held on {@code day}. */
    boolean isActiveOn(LocalDate day) {
        return !start.isAfter(day) && (end == null || day.isBefore(end));
    }

    static void requireTypeMatchesKind(AssignmentKind kind, PmoType pmoType) {
        Objects.requireNonNull(kind, "kind");
        if (kind == AssignmentKind.PMO && pmoType == null) {
            throw new IllegalArgumentException("a PMO assignment needs a pmoType");
        }
        if (kind != AssignmentKind.PMO && pmoType != null) {
            throw new IllegalArgumentException("only a PMO assignment has a pmoType, not " + kind);
        }
    }
}
