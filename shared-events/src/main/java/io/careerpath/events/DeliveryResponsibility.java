package io.careerpath.events;

/**
 * How much of the delivery of projects a PMO role still answers for ({@link JoinedPmo}). Some PMOs keep
 * their project managers delivering; others share the delivery with the projects' own managers.
 */
public enum DeliveryResponsibility {
    /** A staff role: the PMO answers for no project's delivery. */
    NONE,
    /** The role shares the delivery: some of the projects, or jointly with their managers. */
    PARTIAL,
    /** The project managers report into the PMO, which answers for delivering their projects. */
    FULL
}
