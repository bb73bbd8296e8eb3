package io.careerpath.command.person.domain;

/**
 * The rules a recorded career must keep. Each has a stable slug: it becomes the problem type
 * ({@code urn:careerpath:problem:<slug>}) that clients branch on, so never rename one.
 */
public enum CareerRule {
    /** Effective dates lie between the configured earliest date and today. */
    EFFECTIVE_DATE_OUT_OF_RANGE("effective-date-out-of-range", "Effective date out of range"),
    /** One primary assignment at a time: a new one may not begin inside a period already covered. */
    ASSIGNMENT_OVERLAP("assignment-overlap", "Assignments would overlap"),
    /** A delivery role can only be regained by someone who delivered before. */
    REGAIN_WITHOUT_PRIOR_DELIVERY("regain-without-prior-delivery", "No delivery role to regain"),
    /** A delivery role can only be regained after time away from delivery. */
    REGAIN_WHILE_DELIVERING("regain-while-delivering", "No time away from delivery"),
    /** An end needs an assignment held on its date. */
    NO_ASSIGNMENT_TO_END("no-assignment-to-end", "No assignment to end"),
    /** An assignment ends once; a different end needs the recorded one retracted first. */
    ASSIGNMENT_ALREADY_ENDED("assignment-already-ended", "Assignment already ended"),
    /** A troubled program ends rescued, cancelled or handed over; other assignments complete. */
    INVALID_OUTCOME("invalid-outcome", "Outcome does not fit the assignment"),
    /** A retraction names an event of this person's history. */
    RETRACTED_EVENT_NOT_FOUND("retracted-event-not-found", "No such event to retract"),
    /** An event is retracted once. */
    EVENT_ALREADY_RETRACTED("event-already-retracted", "Event already retracted"),
    /** Registrations, retractions and ends that follow from another event are not retracted directly. */
    EVENT_NOT_RETRACTABLE("event-not-retractable", "Event cannot be retracted"),
    /** A person is registered once (only a bulk import can try twice: the API registers under a new id). */
    PERSON_ALREADY_REGISTERED("person-already-registered", "Person already registered"),
    /** Administrative load 0-100 %, skill level 1-5: guarded here too, for every path into the aggregate. */
    VALUE_OUT_OF_RANGE("value-out-of-range", "Value out of range");

    private final String slug;
    private final String title;

    CareerRule(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
