package io.careerpath.query.planning;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.careerpath.query.api.Conflict;
import io.careerpath.query.api.IdPatterns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plan: who holds which seat when, each person's predicted delivery retention quarter by quarter beside their
 * current trajectory, the score, and every rule it breaks, in words. Quarters are numbered from 1.
 *
 * @param id          the saved plan's id; null for a plan not accepted
 * @param acceptedBy  who accepted it (a person id, or {@code sub:<subject>}); null for a plan not accepted
 * @param problem     null for a plan saved before plans kept their problem
 */
@Schema(description = "A rotation plan with its explanation; POST /api/plans records nothing")
record PlanAnswer(
        String id,
        List<String> teams,
        @Schema(description = "the day quarter 1 starts: the day the plan was made") LocalDate from,
        List<Quarter> quarters,
        long seed,
        @Schema(description = "hard/medium/soft: hard rules kept is 0hard (feasible); medium counts empty seats",
                example = "0hard/0medium/-1840soft") String score,
        boolean feasible,
        @Schema(description = "the time limit stopped the search before its fixed budget: the plan may differ between runs")
        boolean cutShortByTimeLimit,
        double rotateBackThreshold,
        List<PersonPlan> people,
        @Schema(description = "who holds each seat in each quarter; send these back to accept the plan")
        List<SeatAssignment> assignments,
        List<RuleResult> rules,
        Instant acceptedAt,
        String acceptedBy,
        @Schema(description = "the problem this plan solves: what accepting it sends back, and what re-solving it starts from")
        PlanRequest problem,
        @Schema(description = "a saved plan: where what is recorded has left it so far, person by person; empty otherwise")
        List<PlanDrift> drift) {

    /**
     * The plan as one caller sees it: the people in {@code visible} with their names, everyone else left out (from the
     * people, the assignments and the breaches), as the board leaves out those the caller may not see. Nothing about
     * the people left out stays but the score, which describes the plan as a whole.
     *
     * @param visible name (null if none recorded) by person id
     */
    PlanAnswer seenBy(java.util.Map<String, String> visible) {
        return new PlanAnswer(id, teams, from, quarters, seed, score, feasible, cutShortByTimeLimit, rotateBackThreshold,
                people.stream().filter(person -> visible.containsKey(person.personId()))
                        .map(person -> new PersonPlan(person.personId(), visible.get(person.personId()), person.teamId(),
                                person.current(), person.schedule()))
                        .toList(),
                assignments.stream().filter(assignment -> visible.containsKey(assignment.personId())).toList(),
                rules.stream().map(rule -> new RuleResult(rule.rule(), rule.description(), rule.weight(), rule.score(),
                        rule.breaches().stream()
                                .filter(breach -> breach.personId() == null || visible.containsKey(breach.personId()))
                                .map(breach -> new Breach(breach.personId(),
                                        breach.personId() == null ? null : visible.get(breach.personId()),
                                        breach.teamId(), breach.seatId(), breach.quarter(), breach.amount(),
                                        breach.score(), breach.detail()))
                                .toList()))
                        .toList(),
                acceptedAt, acceptedBy,
                problem == null ? null : problem.withUnwilling(problem.unwillingPeople().stream()
                        .filter(visible::containsKey).toList()),
                drift == null ? List.of() : drift.stream().filter(d -> visible.containsKey(d.personId())).toList());
    }

    /**
     * The problem of this plan from {@code today} on: the quarters ended are gone, the quarter under way is the new
     * quarter 1 (quarters count from today again), and each seat keeps the quarters it has left. Rules, weights, seed
     * and people are the plan's; who holds what today is read afresh when the problem is made.
     */
    PlanRequest problemFrom(LocalDate today) {
        if (problem == null) {
            throw new Conflict("plan-without-problem", "Plan " + id + " was saved before plans "
                    + "kept their problem, so it cannot be re-solved: make a new plan for its teams");
        }
        int ended = (int) quarters.stream().filter(quarter -> !quarter.end().isAfter(today)).count();
        if (ended >= quarters.size()) {
            throw new Conflict("plan-ended", "Plan " + id + " ended on "
                    + quarters.get(quarters.size() - 1).end() + ": there is nothing left to re-solve, make a new plan");
        }
        int horizon = quarters.size() - ended;
        List<PlanRequest.SeatRequest> seats = new ArrayList<>();
        for (PlanRequest.SeatRequest seat : problem.seats()) {
            int first = Objects.requireNonNullElse(seat.firstQuarter(), 1);
            int last = first - 1 + Objects.requireNonNullElse(seat.quarters(), quarters.size() - first + 1);
            if (last - ended >= 1) {
                int newFirst = Math.max(1, first - ended);
                seats.add(new PlanRequest.SeatRequest(seat.kind(), seat.pmoType(), seat.name(), seat.count(), newFirst,
                        last - ended - newFirst + 1, seat.deliveryResponsibility(), seat.adminLoadPercent()));
            }
        }
        if (seats.isEmpty()) {
            throw new Conflict("plan-seats-closed", "Every seat of plan " + id
                    + " has closed by " + today + ": there is nothing left to re-solve");
        }
        return new PlanRequest(problem.teams(), seats, horizon, problem.minimumMonthsInRole(),
                problem.maxMovesPerQuarter(), problem.unwilling(), problem.weights(), problem.timeLimitSeconds(),
                problem.seed());
    }

    /** The plan with the drifts found in it so far. */
    PlanAnswer withDrift(List<PlanDrift> found) {
        return new PlanAnswer(id, teams, from, quarters, seed, score, feasible, cutShortByTimeLimit, rotateBackThreshold,
                people, assignments, rules, acceptedAt, acceptedBy, problem, List.copyOf(found));
    }

    /**
     * The saved plan without a person who was erased: their schedule, the seat-quarters they were to hold (left
     * unstaffed) and the breaches about them are gone; the score still describes the plan as it was accepted.
     */
    PlanAnswer without(String personId) {
        java.util.Map<String, String> others = new java.util.HashMap<>();
        people.stream().filter(person -> !person.personId().equals(personId))
                .forEach(person -> others.put(person.personId(), null));
        return seenBy(others);
    }

    /** The plan as saved: no names (personal data stays in the person's sealed history), with its id. */
    PlanAnswer accepted(String planId, Instant at, String by) {
        PlanAnswer nameless = seenBy(people.stream().collect(java.util.HashMap::new,
                (names, person) -> names.put(person.personId(), null), java.util.HashMap::putAll));
        return new PlanAnswer(planId, teams, from, quarters, seed, score, feasible, cutShortByTimeLimit,
                rotateBackThreshold, nameless.people(), nameless.assignments(), nameless.rules(), at, by, problem,
                List.of());
    }

    record Quarter(int quarter, LocalDate start, LocalDate end) {
    }

    /**
     * @param current  what the person holds today; null if nothing
     * @param schedule one entry per quarter
     */
    record PersonPlan(String personId, String displayName, String teamId, Current current, List<PlannedQuarter> schedule) {
    }

    record Current(AssignmentKind kind, PmoType pmoType, double months) {
    }

    /**
     * @param seatId                        null in delivery
     * @param move                          the person starts a different role at the start of this quarter
     * @param deliveryRetention             predicted at the end of the quarter with this plan (the skill model, as
     *                                      the what-if computes it); null without delivery history
     * @param deliveryRetentionIfNobodyMoves the same if everyone stays in today's role
     */
    record PlannedQuarter(int quarter, AssignmentKind kind, PmoType pmoType, String seatId, String seatName, boolean move,
                          Double deliveryRetention, Double deliveryRetentionIfNobodyMoves, boolean belowThreshold) {
    }

    @Schema(description = "one seat in one quarter and who holds it")
    record SeatAssignment(
            @NotNull @Size(max = 20) @Schema(example = "1-1") String seatId,
            @NotNull @Min(1) @Max(PlanRequest.MAX_QUARTERS) Integer quarter,
            @NotNull @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String personId) {
    }

    /**
     * @param weight   the weight the plan was scored with (the request's, or the default)
     * @param score    what the rule costs this plan
     * @param breaches every breach, in words
     */
    record RuleResult(String rule, String description, String weight, String score, List<Breach> breaches) {
    }

    /** One breach: whose, from which quarter, by how much (in the rule's unit), and what it costs. */
    record Breach(String personId, String displayName, String teamId, String seatId, int quarter, int amount,
                  String score, String detail) {
    }
}
