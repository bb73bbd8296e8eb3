package io.careerpath.query.planning;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.MatchAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import io.careerpath.query.planning.PlanAnswer.Breach;
import io.careerpath.query.planning.PlanAnswer.Current;
import io.careerpath.query.planning.PlanAnswer.PersonPlan;
import io.careerpath.query.planning.PlanAnswer.PlannedQuarter;
import io.careerpath.query.planning.PlanAnswer.Quarter;
import io.careerpath.query.planning.PlanAnswer.RuleResult;
import io.careerpath.query.planning.PlanAnswer.SeatAssignment;
import io.careerpath.query.planning.PlanningProblems.Problem;
import io.careerpath.query.skillmodel.CareerHistory;
import io.careerpath.query.skillmodel.DeliveryOutlook;
import io.careerpath.query.skillmodel.ProposedAssignment;
import io.careerpath.query.skillmodel.SkillModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A solved (or accepted) plan made into its answer. The retention figures are the skill model's over each person's
 * whole plan, the same projection the what-if makes ({@link CareerHistory#replacedFrom}), so that a plan and a
 * what-if of the same role agree; the rules are Timefold's score analysis, each match a {@link RuleBreach}.
 */
@Component
class PlanAnswers {

    private final SkillModel model;

    PlanAnswers(SkillModel model) {
        this.model = model;
    }

    PlanAnswer answer(Problem problem, RotationPlan plan, ScoreAnalysis<HardMediumSoftScore> analysis,
                      boolean cutShortByTimeLimit) {
        int horizon = problem.rules().quarters();
        List<Quarter> quarters = new ArrayList<>();
        for (int quarter = 0; quarter < horizon; quarter++) {
            quarters.add(new Quarter(quarter + 1, problem.from().plusMonths(3L * quarter), problem.quarterEnd(quarter)));
        }
        Map<Member, List<SeatQuarter>> held = new HashMap<>();
        List<SeatAssignment> assignments = new ArrayList<>();
        for (SeatQuarter seatQuarter : plan.seatQuarters()) {
            if (seatQuarter.person() != null) {
                held.computeIfAbsent(seatQuarter.person(), member -> new ArrayList<>()).add(seatQuarter);
                assignments.add(new SeatAssignment(seatQuarter.seat().id(), seatQuarter.quarter() + 1,
                        seatQuarter.person().id()));
            }
        }
        List<PersonPlan> people = new ArrayList<>();
        for (Member member : plan.members()) {
            people.add(personPlan(problem, Schedule.of(member, held.getOrDefault(member, List.of()))));
        }
        HardMediumSoftScore score = analysis.score();
        return new PlanAnswer(null, List.copyOf(problem.request().teams()), problem.from(), quarters,
                problem.request().randomSeed(), score.toString(), score.isFeasible(), cutShortByTimeLimit,
                problem.rules().rotateBackRetention(), people, assignments, rules(analysis, plan), null, null,
                problem.request(), List.of());
    }

    private PersonPlan personPlan(Problem problem, Schedule schedule) {
        Member member = schedule.member();
        CareerHistory career = problem.careers().get(member.id());
        CareerHistory planned = career.replacedFrom(problem.from(), proposals(schedule));
        List<Integer> moves = schedule.moves().stream().map(Schedule.Move::quarter).toList();
        double threshold = problem.rules().rotateBackRetention();
        List<PlannedQuarter> quarters = new ArrayList<>();
        for (int quarter = 0; quarter < schedule.quarters(); quarter++) {
            PlannedRole role = schedule.role(quarter);
            SeatQuarter seatQuarter = schedule.seatQuarter(quarter);
            Double withPlan = retention(model.deliveryOutlook(planned, problem.quarterEnd(quarter)));
            Double ifNobodyMoves = retention(model.deliveryOutlook(career, problem.quarterEnd(quarter)));
            quarters.add(new PlannedQuarter(quarter + 1, role.kind(), role.pmoType(),
                    seatQuarter == null ? null : seatQuarter.seat().id(),
                    seatQuarter == null ? null : seatQuarter.seat().name(), moves.contains(quarter),
                    withPlan, ifNobodyMoves, withPlan != null && withPlan < threshold));
        }
        PlannedRole current = member.currentRole();
        String name = problem.everyone().get(member.id()).displayName().orElse(null);
        return new PersonPlan(member.id(), name, member.teamId(),
                current == null ? null : new Current(current.kind(), current.pmoType(),
                        Math.round(member.monthsInCurrentRole() * 10) / 10.0), quarters);
    }

    /** The person's plan as back-to-back roles, each quarter run of one role merged, at the loads the rules use. */
    static List<ProposedAssignment> proposals(Schedule schedule) {
        List<ProposedAssignment> proposals = new ArrayList<>();
        int quarter = 0;
        while (quarter < schedule.quarters()) {
            PlannedRole role = schedule.role(quarter);
            int start = quarter;
            while (quarter < schedule.quarters() && schedule.role(quarter).equals(role)) {
                quarter++;
            }
            proposals.add(role.proposal(3 * (quarter - start),
                    PlanningProblems.loadIn(role, schedule.member().adminLoadPercent())));
        }
        return proposals;
    }

    private static HardMediumSoftScore weight(RotationPlan plan, Rule rule) {
        return plan.weights().getKnownConstraintNames().contains(rule.id())
                ? plan.weights().getConstraintWeight(rule.id()) : rule.defaultWeight();
    }

    private static Double retention(DeliveryOutlook outlook) {
        return outlook.deliveryHistory() ? Math.round(outlook.deliveryRetention() * 1000) / 1000.0 : null;
    }

    /**
     * Every rule, broken or not, with the weight it was scored with as the request states weights (a penalty per unit;
     * the analysis gives it negated). A rule weighted 0 is not in the analysis (Timefold leaves it out) and costs nothing.
     */
    private static List<RuleResult> rules(ScoreAnalysis<HardMediumSoftScore> analysis, RotationPlan plan) {
        List<RuleResult> rules = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            ConstraintAnalysis<HardMediumSoftScore> constraint = analysis.getConstraintAnalysis(rule.id());
            List<Breach> breaches = new ArrayList<>();
            if (constraint != null && constraint.matches() != null) {
                for (MatchAnalysis<HardMediumSoftScore> match : constraint.matches()) {
                    RuleBreach breach = (RuleBreach) match.justification();
                    breaches.add(new Breach(breach.personId(), null, breach.teamId(), breach.seatId(),
                            breach.quarter() + 1, breach.amount(), match.score().toString(), breach.detail()));
                }
            }
            breaches.sort(Comparator.comparing(Breach::quarter)
                    .thenComparing(breach -> String.valueOf(breach.personId()))
                    .thenComparing(breach -> String.valueOf(breach.seatId())));
            rules.add(new RuleResult(rule.id(), rule.description(),
                    weight(plan, rule).toString(),
                    constraint == null ? HardMediumSoftScore.ZERO.toString() : constraint.score().toString(), breaches));
        }
        return rules;
    }
}
