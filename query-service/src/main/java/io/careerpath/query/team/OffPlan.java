package io.careerpath.query.team;

import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.planning.PlanDrifts;
import io.careerpath.query.team.RotationBoardController.CurrentAssignment;
import io.careerpath.query.team.RotationBoardController.Member;
import org.springframework.stereotype.Component;

/**
 * The board's and the attention list's {@code OFF_PLAN} flag: a person's figures with how they have left their
 * accepted plan, if they have. Apart from {@link MemberFigures#of}, because plans change without career events while
 * today's figures are kept in memory ({@link TodaysFigures}).
 */
@Component
class OffPlan {

    private final PlanDrifts plans;

    OffPlan(PlanDrifts plans) {
        this.plans = plans;
    }

    Member flagged(Member member, Viewpoint viewpoint) {
        CurrentAssignment now = member.currentAssignment();
        return plans.ongoing(member.personId(), now == null ? null : now.kind(), now == null ? null : now.pmoType(),
                        now == null ? null : now.since(), viewpoint.asOf(), viewpoint.knownOn())
                .map(member::offPlan)
                .orElse(member);
    }
}
