package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import java.util.Objects;

/**
 * A role someone is thinking of taking, for a what-if.
 *
 * @param kind                   the kind of role
 * @param pmoType                required for a PMO, {@code null} otherwise
 * @param deliveryResponsibility how much of the delivery the role answers for; {@code null} is {@code NONE}
 * @param months                 how long the role would last, 1 to 1200
 * @param adminLoadPercent       expected administrative load in the role, 0 to 100; {@code null} keeps
 *                               the load in force when the role would start
 */
public record ProposedAssignment(
        AssignmentKind kind,
        PmoType pmoType,
        DeliveryResponsibility deliveryResponsibility,
        int months,
        Double adminLoadPercent) {

    public ProposedAssignment {
        deliveryResponsibility = Objects.requireNonNullElse(deliveryResponsibility, DeliveryResponsibility.NONE);
        AssignmentPeriod.requireTypeMatchesKind(kind, pmoType);
        if (months < 1 || months > 1200) {
            throw new IllegalArgumentException("months must be within [1, 1200], was " + months);
        }
        if (adminLoadPercent != null && !(adminLoadPercent >= 0 && adminLoadPercent <= 100)) {
            throw new IllegalArgumentException("adminLoadPercent must be within [0, 100], was " + adminLoadPercent);
        }
    }
}
