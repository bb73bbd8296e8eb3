package io.careerpath.query.planning;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.loadBalance;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.toList;

import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;
import ai.timefold.solver.core.api.score.stream.uni.UniConstraintCollector;
import ai.timefold.solver.core.api.score.stream.uni.UniConstraintStream;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * The rules of {@link Rule} as Timefold constraint streams. The rules about one person over time read the person's
 * {@link Schedule}, made from their seat-quarters (grouped per person, so a move re-reads only the people it touches),
 * and look up what the skill model predicted before the search ({@link Member#stintRetention}): no skill-model run
 * happens while the solver searches. Each match is justified with a {@link RuleBreach}, the answer's explanation.
 */
public class RotationConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                oneSeatAtATime(factory),
                deliveryRetentionFloor(factory),
                seatLeftEmpty(factory),
                minimumMonthsInRole(factory),
                troubledProgramStreak(factory),
                administrativeOverload(factory),
                unwillingToJoinPmo(factory),
                movesPerQuarter(factory),
                pmoTimeSpread(factory),
                deliverySkillLoss(factory)};
    }

    // one instance each, so that Timefold shares the schedule nodes between the rules instead of building them per rule
    private static final UniConstraintCollector<SeatQuarter, ?, List<SeatQuarter>> HELD = toList();
    private static final Function<Member, List<SeatQuarter>> NOTHING_HELD = member -> List.of();

    /** Every person's schedule, those who hold no seat at all included (they deliver throughout). */
    private static UniConstraintStream<Schedule> schedules(ConstraintFactory factory) {
        return factory.forEach(SeatQuarter.class)
                .groupBy(SeatQuarter::person, HELD)
                .complement(Member.class, NOTHING_HELD)
                .map(Schedule::of);
    }

    Constraint oneSeatAtATime(ConstraintFactory factory) {
        return factory.forEachUniquePair(SeatQuarter.class, Joiners.equal(SeatQuarter::quarter),
                        Joiners.equal(SeatQuarter::person))
                .penalize(Rule.ONE_SEAT_AT_A_TIME.defaultWeight())
                .justifyWith((a, b, score) -> new RuleBreach(a.person().id(), a.person().teamId(), a.seat().id(),
                        a.quarter(), 1, "holds both %s and %s in quarter %d".formatted(a.seat().label(),
                        b.seat().label(), a.quarter() + 1)))
                .asConstraint(Rule.ONE_SEAT_AT_A_TIME.id());
    }

    Constraint deliveryRetentionFloor(ConstraintFactory factory) {
        return perPerson(Rule.DELIVERY_RETENTION_FLOOR, schedules(factory)
                .flattenLast(Schedule::retentionBelowThreshold));
    }

    Constraint seatLeftEmpty(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(SeatQuarter.class)
                .filter(seatQuarter -> seatQuarter.person() == null)
                .penalize(Rule.SEAT_LEFT_EMPTY.defaultWeight())
                .justifyWith((seatQuarter, score) -> new RuleBreach(null, null, seatQuarter.seat().id(),
                        seatQuarter.quarter(), 1, "%s is empty in quarter %d".formatted(seatQuarter.seat().label(),
                        seatQuarter.quarter() + 1)))
                .asConstraint(Rule.SEAT_LEFT_EMPTY.id());
    }

    Constraint minimumMonthsInRole(ConstraintFactory factory) {
        return perPerson(Rule.MINIMUM_MONTHS_IN_ROLE, schedules(factory).flattenLast(Schedule::leftTooSoon));
    }

    Constraint troubledProgramStreak(ConstraintFactory factory) {
        return perPerson(Rule.TROUBLED_PROGRAM_STREAK, schedules(factory).flattenLast(Schedule::troubledStreaks));
    }

    Constraint administrativeOverload(ConstraintFactory factory) {
        return perPerson(Rule.ADMINISTRATIVE_OVERLOAD, schedules(factory)
                .flattenLast(Schedule::overloadedQuarters));
    }

    Constraint unwillingToJoinPmo(ConstraintFactory factory) {
        return perPerson(Rule.UNWILLING_TO_JOIN_PMO, schedules(factory)
                .filter(schedule -> schedule.member().unwilling())
                .flattenLast(Schedule::unwantedPmoQuarters));
    }

    Constraint movesPerQuarter(ConstraintFactory factory) {
        return schedules(factory)
                .flattenLast(Schedule::moves)
                .groupBy(move -> move.member().teamId(), Schedule.Move::quarter, toList())
                .filter((team, quarter, moves) -> moves.size() > allowedMoves(moves))
                .penalize(Rule.MOVES_PER_QUARTER.defaultWeight(), (team, quarter, moves) -> moves.size() - allowedMoves(moves))
                .justifyWith((team, quarter, moves, score) -> new RuleBreach(null, team, null, quarter,
                        moves.size() - allowedMoves(moves), "%d moves in team %s at the start of quarter %d, %d more than the %d allowed"
                        .formatted(moves.size(), team, quarter + 1, moves.size() - allowedMoves(moves), allowedMoves(moves))))
                .asConstraint(Rule.MOVES_PER_QUARTER.id());
    }

    private static int allowedMoves(List<Schedule.Move> moves) {
        return moves.get(0).member().rules().maxMovesPerQuarter();
    }

    /**
     * Timefold's load-balance unfairness of the PMO quarters within each team (0 when everyone has the same), in
     * hundredths. People who do not want a PMO role are left out: their zero is their choice, not an unfairness.
     * Each person's load is their PMO quarters plus one, so that nobody with none drops out of the balance.
     */
    Constraint pmoTimeSpread(ConstraintFactory factory) {
        return schedules(factory)
                .filter(schedule -> !schedule.member().unwilling())
                .groupBy(schedule -> schedule.member().teamId(),
                        loadBalance(Schedule::member, schedule -> schedule.pmoQuarters() + 1L))
                .filter((team, balance) -> balance.unfairness().signum() > 0)
                .penalize(Rule.PMO_TIME_SPREAD.defaultWeight(), (team, balance) -> hundredths(balance.unfairness()))
                .justifyWith((team, balance, score) -> new RuleBreach(null, team, null, 0,
                        hundredths(balance.unfairness()), "PMO quarters per person in team %s range from %d to %d (unfairness %s)"
                        .formatted(team, balance.loads().values().stream().mapToLong(Long::longValue).min().orElse(1) - 1,
                                balance.loads().values().stream().mapToLong(Long::longValue).max().orElse(1) - 1,
                                balance.unfairness().setScale(2, RoundingMode.HALF_UP))))
                .asConstraint(Rule.PMO_TIME_SPREAD.id());
    }

    private static int hundredths(java.math.BigDecimal unfairness) {
        return unfairness.movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    Constraint deliverySkillLoss(ConstraintFactory factory) {
        return perPerson(Rule.DELIVERY_SKILL_LOSS, schedules(factory).flattenLast(Schedule::deliverySkillLoss));
    }

    /** A rule whose matches are breaches of one person's schedule, each penalized by its amount. */
    private static Constraint perPerson(Rule rule, UniConstraintStream<RuleBreach> breaches) {
        return breaches
                .penalize(rule.defaultWeight(), RuleBreach::amount)
                .justifyWith((breach, score) -> breach)
                .asConstraint(rule.id());
    }
}
