package io.careerpath.query.planning;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import java.time.LocalDate;

/**
 * A stretch of days in which what is recorded about a person differs from what an accepted plan foresaw for them:
 * someone joined a PMO the plan did not foresee, did not rotate back when planned, or holds a different role.
 *
 * @param until          the last day of the drift; null while it goes on
 * @param plannedPmoType for a planned PMO role; null otherwise
 * @param recordedKind   null: no role is recorded
 * @param detail         the drift in words
 */
public record PlanDrift(String planId, String personId, LocalDate from, LocalDate until,
                        AssignmentKind plannedKind, PmoType plannedPmoType,
                        AssignmentKind recordedKind, PmoType recordedPmoType, String detail) {
}
