package io.careerpath.query.planning;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import io.careerpath.query.planning.PlanRequest.RuleWeight;
import io.careerpath.query.planning.PlanRequest.RuleWeight.Level;

/**
 * The planner's rules, each one constraint of {@link RotationConstraints}, with its default weight. A request may
 * change any weight, or its level, by the rule's id ({@link RuleWeight}); 0 turns a rule off.
 *
 * <p>Levels: a hard rule is never traded for anything else (a plan that breaks one is not feasible); medium is
 * staffing (a seat left empty costs more than any soft rule can gain); soft rules are traded against each other by
 * weight. The soft weights are set so that their units compare: one thousandth of delivery retention lost is 1, a
 * month short of the minimum stay 100, an unwanted PMO quarter 500, a troubled-program streak 1000.
 */
enum Rule {

    ONE_SEAT_AT_A_TIME("one-seat-at-a-time", HardMediumSoftScore.ONE_HARD,
            "Nobody holds two seats in the same quarter (per seat held twice)"),
    DELIVERY_RETENTION_FLOOR("delivery-retention-floor", HardMediumSoftScore.ONE_HARD,
            "Delivery retention never falls below the rotate-back threshold (per thousandth below it)"),
    SEAT_LEFT_EMPTY("seat-left-empty", HardMediumSoftScore.ONE_MEDIUM,
            "Every seat is staffed in every quarter it is open (per empty seat-quarter)"),
    MINIMUM_MONTHS_IN_ROLE("minimum-months-in-role", HardMediumSoftScore.ofSoft(100),
            "Nobody leaves a role before the minimum stay (per month short)"),
    TROUBLED_PROGRAM_STREAK("troubled-program-streak", HardMediumSoftScore.ofSoft(1000),
            "Nobody takes a troubled program straight after another (per streak)"),
    ADMINISTRATIVE_OVERLOAD("administrative-overload", HardMediumSoftScore.ofSoft(200),
            "Nobody holds a seat whose administrative load is at or above the overload share (per quarter)"),
    UNWILLING_TO_JOIN_PMO("unwilling-to-join-pmo", HardMediumSoftScore.ofSoft(500),
            "Nobody who said they do not want a PMO role is given one (per quarter)"),
    MOVES_PER_QUARTER("moves-per-quarter", HardMediumSoftScore.ofSoft(300),
            "At most the allowed number of moves per team per quarter (per move beyond it)"),
    PMO_TIME_SPREAD("pmo-time-spread", HardMediumSoftScore.ONE_SOFT,
            "PMO quarters are spread fairly within each team (per hundredth of unfairness, in quarters)"),
    DELIVERY_SKILL_LOSS("delivery-skill-loss", HardMediumSoftScore.ONE_SOFT,
            "As little delivery skill as possible is lost in PMO and troubled-program stints (per thousandth of retention)");

    private final String id;
    private final HardMediumSoftScore defaultWeight;
    private final String description;

    Rule(String id, HardMediumSoftScore defaultWeight, String description) {
        this.id = id;
        this.defaultWeight = defaultWeight;
        this.description = description;
    }

    /** The rule's id in requests and answers, and the constraint's name. */
    String id() {
        return id;
    }

    HardMediumSoftScore defaultWeight() {
        return defaultWeight;
    }

    String description() {
        return description;
    }

    /** The default weight as a request states one: its level and the weight at that level. */
    RuleWeight defaultRequestWeight() {
        if (defaultWeight.hardScore() != 0) {
            return new RuleWeight(Level.HARD, defaultWeight.hardScore());
        }
        if (defaultWeight.mediumScore() != 0) {
            return new RuleWeight(Level.MEDIUM, defaultWeight.mediumScore());
        }
        return new RuleWeight(Level.SOFT, defaultWeight.softScore());
    }

    static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
