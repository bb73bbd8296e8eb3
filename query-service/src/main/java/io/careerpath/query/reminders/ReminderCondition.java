package io.careerpath.query.reminders;

/**
 * What a reminder is about. Each is raised once when a person's figures cross into it, and again only after it
 * has cleared and recurred.
 */
public enum ReminderCondition {
    /** The rotate-back date has come within the warning window ({@code careerpath.query.rotate-back-warning-months}). */
    ROTATE_BACK_DUE,
    /** Delivery retention has fallen below the rotate-back threshold: the rotate-back date has passed. */
    ROTATE_BACK_PASSED,
    /**
     * The administrative load recorded in the person's current PMO or troubled-program role is at or above the overload
     * share ({@code careerpath.query.admin-overload-percent}): the board's flag ({@code team.MemberFigures}).
     */
    ADMIN_OVERLOAD,
    /** Troubled programs one after another, at least {@code careerpath.query.troubled-program-streak} of them. */
    TROUBLED_PROGRAM_STREAK
}
