package io.careerpath.query.planning;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.InvalidInput;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanAnswer.SeatAssignment;
import io.careerpath.query.planning.PlanningProblems.Problem;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rotation planner's API: a plan for seats over the coming quarters (records nothing), accepting a plan (saved as
 * a plan, never as career events), and reading a saved one. Permissions are the rotation board's: every team named
 * must be one the caller may open, and only the members the caller may see are planned or shown.
 */
@RestController
@RequestMapping("/api/plans")
class PlanningController {

    private static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private final PlanningProblems problems;
    private final RotationPlanner planner;
    private final PlanAnswers answers;
    private final AcceptedPlans accepted;
    private final PlanDrifts drifts;
    private final PeopleAccess people;
    private final AsOf asOf;
    private final Clock clock;

    PlanningController(PlanningProblems problems, RotationPlanner planner, PlanAnswers answers, AcceptedPlans accepted,
                       PlanDrifts drifts, PeopleAccess people, AsOf asOf, Clock clock) {
        this.problems = problems;
        this.planner = planner;
        this.answers = answers;
        this.accepted = accepted;
        this.drifts = drifts;
        this.people = people;
        this.asOf = asOf;
        this.clock = clock;
    }

    @Operation(summary = "Plan who holds which PMO and troubled-program seat in each coming quarter; records nothing",
            description = "Managers: their managed teams only (403 otherwise), members as on their board; PMO leads and "
                    + "HR administrators: any team. The answer gives each person's schedule, predicted delivery retention "
                    + "per quarter beside the current trajectory, the score, and every rule broken, in words.")
    @PostMapping
    PlanAnswer plan(@Parameter(hidden = true) Caller caller, @Valid @RequestBody PlanRequest request) {
        return solve(caller, request);
    }

    private PlanAnswer solve(Caller caller, PlanRequest request) {
        Problem problem = problems.problem(caller, request, asOf.today());
        RotationPlanner.Solved solved = planner.solve(problem.plan(), request.randomSeed(),
                Duration.ofSeconds(request.timeLimit()));
        return answers.answer(problem, solved.plan(), planner.explain(solved.plan()), solved.cutShortByTimeLimit())
                .seenBy(names(problem));
    }

    @Schema(description = "One of the planner's rules with its default weight, as a request's weights state it")
    record RuleDefault(@Schema(example = "minimum-months-in-role") String rule, String description,
                       PlanRequest.RuleWeight weight) {
    }

    @Operation(summary = "The planner's rules and their default weights",
            description = "What a request's weights may change, by rule id (the planning page's form lists them before "
                    + "anything is planned); every answer lists the same rules with the weights it was scored with.")
    @GetMapping("/rules")
    List<RuleDefault> rules() {
        return Arrays.stream(Rule.values())
                .map(rule -> new RuleDefault(rule.id(), rule.description(), rule.defaultRequestWeight()))
                .toList();
    }

    @Schema(description = "A plan to accept: its problem, and who holds each seat when (a plan's assignments, as answered "
            + "or changed by hand); the plan is scored and explained again, then saved")
    record AcceptRequest(@NotNull @Valid PlanRequest problem,
                         @NotNull @Size(max = 5000) List<@NotNull @Valid SeatAssignment> assignments) {
    }

    @Operation(summary = "Accept a plan: saved as a plan (intent), never as career events",
            description = "Same permissions as POST /api/plans. The assignments are checked against the problem, the plan "
                    + "scored and explained again; answers 201 with the saved plan and its address.")
    @PostMapping("/accepted")
    ResponseEntity<PlanAnswer> accept(@Parameter(hidden = true) Caller caller, @Valid @RequestBody AcceptRequest request) {
        Problem problem = problems.problem(caller, request.problem(), asOf.today());
        assign(problem.plan(), request.assignments());
        ScoreAnalysis<HardMediumSoftScore> analysis = planner.explain(problem.plan());
        PlanAnswer plan = answers.answer(problem, problem.plan(), analysis, false)
                .accepted(UUID.randomUUID().toString(), clock.instant(), caller.recorder());
        accepted.save(plan);
        drifts.refresh();
        return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).body(plan.seenBy(names(problem)));
    }

    @Operation(summary = "A saved plan, with where what is recorded has left it",
            description = "Open to whoever may open the board of every team it plans; people the caller may no longer see "
                    + "are left out. Each drift is a stretch of days in which a person's recorded role differs from the "
                    + "plan's (a planned move recorded within careerpath.planning.drift-grace of its quarter's start fits).")
    @GetMapping("/{planId}")
    PlanAnswer saved(@Parameter(hidden = true) Caller caller,
                     @PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a plan id (UUID)") String planId) {
        PlanAnswer plan = savedPlan(caller, planId);
        LocalDate today = asOf.today();
        Map<String, String> visible = new HashMap<>();
        List<PlanDrift> drift = new ArrayList<>();
        Map<String, PlanAnswer.PersonPlan> planned = new HashMap<>();
        plan.people().forEach(person -> planned.put(person.personId(), person));
        for (PersonHistory history : people.histories(caller, List.copyOf(planned.keySet()), new Viewpoint(today, today),
                history -> true)) {
            visible.put(history.personId(), history.displayName().orElse(null));
            drift.addAll(drifts.of(plan, planned.get(history.personId()), history, today));
        }
        drift.sort(Comparator.comparing(PlanDrift::from).thenComparing(PlanDrift::personId));
        return plan.withDrift(drift).seenBy(visible);
    }

    @Operation(summary = "Re-solve a saved plan from today; records nothing",
            description = "The plan's problem from today on: the quarters ended are dropped, the quarter under way becomes "
                    + "quarter 1, each seat keeps the quarters it has left, and who holds what is read as recorded today. "
                    + "Same permissions as POST /api/plans; accept the answer to make it the plan the boards compare with. "
                    + "409 when the plan's horizon or all its seats have ended.")
    @PostMapping("/{planId}/re-solve")
    PlanAnswer reSolve(@Parameter(hidden = true) Caller caller,
                       @PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a plan id (UUID)") String planId) {
        return solve(caller, savedPlan(caller, planId).problemFrom(asOf.today()));
    }

    private PlanAnswer savedPlan(Caller caller, String planId) {
        PlanAnswer plan = accepted.find(planId)
                .orElseThrow(() -> new NotFound("plan-not-found", "No saved plan " + planId));
        plan.teams().forEach(teamId -> PlanningProblems.requireMayPlan(caller, teamId));
        return plan;
    }

    /** Puts the given assignments on the problem's seat-quarters; each must name a seat, quarter and member of it. */
    private static void assign(RotationPlan plan, List<SeatAssignment> assignments) {
        Map<String, SeatQuarter> seatQuarters = new HashMap<>();
        plan.seatQuarters().forEach(seatQuarter -> seatQuarters.put(seatQuarter.id(), seatQuarter));
        Map<String, Member> members = new HashMap<>();
        plan.members().forEach(member -> members.put(member.id(), member));
        Set<String> assigned = new HashSet<>();
        for (int i = 0; i < assignments.size(); i++) {
            SeatAssignment assignment = assignments.get(i);
            String field = "assignments." + i;
            SeatQuarter seatQuarter = seatQuarters.get(assignment.seatId() + "@" + (assignment.quarter() - 1));
            if (seatQuarter == null) {
                throw new InvalidInput(field, "no seat " + assignment.seatId() + " is open in quarter " + assignment.quarter());
            }
            if (!assigned.add(seatQuarter.id())) {
                throw new InvalidInput(field, "seat " + assignment.seatId() + " is given twice in quarter "
                        + assignment.quarter());
            }
            Member member = members.get(assignment.personId().toLowerCase(java.util.Locale.ROOT));
            if (member == null) {
                throw new InvalidInput(field + ".personId", "is not one of the people of the teams planned whom you may see");
            }
            seatQuarter.assign(member);
        }
    }

    private static Map<String, String> names(Problem problem) {
        Map<String, String> names = new HashMap<>();
        problem.everyone().forEach((personId, history) -> names.put(personId, history.displayName().orElse(null)));
        return names;
    }
}
