package io.careerpath.query.planning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanAnswer.PersonPlan;
import io.careerpath.query.planning.PlanAnswer.PlannedQuarter;
import io.careerpath.query.planning.PlanAnswer.RuleResult;
import io.careerpath.query.planning.PlanningProblems.Problem;
import io.careerpath.query.skillmodel.SkillModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planner benchmark's driver (docs/performance.md, row {@code planner}): the planner's own classes, in-process, as
 * {@code POST /api/plans} runs them once the caller's members are read ({@link PlanningProblems#problem(PlanRequest,
 * LocalDate, Map, SkillModel, int)}, {@link RotationPlanner}, {@link PlanAnswers}); the API path itself is covered by
 * {@code PlanningApiTest}. In this package because the planner's classes are the query service's own, package-private.
 *
 * <p>Measures the time to a plan, and scores it against a naive baseline on the same problem ({@link #baseline}), both
 * with the planner's constraints (its score analysis) and the skill model's figures of the answer.
 */
public final class PlannerMeasurement {

    /** The query service's {@code careerpath.query.admin-overload-percent} (query-service.yml). */
    static final int ADMIN_OVERLOAD_PERCENT = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlannerMeasurement() {
    }

    /**
     * One plan scored.
     *
     * @param hardBreaches   rule id to the number of breaches, for the hard rules
     * @param ruleScores     rule id to what it costs the plan, for every rule that costs something
     * @param loss           the delivery retention lost over the horizon, summed over people: each quarter's fall from
     *                       the quarter before (today's, for the first) by the answer's figures (the skill model over
     *                       the person's whole plan, rounded to the thousandth); a quarter that recovers takes nothing back
     * @param endLoss        summed over people: what they have lost at the horizon's end, retention today minus
     *                       retention then where that is positive (a stint recovered from by then costs nothing)
     * @param netLoss        summed over people: retention today minus retention at the horizon's end (recoveries count)
     * @param seatQuartersBelowThreshold seat-quarters whose holder's retention, by the answer's exact figures, is below
     *                       the rotate-back threshold at the quarter's end
     * @param stints         stints away from delivery (consecutive quarters in seats)
     */
    public record Scored(String score, boolean feasible, Map<String, Integer> hardBreaches, Map<String, String> ruleScores,
                         double loss, double endLoss, double netLoss, int seatQuartersBelowThreshold, int peoplePlaced, int stints,
                         double meanStintQuarters, int moves) {
    }

    /**
     * @param tablesSeconds the problem built: each person's stint tables from the skill model (first run)
     * @param solveSeconds  the solver (first run)
     * @param answerSeconds the answer's figures and explanation (first run)
     * @param secondRunSeconds the same request again, tables to answer, in the same JVM (its code compiled)
     * @param floorKeepingBaseline the naive baseline's rule with the retention floor kept ({@link #floorKeepingBaseline})
     * @param variants      the same problem solved with soft rules turned off, to see what each costs in loss
     * @param stintCosts    what stints cost, per kind of seat in the request (the first troubled program for all)
     */
    public record Figures(int people, int teams, int seats, int seatQuarters, int quarters, long seed,
                          double tablesSeconds, double solveSeconds, double answerSeconds, double secondRunSeconds,
                          boolean cutShortByTimeLimit, boolean samePlanTwice, Scored plan, Scored baseline,
                          Scored floorKeepingBaseline, List<Variant> variants, List<StintCosts> stintCosts) {

        public double firstRunSeconds() {
            return tablesSeconds + solveSeconds + answerSeconds;
        }

        public double lossRatio() {
            return plan.loss() / baseline.loss();
        }
    }

    /**
     * What a stint from quarter 1 in one kind of seat costs those delivering today, averaged over them, from the
     * planner's own tables ({@link Member#stintRetention}).
     *
     * @param lossPerQuarterAway by stint length L (index L - 1): the retention lost by its end, per quarter away
     * @param longestAllowed     the longest stint whose end the tables keep at or above the rotate-back threshold
     */
    public record StintCosts(String seat, double[] lossPerQuarterAway, double longestAllowed) {
    }

    /** The plan of a variant of the request: which soft rules were off, and what the plan then loses. */
    public record Variant(String rulesOff, Scored plan) {
    }

    /**
     * Plans {@code requestJson} ({@code POST /api/plans}'s body) for {@code histories} as of {@code today}, twice (same
     * seed, same plan expected), and scores the naive baseline on the same problem.
     *
     * @param everyVariant solve the three variants of {@link Figures#variants}; otherwise only the last (every soft rule
     *                     but the loss off), which keeps the smoke size's run short
     */
    public static Figures measure(String requestJson, List<PersonHistory> histories, LocalDate today,
                                  boolean everyVariant) {
        PlanRequest request = read(requestJson);
        SkillModel model = SkillModel.withDefaults();
        RotationPlanner planner = new RotationPlanner();
        PlanAnswers answers = new PlanAnswers(model);
        Duration timeLimit = Duration.ofSeconds(request.timeLimit());

        long start = System.nanoTime();
        Problem problem = problem(request, histories, today, model);
        long tablesDone = System.nanoTime();
        RotationPlanner.Solved solved = planner.solve(problem.plan(), request.randomSeed(), timeLimit);
        long solveDone = System.nanoTime();
        PlanAnswer answer = answers.answer(problem, solved.plan(), planner.explain(solved.plan()),
                solved.cutShortByTimeLimit());
        long answered = System.nanoTime();

        Problem again = problem(request, histories, today, model);
        RotationPlanner.Solved second = planner.solve(again.plan(), request.randomSeed(), timeLimit);
        answers.answer(again, second.plan(), planner.explain(second.plan()), second.cutShortByTimeLimit());
        long secondDone = System.nanoTime();

        Problem naive = problem(request, histories, today, model);
        RotationPlan baseline = baseline(naive.plan());
        PlanAnswer baselineAnswer = answers.answer(naive, baseline, planner.explain(baseline), false);

        Problem floorKeeping = problem(request, histories, today, model);
        RotationPlan floorKeepingPlan = floorKeepingBaseline(floorKeeping.plan());
        Scored floorKeepingScored = scored(answers.answer(floorKeeping, floorKeepingPlan,
                planner.explain(floorKeepingPlan), false), floorKeeping, model);

        List<Variant> variants = new ArrayList<>();
        List<List<Rule>> rulesOff = List.of(List.of(Rule.PMO_TIME_SPREAD),
                List.of(Rule.PMO_TIME_SPREAD, Rule.MOVES_PER_QUARTER, Rule.MINIMUM_MONTHS_IN_ROLE),
                List.of(Rule.PMO_TIME_SPREAD, Rule.MOVES_PER_QUARTER, Rule.MINIMUM_MONTHS_IN_ROLE,
                        Rule.UNWILLING_TO_JOIN_PMO, Rule.ADMINISTRATIVE_OVERLOAD, Rule.TROUBLED_PROGRAM_STREAK));
        for (List<Rule> off : everyVariant ? rulesOff : rulesOff.subList(rulesOff.size() - 1, rulesOff.size())) {
            Problem variant = problem(without(request, off), histories, today, model);
            RotationPlanner.Solved solvedVariant = planner.solve(variant.plan(), request.randomSeed(), timeLimit);
            variants.add(new Variant(off.stream().map(Rule::id).toList().toString(), scored(answers.answer(variant,
                    solvedVariant.plan(), planner.explain(solvedVariant.plan()), solvedVariant.cutShortByTimeLimit()),
                    variant, model)));
        }

        RotationPlan plan = problem.plan();
        return new Figures(plan.members().size(), request.teams().size(), plan.seats().size(),
                plan.seatQuarters().size(), request.horizon(), request.randomSeed(),
                seconds(tablesDone - start), seconds(solveDone - tablesDone), seconds(answered - solveDone),
                seconds(secondDone - answered), solved.cutShortByTimeLimit() || second.cutShortByTimeLimit(),
                assignments(solved.plan()).equals(assignments(second.plan())),
                scored(answer, problem, model), scored(baselineAnswer, naive, model), floorKeepingScored, variants,
                stintCosts(problem, model));
    }

    /** The request with {@code off}'s weights 0. */
    private static PlanRequest without(PlanRequest request, List<Rule> off) {
        Map<String, PlanRequest.RuleWeight> weights = new LinkedHashMap<>(request.weightOverrides());
        off.forEach(rule -> weights.put(rule.id(), new PlanRequest.RuleWeight(PlanRequest.RuleWeight.Level.SOFT, 0)));
        return new PlanRequest(request.teams(), request.seats(), request.horizonQuarters(), request.minimumMonthsInRole(),
                request.maxMovesPerQuarter(), request.unwilling(), weights, request.timeLimitSeconds(), request.seed());
    }

    private static List<StintCosts> stintCosts(Problem problem, SkillModel model) {
        int quarters = problem.rules().quarters();
        double threshold = problem.rules().rotateBackRetention();
        List<Member> delivering = problem.plan().members().stream()
                .filter(member -> member.currentRole() != null && member.currentRole().delivery()).toList();
        Map<String, Seat> kinds = new LinkedHashMap<>();
        for (Seat seat : problem.plan().seats()) {
            PlannedRole role = seat.role();
            kinds.putIfAbsent(role.troubledProgram() ? "troubled program" : role.inWords()
                    + (role.deliveryResponsibility() == DeliveryResponsibility.NONE ? ""
                    : " (" + role.deliveryResponsibility().name().toLowerCase(Locale.ROOT) + " delivery)"), seat);
        }
        List<StintCosts> costs = new ArrayList<>();
        kinds.forEach((name, seat) -> {
            double[] loss = new double[quarters];
            double longest = 0;
            for (Member member : delivering) {
                double today = model.deliveryOutlook(problem.careers().get(member.id()), problem.from())
                        .deliveryRetention();
                int allowed = 0;
                for (int length = 1; length <= quarters; length++) {
                    double atEnd = member.stintRetention(seat.roleIndex(), 0, length);
                    loss[length - 1] += (today - atEnd) / length / delivering.size();
                    allowed = atEnd >= threshold && allowed == length - 1 ? length : allowed;
                }
                longest += (double) allowed / delivering.size();
            }
            costs.add(new StintCosts(name, loss, longest));
        });
        return costs;
    }

    private static PlanRequest read(String json) {
        try {
            return JSON.readValue(json, PlanRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's problem as the API builds it: the members by person id, in a stable order. */
    private static Problem problem(PlanRequest request, List<PersonHistory> histories, LocalDate today, SkillModel model) {
        Map<String, PersonHistory> everyone = new TreeMap<>();
        histories.stream().filter(history -> history.teamId().filter(request.teams()::contains).isPresent())
                .forEach(history -> everyone.put(history.personId(), history));
        return PlanningProblems.problem(request, today, everyone, model, ADMIN_OVERLOAD_PERCENT);
    }

    /**
     * The naive baseline: "rotate whoever has been longest in delivery into each seat as it opens". The seats in the
     * order they open (then the request's order); each goes, for every quarter it is open, to the person who, on the
     * day it opens, has been in delivery the longest without a break: months in today's delivery role plus the quarters
     * since today for those delivering today; the quarters since today for those in another role today (whoever holds
     * no seat delivers from quarter 1, as in the planner); the quarters since their baseline seat ended for those who
     * held one. Holding a seat then is not being in delivery, so nobody gets two at once. Ties go to the lower person
     * id. No other rule (stays, preferences, loads, streaks, moves, fairness, retention) is looked at.
     */
    static RotationPlan baseline(RotationPlan plan) {
        List<Seat> seats = new ArrayList<>(plan.seats());
        seats.sort(Comparator.comparingInt(Seat::firstQuarter)); // stable: the request's order within a quarter
        Map<Member, Integer> seatEnded = new HashMap<>();
        for (Seat seat : seats) {
            int opens = seat.firstQuarter();
            Member chosen = null;
            double longest = -1;
            for (Member member : plan.members()) {
                Integer ended = seatEnded.get(member);
                if (ended != null && ended > opens) {
                    continue; // holds a seat when this one opens
                }
                double months = ended != null ? 3.0 * (opens - ended)
                        : member.currentRole() != null && member.currentRole().delivery()
                        ? member.monthsInCurrentRole() + 3.0 * opens : 3.0 * opens;
                if (months > longest || months == longest && member.id().compareTo(chosen.id()) < 0) {
                    chosen = member;
                    longest = months;
                }
            }
            for (SeatQuarter seatQuarter : plan.seatQuarters()) {
                if (seatQuarter.seat().equals(seat)) {
                    seatQuarter.assign(chosen);
                }
            }
            seatEnded.put(chosen, opens + seat.quarters());
        }
        return plan;
    }

    /**
     * The naive rule with the one hard rule it breaks kept, for reference: quarter by quarter, each open seat stays with
     * its holder while the planner's own tables ({@link Member#stintRetention}, as the retention-floor rule reads them)
     * keep the holder's retention at the stint's end at or above the threshold; otherwise it goes, from that quarter, to
     * whoever has been in delivery the longest (as in {@link #baseline}) among those whose table allows at least that
     * quarter. Nobody held a seat in the quarter before is picked anew. No soft rule is looked at.
     */
    static RotationPlan floorKeepingBaseline(RotationPlan plan) {
        int quarters = plan.members().get(0).rules().quarters();
        double threshold = plan.members().get(0).rules().rotateBackRetention();
        Map<String, SeatQuarter> bySeatAndQuarter = new HashMap<>();
        plan.seatQuarters().forEach(seatQuarter -> bySeatAndQuarter.put(seatQuarter.id(), seatQuarter));
        Map<Member, Integer> stintStart = new HashMap<>();
        Map<Member, Integer> lastHeld = new HashMap<>();
        for (int quarter = 0; quarter < quarters; quarter++) {
            Map<Member, Seat> holding = new HashMap<>();
            for (Seat seat : plan.seats()) {
                SeatQuarter now = bySeatAndQuarter.get(seat.id() + "@" + quarter);
                if (now == null) {
                    continue;
                }
                SeatQuarter before = bySeatAndQuarter.get(seat.id() + "@" + (quarter - 1));
                Member holder = before == null ? null : before.person();
                if (holder != null && !holding.containsKey(holder) && holder.stintRetention(seat.roleIndex(),
                        stintStart.get(holder), quarter - stintStart.get(holder) + 1) >= threshold) {
                    now.assign(holder);
                    holding.put(holder, seat);
                    continue;
                }
                Member chosen = null;
                double longest = -1;
                for (Member member : plan.members()) {
                    Integer held = lastHeld.get(member);
                    if (holding.containsKey(member) || held != null && held >= quarter - 1
                            || member.stintRetention(seat.roleIndex(), quarter, 1) < threshold) {
                        continue;
                    }
                    double months = held != null ? 3.0 * (quarter - held - 1)
                            : member.currentRole() != null && member.currentRole().delivery()
                            ? member.monthsInCurrentRole() + 3.0 * quarter : 3.0 * quarter;
                    if (months > longest || months == longest && member.id().compareTo(chosen.id()) < 0) {
                        chosen = member;
                        longest = months;
                    }
                }
                now.assign(chosen);
                if (chosen != null) {
                    holding.put(chosen, seat);
                    stintStart.put(chosen, quarter);
                }
            }
            for (Member member : holding.keySet()) {
                lastHeld.put(member, quarter);
            }
        }
        return plan;
    }

    private static Scored scored(PlanAnswer answer, Problem problem, SkillModel model) {
        Map<String, Integer> hardBreaches = new LinkedHashMap<>();
        Map<String, String> ruleScores = new LinkedHashMap<>();
        for (RuleResult rule : answer.rules()) {
            if (Rule.byId(rule.rule()).defaultWeight().hardScore() != 0) {
                hardBreaches.put(rule.rule(), rule.breaches().size());
            }
            if (!rule.breaches().isEmpty()) {
                ruleScores.put(rule.rule(), rule.score());
            }
        }
        double loss = 0;
        double endLoss = 0;
        double netLoss = 0;
        int belowThreshold = 0;
        int placed = 0;
        int stints = 0;
        int seatQuarters = 0;
        int moves = 0;
        for (PersonPlan person : answer.people()) {
            boolean inSeat = false;
            boolean everPlaced = false;
            for (PlannedQuarter quarter : person.schedule()) {
                boolean seat = quarter.kind() != AssignmentKind.DELIVERY;
                stints += seat && !inSeat ? 1 : 0;
                seatQuarters += seat ? 1 : 0;
                everPlaced |= seat;
                inSeat = seat;
                moves += quarter.move() ? 1 : 0;
                belowThreshold += seat && quarter.belowThreshold() ? 1 : 0;
            }
            placed += everPlaced ? 1 : 0;
            if (person.schedule().get(0).deliveryRetention() == null) {
                continue; // no delivery history: nothing to lose
            }
            double previous = rounded(model.deliveryOutlook(problem.careers().get(person.personId()), problem.from())
                    .deliveryRetention());
            double today = previous;
            for (PlannedQuarter quarter : person.schedule()) {
                loss += Math.max(0, previous - quarter.deliveryRetention());
                previous = quarter.deliveryRetention();
            }
            endLoss += Math.max(0, today - previous);
            netLoss += today - previous;
        }
        return new Scored(answer.score(), answer.feasible(), hardBreaches, ruleScores, loss, endLoss, netLoss, belowThreshold,
                placed, stints, stints == 0 ? 0 : (double) seatQuarters / stints, moves);
    }

    /** As the answer rounds its figures. */
    private static double rounded(double retention) {
        return Math.round(retention * 1000) / 1000.0;
    }

    private static List<String> assignments(RotationPlan plan) {
        return plan.seatQuarters().stream().map(SeatQuarter::toString).toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
