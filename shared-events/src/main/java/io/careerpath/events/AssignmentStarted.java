package io.careerpath.events;

/**
 * The events that begin a primary assignment. A person holds one primary assignment at a time: one
 * lasts until it is ended explicitly ({@link AssignmentEnded} without {@code supersededBy}) or until
 * the next one begins (an {@link AssignmentEnded} that names it in {@code supersededBy}).
 */
public sealed interface AssignmentStarted extends CareerEvent
        permits DeliveryRoleStarted, JoinedPmo, TookTroubledProgram, RegainedDeliveryRole {

    /** The kind of assignment this event begins. Not a property on the wire: it follows from the type. */
    AssignmentKind assignmentKind();
}
