package io.careerpath.events;

/** The three kinds of project management office the platform distinguishes (see shared/DOMAIN.md). */
public enum PmoType {
    /** Program-level PMO: builds program-management skill. */
    PROGRAM,
    /** Organizational PMO: staff-focused on process, methodology, audits and portfolio capability. */
    ORGANIZATIONAL,
    /** Executive-level PMO: visibility of the top projects and of how executives handle strategic problems. */
    EXECUTIVE
}
