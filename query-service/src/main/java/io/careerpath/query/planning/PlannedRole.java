package io.careerpath.query.planning;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.query.skillmodel.ProposedAssignment;
import java.util.Objects;

/**
 * A kind of role a person holds for a quarter of the plan: delivery, or what a seat is.
 *
 * @param program          for a troubled program, which one (each troubled program is a one-off seat, and taking
 *                         another straight after it is a streak); null otherwise
 * @param adminLoadPercent the load expected in the role; null: the person's load in force goes on
 */
record PlannedRole(AssignmentKind kind, PmoType pmoType, DeliveryResponsibility deliveryResponsibility,
                   Double adminLoadPercent, String program) {

    static final PlannedRole DELIVERY = new PlannedRole(AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE,
            null, null);

    PlannedRole {
        deliveryResponsibility = Objects.requireNonNullElse(deliveryResponsibility, DeliveryResponsibility.NONE);
    }

    boolean delivery() {
        return kind == AssignmentKind.DELIVERY;
    }

    boolean pmo() {
        return kind == AssignmentKind.PMO;
    }

    boolean troubledProgram() {
        return kind == AssignmentKind.TROUBLED_PROGRAM;
    }

    /**
     * Whether going from this role to the other is no move: the same kind (and PMO type) of role. Two troubled
     * programs are two roles, since each is its own program; so are two PMO types.
     */
    boolean sameAs(PlannedRole other) {
        return other != null && kind == other.kind && pmoType == other.pmoType && Objects.equals(program, other.program);
    }

    /** The role as the skill model takes a proposal, for {@code months}, at {@code load} (null: the load in force). */
    ProposedAssignment proposal(int months, Double load) {
        return new ProposedAssignment(kind, pmoType, deliveryResponsibility, months, load);
    }

    /** How people say it: "delivery", "program PMO", "troubled program Orion". */
    String inWords() {
        return switch (kind) {
            case DELIVERY -> "delivery";
            case PMO -> pmoType.name().toLowerCase(java.util.Locale.ROOT) + " PMO";
            case TROUBLED_PROGRAM -> program == null ? "a troubled program" : "troubled program " + program;
        };
    }
}
