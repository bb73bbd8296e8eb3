package io.careerpath.query.planning;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import java.util.List;

/** The planning problem and, once solved, the plan: who holds each seat in each quarter. */
@PlanningSolution
public class RotationPlan {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<Member> members;
    @ProblemFactCollectionProperty
    private List<Seat> seats;
    @PlanningEntityCollectionProperty
    private List<SeatQuarter> seatQuarters;
    /** The request's weights; rules it does not name keep {@link Rule#defaultWeight()}. */
    private ConstraintWeightOverrides<HardMediumSoftScore> weights;
    @PlanningScore
    private HardMediumSoftScore score;

    /** For Timefold's cloning. */
    RotationPlan() {
    }

    RotationPlan(List<Member> members, List<Seat> seats, List<SeatQuarter> seatQuarters,
                 ConstraintWeightOverrides<HardMediumSoftScore> weights) {
        this.members = members;
        this.seats = seats;
        this.seatQuarters = seatQuarters;
        this.weights = weights;
    }

    List<Member> members() {
        return members;
    }

    List<Seat> seats() {
        return seats;
    }

    List<SeatQuarter> seatQuarters() {
        return seatQuarters;
    }

    ConstraintWeightOverrides<HardMediumSoftScore> weights() {
        return weights;
    }

    HardMediumSoftScore score() {
        return score;
    }
}
