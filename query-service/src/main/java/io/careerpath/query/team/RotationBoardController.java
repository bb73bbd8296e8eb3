package io.careerpath.query.team;

import io.careerpath.query.words.NaturalOrder;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Forbidden;
import io.careerpath.query.api.IdPatterns;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryReads.KnownTeam;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanDrift;
import io.careerpath.security.Caller;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manager's view: who in the team is where, since when, how much delivery skill they keep,
 * by when they should rotate back, and who needs attention.
 *
 * <p>Only the members the caller may see are on it (a manager: those whose current team they
 * manage, so someone who moved on disappears from the old team's past boards), and the team
 * aggregates describe exactly those, so that nothing about a hidden member can be worked out from them.
 */
@RestController
@RequestMapping("/api/teams")
class RotationBoardController {

    private final HistoryReads histories;
    private final PeopleAccess people;
    private final MemberFigures figures;
    private final AsOf asOf;
    private final TodaysFigures today;
    private final OffPlan offPlan;

    RotationBoardController(HistoryReads histories, PeopleAccess people, MemberFigures figures, AsOf asOf,
                            TodaysFigures today, OffPlan offPlan) {
        this.histories = histories;
        this.people = people;
        this.figures = figures;
        this.asOf = asOf;
        this.today = today;
        this.offPlan = offPlan;
    }

    enum Flag {
        /** Away from delivery and past, or close to, the rotate-back date: {@link DeliveryVerdict#attention()}. */
        DELIVERY_AT_RISK,
        /**
         * In a PMO or troubled-program role whose latest recorded administrative load, recorded in that role, is at or
         * above the configured share ({@link MemberFigures}).
         */
        ADMIN_OVERLOAD,
        /** Several troubled programs in a row. */
        TROUBLED_PROGRAM_STREAK,
        /** The role recorded differs from the one the person's accepted plan has for now ({@link PlanDrift}). */
        OFF_PLAN
    }

    record CurrentAssignment(AssignmentKind kind, PmoType pmoType, String name, LocalDate since, double months) {
    }

    /**
     * @param deliveryRetention null without delivery history
     * @param deliveryHistory   whether anything in delivery was practised or assessed by the day
     * @param deliveryVerdict   the verdict the career page's delivery figures follow too
     * @param willingToJoinPmo  the person's recorded PMO preference in force on the day; null if they never stated one
     * @param offPlan           how the person has left their accepted plan, if they have (flag {@code OFF_PLAN})
     */
    record Member(String personId, String displayName, CurrentAssignment currentAssignment, Double deliveryRetention,
                  LocalDate rotateBackBy, Double monthsSinceDelivery, Double adminLoadPercent, int troubledProgramStreak,
                  List<Flag> flags, boolean deliveryHistory, DeliveryVerdict deliveryVerdict, Boolean willingToJoinPmo,
                  PlanDrift offPlan) {

        Member offPlan(PlanDrift drift) {
            List<Flag> flagged = new ArrayList<>(flags);
            flagged.add(Flag.OFF_PLAN);
            return new Member(personId, displayName, currentAssignment, deliveryRetention, rotateBackBy,
                    monthsSinceDelivery, adminLoadPercent, troubledProgramStreak, List.copyOf(flagged), deliveryHistory,
                    deliveryVerdict, willingToJoinPmo, drift);
        }
    }

    record Rotation(String personId, String displayName, LocalDate date, AssignmentKind from, AssignmentKind to) {
    }

    record Aggregates(int members, double pmoShare, double medianPmoMonths, int rotationsLastYear) {
    }

    /**
     * @param teamName           what people call the team ({@link HistoryReads#teamName})
     * @param aggregates         null when withheld
     * @param aggregatesWithheld why they were withheld, if they were
     */
    record RotationBoard(String teamId, String teamName, LocalDate asOf, LocalDate knownOn, List<Member> members, List<Rotation> rotationsLastYear,
                         Aggregates aggregates, String aggregatesWithheld) {
    }

    @Operation(summary = "The team's rotation board as of a day (default today)",
            description = "Managers: their managed teams only (403 otherwise), members filtered to those whose current "
                    + "team they manage; PMO leads and HR administrators: every team and member.")
    @GetMapping("/{teamId}/rotation-board")
    RotationBoard rotationBoard(@Parameter(hidden = true) Caller caller,
                                @PathVariable @Pattern(regexp = IdPatterns.TEAM, message = "must be a team id") String teamId,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate knownOn) {
        if (!caller.mayAccessTeam(teamId)) {
            throw new Forbidden("team-not-permitted", "The board of team " + teamId + " is open to its managers, "
                    + "PMO leads and HR administrators only");
        }
        Viewpoint viewpoint = this.asOf.resolve(asOf, knownOn);
        LocalDate day = viewpoint.asOf();
        // today's board (the default) from the figures each instance keeps in memory, the same rows as below
        var fromMemory = today.board(caller, teamId, viewpoint);
        if (fromMemory.isPresent()) {
            return board(teamId, fromMemory.get().teamName(), viewpoint, fromMemory.get().rows());
        }
        KnownTeam team = histories.team(teamId);
        List<String> everMembers = team.everMembers();
        if (everMembers.isEmpty()) {
            throw new NotFound("team-not-found", "No team " + teamId + " is known");
        }
        // who belonged on the day is for each history to say; an empty board is an answer too
        List<BoardRow> rows = people.histories(caller, everMembers, viewpoint,
                        history -> history.teamId().filter(teamId::equals).isPresent()).stream()
                .map(history -> BoardRow.of(figures, history, day))
                .toList();
        return board(teamId, team.teamName(), viewpoint, rows);
    }

    /**
     * One member's part of a board on a day, everything the board needs from their history: their row, their
     * rotations in the year before the day, and their months in a PMO role by the day. Today's rows are kept in
     * memory ({@link TodaysFigures}) and made here too, so that a board from memory and one from the store agree.
     */
    record BoardRow(Member member, List<Rotation> rotations, double pmoMonths) {

        static BoardRow of(MemberFigures figures, PersonHistory history, LocalDate day) {
            return new BoardRow(figures.of(history, day), RotationBoardController.rotations(history, day),
                    history.assignments().stream().filter(a -> a.kind() == AssignmentKind.PMO)
                            .mapToDouble(a -> a.durationMonths(day)).sum());
        }
    }

    /** The board of the rows of the members the caller sees on the day, in whatever order they come. */
    RotationBoard board(String teamId, String teamName, Viewpoint viewpoint, List<BoardRow> rows) {
        LocalDate day = viewpoint.asOf();
        List<BoardRow> members = rows.stream()
                .map(row -> new BoardRow(offPlan.flagged(row.member(), viewpoint), row.rotations(), row.pmoMonths()))
                // names as people read them ("Spine Probe 2" before "Spine Probe 10"); the id keeps namesakes in a stable order
                .sorted(Comparator.comparing((BoardRow row) -> row.member().displayName() == null ? "" : row.member().displayName(),
                                NaturalOrder.NAMES)
                        .thenComparing(row -> row.member().personId()))
                .toList();
        List<Member> board = members.stream().map(BoardRow::member).toList();
        List<Rotation> rotations = members.stream().flatMap(row -> row.rotations().stream())
                .sorted(Comparator.comparing(Rotation::date).reversed())
                .toList();
        String withheld = figures.aggregatesWithheld(members.size(), "Team aggregates");
        if (withheld != null) {
            return new RotationBoard(teamId, teamName, day, viewpoint.knownOn(), board, rotations, null, withheld);
        }
        return new RotationBoard(teamId, teamName, day, viewpoint.knownOn(), board, rotations,
                aggregates(members, board, rotations), null);
    }

    static List<Rotation> rotations(PersonHistory history, LocalDate day) {
        List<Assignment> assignments = history.assignments();
        List<Rotation> rotations = new ArrayList<>();
        for (int i = 1; i < assignments.size(); i++) {
            Assignment from = assignments.get(i - 1);
            Assignment to = assignments.get(i);
            if (to.start().isAfter(day.minusYears(1)) && from.kind() != to.kind()) {
                rotations.add(new Rotation(history.personId(), history.displayName().orElse(null), to.start(),
                        from.kind(), to.kind()));
            }
        }
        return rotations;
    }

    private static Aggregates aggregates(List<BoardRow> members, List<Member> board, List<Rotation> rotations) {
        long inPmo = board.stream().filter(m -> m.currentAssignment() != null
                && m.currentAssignment().kind() == AssignmentKind.PMO).count();
        double[] pmoMonths = members.stream().mapToDouble(BoardRow::pmoMonths).sorted().toArray();
        double median = pmoMonths.length % 2 == 1 ? pmoMonths[pmoMonths.length / 2]
                : (pmoMonths[pmoMonths.length / 2 - 1] + pmoMonths[pmoMonths.length / 2]) / 2;
        return new Aggregates(members.size(), MemberFigures.round((double) inPmo / members.size()),
                MemberFigures.round(median), rotations.size());
    }
}
