package io.careerpath.command.person.domain;

/**
 * A command refused because the history that would result breaks a {@link CareerRule}. Nothing of
 * the command is recorded. The message says why in words a person understands ({@link CareerWords}: the
 * assignment it collides with by what it is and its dates, never an id or a type code) and what to
 * do instead; the ids stay machine-readable beside it ({@link #relatedEventId()}).
 */
public final class CareerRuleViolation extends RuntimeException {

    private final CareerRule rule;
    private final String field;
    private final String relatedEventId;

    CareerRuleViolation(CareerRule rule, String message, String field, String relatedEventId) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.relatedEventId = relatedEventId;
    }

    static CareerRuleViolation of(CareerRule rule, String message) {
        return new CareerRuleViolation(rule, message, null, null);
    }

    static CareerRuleViolation onField(CareerRule rule, String field, String message) {
        return new CareerRuleViolation(rule, message, field, null);
    }

    static CareerRuleViolation involving(CareerRule rule, String relatedEventId, String message) {
        return new CareerRuleViolation(rule, message, null, relatedEventId);
    }

    /** A collision with a recorded event that a form shows beside {@code field} (null: none in particular). */
    static CareerRuleViolation involving(CareerRule rule, String relatedEventId, String field, String message) {
        return new CareerRuleViolation(rule, message, field, relatedEventId);
    }

    public CareerRule rule() {
        return rule;
    }

    /** The request field at fault, where one is ({@code effectiveDate}, {@code outcome}, ...), else null. */
    public String field() {
        return field;
    }

    /** The already recorded event the command collides with, where there is one, else null. */
    public String relatedEventId() {
        return relatedEventId;
    }
}
