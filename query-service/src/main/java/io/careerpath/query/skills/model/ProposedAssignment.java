package io.careerpath.query.skills.model;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;

/**
 * A role someone is thinking of taking, for a what-if.
 *
 * @param kind                   the kind of role
 * @param pmoType                required for a PMO, {@code null} otherwise
 * @param deliveryResponsibility whether the role answers for delivery
 * @param months                 how long the role would last, 1 to 1200
 * @param adminLoadPercent       expected administrative load in the role, 0 to 100; {@code null} keeps
 *                               the load in force when the role would start
 */
public record ProposedAssignment(
        AssignmentKind kind,
        PmoType pmoType,
        boolean deliveryResponsibility,
        int months,
        Double adminLoadPercent) {

    public ProposedAssignment {
        AssignmentPeriod.requireTypeMatchesKind(kind, pmoType);
        if (months < 1 || months > 1200) {
            throw new IllegalArgumentException("months must be within [1, 1200], was " + months);
        }
        if (adminLoadPercent != null && !(adminLoadPercent >= 0 && adminLoadPercent <= 100)) {
            throw new IllegalArgumentException("adminLoadPercent must be within [0, 100], was " + adminLoadPercent);
        }
    }
}
