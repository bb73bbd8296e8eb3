package io.careerpath.events;

/** The kinds of primary assignment a person holds, one at a time. */
public enum AssignmentKind {
    DELIVERY,
    PMO,
    TROUBLED_PROGRAM
}
