package io.careerpath.events;

/** How an assignment ended. The first three apply to troubled programs. */
public enum AssignmentOutcome {
    RESCUED,
    CANCELLED,
    HANDED_OVER,
    COMPLETED
}
