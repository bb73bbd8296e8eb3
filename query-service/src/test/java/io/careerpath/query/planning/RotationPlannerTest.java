package io.careerpath.query.planning;

import static io.careerpath.query.planning.PlanningFixture.PROGRAM_PMO;
import static io.careerpath.query.planning.PlanningFixture.deliverer;
import static io.careerpath.query.planning.PlanningFixture.seat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The solver on a small problem: a feasible plan, every seat staffed, and the same plan again for the same seed. */
class RotationPlannerTest {

    private final RotationPlanner planner = new RotationPlanner();

    /** Five people losing more or less delivery retention per quarter away; two program-PMO seats for four quarters. */
    private static RotationPlan problem(Map<String, HardMediumSoftScore> weights) {
        List<Member> members = List.of(deliverer("ada", 0.05), deliverer("bob", 0.08), deliverer("cleo", 0.12),
                deliverer("dan", 0.2), deliverer("eve", 0.3));
        List<Seat> seats = List.of(seat("1-1", PROGRAM_PMO), seat("1-2", PROGRAM_PMO));
        List<SeatQuarter> seatQuarters = new ArrayList<>();
        for (Seat seat : seats) {
            for (int quarter = 0; quarter < PlanningFixture.RULES.quarters(); quarter++) {
                seatQuarters.add(new SeatQuarter(seat, quarter, null));
            }
        }
        return new RotationPlan(members, seats, seatQuarters, ConstraintWeightOverrides.of(weights));
    }

    private static List<String> assignments(RotationPlan plan) {
        return plan.seatQuarters().stream().map(SeatQuarter::toString).toList();
    }

    @Test
    void findsAFeasiblePlanWithEverySeatStaffed() {
        RotationPlanner.Solved solved = planner.solve(problem(Map.of()), 7, Duration.ofSeconds(30));

        HardMediumSoftScore score = solved.plan().score();
        assertThat(score.hardScore()).as(score.toString()).isZero();
        assertThat(score.mediumScore()).as(score.toString()).isZero();
        assertThat(solved.cutShortByTimeLimit()).isFalse();
        // the hard rule held: eve (0.3 a quarter) is never away two quarters running
        for (SeatQuarter seatQuarter : solved.plan().seatQuarters()) {
            if (seatQuarter.person().id().equals("eve")) {
                assertThat(solved.plan().seatQuarters()).noneMatch(other -> other.person().id().equals("eve")
                        && other.quarter() == seatQuarter.quarter() + 1);
            }
        }
        // and the explanation adds up to the score
        var analysis = planner.explain(solved.plan());
        assertThat(analysis.score()).isEqualTo(score);
    }

    @Test
    void theSameProblemAndSeedGiveTheSamePlan() {
        RotationPlanner.Solved first = planner.solve(problem(Map.of()), 42, Duration.ofSeconds(30));
        RotationPlanner.Solved second = planner.solve(problem(Map.of()), 42, Duration.ofSeconds(30));

        assertThat(assignments(second.plan())).isEqualTo(assignments(first.plan()));
        assertThat(second.plan().score()).isEqualTo(first.plan().score());
    }

    @Test
    void aRequestsWeightOverridesTheDefault() {
        // with staffing free of charge, the cheapest plan leaves both seats empty: every stint costs something
        RotationPlanner.Solved solved = planner.solve(problem(Map.of(Rule.SEAT_LEFT_EMPTY.id(), HardMediumSoftScore.ZERO)),
                1, Duration.ofSeconds(30));

        assertThat(solved.plan().seatQuarters()).allMatch(seatQuarter -> seatQuarter.person() == null);
        assertThat(solved.plan().score()).isEqualTo(HardMediumSoftScore.ZERO);
        assertThat(solved.cutShortByTimeLimit()).isFalse();
    }
}
