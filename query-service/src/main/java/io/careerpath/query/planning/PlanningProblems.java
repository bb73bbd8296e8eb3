package io.careerpath.query.planning;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import io.careerpath.events.AssignmentKind;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.Forbidden;
import io.careerpath.query.api.InvalidInput;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanRequest.RuleWeight;
import io.careerpath.query.planning.PlanRequest.SeatRequest;
import io.careerpath.query.skillmodel.AdminLoadObservation;
import io.careerpath.query.skillmodel.CareerHistory;
import io.careerpath.query.skillmodel.ProposedAssignment;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.security.Caller;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A request made into a planning problem from the platform's own data: the people of the teams the caller may see
 * (the rotation board's rule), what each holds today, and what the skill model predicts for every stint the plan could
 * give them ({@link Member#stintRetention}). The model runs here, before the search, never during it.
 */
@Component
class PlanningProblems {

    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    private final HistoryReads histories;
    private final PeopleAccess people;
    private final SkillModel model;
    private final QueryProperties properties;

    PlanningProblems(HistoryReads histories, PeopleAccess people, SkillModel model, QueryProperties properties) {
        this.histories = histories;
        this.people = people;
        this.model = model;
        this.properties = properties;
    }

    /**
     * The problem, unsolved, with every person's history kept for the answer's figures.
     *
     * @param careers  each member's history as the skill model takes it, by person id
     * @param everyone each member's history with personal data opened (names), by person id
     */
    record Problem(PlanRequest request, LocalDate from, PlanRules rules, RotationPlan plan,
                   Map<String, CareerHistory> careers, Map<String, PersonHistory> everyone) {

        LocalDate quarterEnd(int quarter) {
            return from.plusMonths(3L * (quarter + 1));
        }
    }

    Problem problem(Caller caller, PlanRequest request, LocalDate today) {
        return problem(request, today, members(caller, request.teams(), today), model, properties.adminOverloadPercent());
    }

    /**
     * The problem of these people's histories, once they are read: static, with the model and the overload share
     * given, so that the planner benchmark (the benchmarks module's {@code PlannerMeasurement}, in this package)
     * builds its 200-person organization's problem exactly as a request's is built, without read models.
     *
     * @param everyone each member's history with personal data opened, by person id in the solver's input order
     */
    static Problem problem(PlanRequest request, LocalDate today, Map<String, PersonHistory> everyone, SkillModel model,
                           int adminOverloadPercent) {
        PlanRules rules = new PlanRules(request.horizon(), request.minimumMonths(), request.maxMoves(),
                adminOverloadPercent, model.parameters().rotateBackRetention());
        List<PlannedRole> roles = new ArrayList<>();
        List<Seat> seats = seats(request, roles);
        ConstraintWeightOverrides<HardMediumSoftScore> weights = weights(request.weightOverrides());
        Set<String> saidUnwilling = new HashSet<>(request.unwillingPeople());
        Map<String, CareerHistory> careers = new LinkedHashMap<>();
        List<Member> members = new ArrayList<>();
        everyone.values().forEach(history -> {
            CareerHistory career = history.toCareerHistory();
            careers.put(history.personId(), career);
            members.add(member(model, history, career, today, rules, roles, unwilling(history, saidUnwilling)));
        });
        List<SeatQuarter> seatQuarters = new ArrayList<>();
        for (Seat seat : seats) {
            for (int quarter = seat.firstQuarter(); quarter < seat.firstQuarter() + seat.quarters(); quarter++) {
                seatQuarters.add(new SeatQuarter(seat, quarter, null));
            }
        }
        return new Problem(request, today, rules, new RotationPlan(members, seats, seatQuarters, weights), careers,
                everyone);
    }

    /**
     * The members of the teams the caller may see today, by person id in a stable order (the solver's input order
     * is part of "same input, same plan"). A team the caller may not open is a 403, as for its board.
     */
    private Map<String, PersonHistory> members(Caller caller, List<String> teams, LocalDate today) {
        Map<String, PersonHistory> members = new TreeMap<>();
        for (String teamId : teams) {
            requireMayPlan(caller, teamId);
            List<String> everMembers = histories.team(teamId).everMembers();
            if (everMembers.isEmpty()) {
                throw new NotFound("team-not-found", "No team " + teamId + " is known");
            }
            people.histories(caller, everMembers, new Viewpoint(today, today),
                            history -> history.teamId().filter(teamId::equals).isPresent())
                    .forEach(history -> members.put(history.personId(), history));
        }
        return members;
    }

    /** Plans for a team are the board's: its managers, PMO leads and HR administrators (403 for anyone else). */
    static void requireMayPlan(Caller caller, String teamId) {
        if (!caller.mayAccessTeam(teamId)) {
            throw new Forbidden("team-not-permitted", "Plans for team " + teamId + " are open to its managers, "
                    + "PMO leads and HR administrators only");
        }
    }

    private static List<Seat> seats(PlanRequest request, List<PlannedRole> roles) {
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < request.seats().size(); i++) {
            SeatRequest seat = request.seats().get(i);
            String field = "seats." + i;
            if (seat.kind() == AssignmentKind.DELIVERY) {
                throw new InvalidInput(field + ".kind", "a seat is a PMO or TROUBLED_PROGRAM role: whoever holds no seat delivers");
            }
            if ((seat.kind() == AssignmentKind.PMO) != (seat.pmoType() != null)) {
                throw new InvalidInput(field + ".pmoType", "pmoType is required for a PMO seat and allowed for no other");
            }
            boolean troubled = seat.kind() == AssignmentKind.TROUBLED_PROGRAM;
            int count = Objects.requireNonNullElse(seat.count(), 1);
            if (troubled && count != 1) {
                throw new InvalidInput(field + ".count", "a troubled program is one seat: list each program on its own");
            }
            if (troubled && seat.deliveryResponsibility() != null) {
                throw new InvalidInput(field + ".deliveryResponsibility", "is for PMO seats only");
            }
            int first = Objects.requireNonNullElse(seat.firstQuarter(), 1);
            int quarters = Objects.requireNonNullElse(seat.quarters(), request.horizon() - first + 1);
            if (first > request.horizon() || first + quarters - 1 > request.horizon()) {
                throw new InvalidInput(field + ".quarters", "the seat would be open until quarter " + (first + quarters - 1)
                        + ", beyond the horizon of " + request.horizon() + " quarters");
            }
            PlannedRole role = new PlannedRole(seat.kind(), seat.pmoType(), seat.deliveryResponsibility(),
                    seat.adminLoadPercent(), troubled ? Objects.requireNonNullElse(seat.name(), "of seat " + (i + 1)) : null);
            int roleIndex = roles.indexOf(role);
            if (roleIndex < 0) {
                roles.add(role);
                roleIndex = roles.size() - 1;
            }
            for (int copy = 1; copy <= count; copy++) {
                seats.add(new Seat((i + 1) + "-" + copy, seat.name(), role, roleIndex, first - 1, quarters));
            }
        }
        return seats;
    }

    private static ConstraintWeightOverrides<HardMediumSoftScore> weights(Map<String, RuleWeight> requested) {
        Map<String, HardMediumSoftScore> weights = new LinkedHashMap<>();
        requested.forEach((id, weight) -> {
            if (Rule.byId(id) == null) {
                throw new InvalidInput("weights." + id, "is not a rule; the rules are " + Arrays.stream(Rule.values())
                        .map(Rule::id).collect(Collectors.joining(", ")));
            }
            weights.put(id, switch (weight.level()) {
                case HARD -> HardMediumSoftScore.ofHard(weight.weight());
                case MEDIUM -> HardMediumSoftScore.ofMedium(weight.weight());
                case SOFT -> HardMediumSoftScore.ofSoft(weight.weight());
            });
        });
        return ConstraintWeightOverrides.of(weights);
    }

    /**
     * Whether the person does not want a PMO role: they stated so (their {@code PMO_PREFERENCE_STATED} in force on the
     * history's day, today for a plan), or the request says so for them. The request's list adds to what is recorded,
     * never overrides it: it is for people who told their manager but have no preference recorded yet, and a planner
     * cannot make someone who said no willing by leaving them off it.
     */
    private static boolean unwilling(PersonHistory history, Set<String> saidUnwilling) {
        return saidUnwilling.contains(history.personId())
                || history.willingToJoinPmo().filter(willing -> !willing).isPresent();
    }

    private static Member member(SkillModel model, PersonHistory history, CareerHistory career, LocalDate today,
                                 PlanRules rules, List<PlannedRole> roles, boolean unwilling) {
        Assignment current = history.currentAssignment().orElse(null);
        PlannedRole currentRole = current == null ? null
                : new PlannedRole(current.kind(), current.pmoType(), current.deliveryResponsibility(), null, null);
        double months = current == null ? 0 : ChronoUnit.DAYS.between(current.start(), today) / DAYS_PER_MONTH;
        double load = loadInForce(career, today);
        return new Member(history.personId(), history.teamId().orElse(null), currentRole, months, load, unwilling, rules,
                stintRetention(model, career, today, rules.quarters(), roles, load));
    }

    static double loadInForce(CareerHistory career, LocalDate day) {
        double load = 0;
        for (AdminLoadObservation observation : career.adminLoad()) {
            if (!observation.effectiveDate().isAfter(day)) {
                load = observation.percent();
            }
        }
        return load;
    }

    /**
     * For each kind of seat and each start quarter, the delivery retention at the end of every stint length, from the
     * skill model over the history followed by delivery until the start and the seat's role from then: the same
     * projection as the what-if ({@link CareerHistory#replacedFrom}). Someone with no delivery history has nothing to
     * lose: 1 throughout.
     */
    private static double[][][] stintRetention(SkillModel model, CareerHistory career, LocalDate today, int quarters,
                                               List<PlannedRole> roles, double load) {
        double[][][] table = new double[roles.size()][quarters][];
        boolean deliveryHistory = model.deliveryOutlook(career, today).deliveryHistory();
        for (int role = 0; role < roles.size(); role++) {
            for (int start = 0; start < quarters; start++) {
                double[] byLength = new double[quarters - start];
                Arrays.fill(byLength, 1);
                if (deliveryHistory) {
                    CareerHistory projected = career.replacedFrom(today, stint(roles.get(role), start, quarters, load));
                    for (int length = 1; length <= byLength.length; length++) {
                        byLength[length - 1] = model.deliveryOutlook(projected, today.plusMonths(3L * (start + length)))
                                .deliveryRetention();
                    }
                }
                table[role][start] = byLength;
            }
        }
        return table;
    }

    private static List<ProposedAssignment> stint(PlannedRole role, int start, int quarters, double load) {
        List<ProposedAssignment> plan = new ArrayList<>();
        if (start > 0) {
            plan.add(PlannedRole.DELIVERY.proposal(3 * start, load));
        }
        plan.add(role.proposal(3 * (quarters - start), loadIn(role, load)));
        return plan;
    }

    /**
     * The load a role is planned at: the seat's, else the person's load today. Always explicit, so that delivery after
     * a seat with its own load goes back to the person's; for a first role it equals the what-if's "load in force".
     */
    static double loadIn(PlannedRole role, double loadToday) {
        return role.adminLoadPercent() != null ? role.adminLoadPercent() : loadToday;
    }
}
