package io.careerpath.query.team;

import io.careerpath.events.AssignmentKind;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skillmodel.AdminLoadObservation;
import io.careerpath.query.skillmodel.DeliveryOutlook;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.team.RotationBoardController.CurrentAssignment;
import io.careerpath.query.team.RotationBoardController.Flag;
import io.careerpath.query.team.RotationBoardController.Member;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One person's figures on a day, as every view across people shows them: the rotation board's rows and the
 * attention list are both made here, so that they cannot disagree on a flag, a retention or a rotate-back date.
 * And the one rule for figures about a group: withheld below the minimum size. The daily reminders and the calendar
 * feed take a person's figures from here too ({@link #watched}).
 */
@Component
public class MemberFigures {

    private final SkillModel model;
    private final QueryProperties properties;

    MemberFigures(SkillModel model, QueryProperties properties) {
        this.model = model;
        this.properties = properties;
    }

    Member of(PersonHistory history, LocalDate day) {
        DeliveryOutlook outlook = model.deliveryOutlook(history.toCareerHistory(), day);
        Assignment current = history.currentAssignment().orElse(null);
        List<AdminLoadObservation> loads = history.adminLoad();
        Double adminLoad = loads.isEmpty() ? null : loads.get(loads.size() - 1).percent();
        List<Assignment> assignments = history.assignments();
        boolean adminOverload = currentlyOverloaded(assignments, loads, day);
        int streak = troubledStreak(assignments);
        LocalDate rotateBackBy = outlook.rotateBackBy().orElse(null);
        DeliveryVerdict verdict = DeliveryVerdict.of(outlook.deliveryHistory(), outlook.delivering(),
                outlook.deliveryRetention(), outlook.rotateBackBy(), day, model.parameters().rotateBackRetention(),
                properties.rotateBackWarningMonths());
        List<Flag> flags = new ArrayList<>();
        if (verdict.attention()) {
            flags.add(Flag.DELIVERY_AT_RISK);
        }
        if (adminOverload) {
            flags.add(Flag.ADMIN_OVERLOAD);
        }
        if (streak >= properties.troubledProgramStreak()) {
            flags.add(Flag.TROUBLED_PROGRAM_STREAK);
        }
        return new Member(history.personId(), history.displayName().orElse(null),
                current == null ? null : new CurrentAssignment(current.kind(), current.pmoType(), current.name(),
                        current.start(), current.durationMonths(day)),
                outlook.deliveryHistory() ? round(outlook.deliveryRetention()) : null, rotateBackBy,
                outlook.monthsSinceLastDelivery().isPresent() ? round(outlook.monthsSinceLastDelivery().getAsDouble()) : null,
                adminLoad, streak, flags, outlook.deliveryHistory(), verdict,
                history.willingToJoinPmo().orElse(null), null);
    }

    /**
     * What the daily reminders watch (issue 16), computed by {@link #of} like the board's row, so that a reminder
     * and the board cannot disagree. Needs no personal data: the history may stay sealed.
     */
    public Watched watched(PersonHistory history, LocalDate day) {
        Member member = of(history, day);
        return new Watched(member.deliveryVerdict(), member.rotateBackBy(), member.deliveryRetention(),
                member.adminLoadPercent(), member.troubledProgramStreak(),
                member.flags().contains(Flag.ADMIN_OVERLOAD), member.flags().contains(Flag.TROUBLED_PROGRAM_STREAK));
    }

    /**
     * One person's figures the reminders watch: the board's verdict and flags, and the numbers behind them.
     *
     * @param adminOverload         the board's {@code ADMIN_OVERLOAD} flag
     * @param troubledProgramStreak the board's {@code TROUBLED_PROGRAM_STREAK} flag
     */
    public record Watched(DeliveryVerdict verdict, LocalDate rotateBackBy, Double deliveryRetention,
                          Double adminLoadPercent, int troubledStreak, boolean adminOverload,
                          boolean troubledProgramStreak) {
    }

    /**
     * Why figures about a group of this many people are withheld, or null when they may be shown: below the
     * minimum size they could single someone out.
     */
    String aggregatesWithheld(int people, String whose) {
        if (people >= properties.minimumAggregateSize()) {
            return null;
        }
        return whose + " would describe " + (people == 1 ? "1 person" : people + " people") + ", fewer than "
                + properties.minimumAggregateSize() + ", and are withheld so that they cannot single anyone out.";
    }

    /**
     * The overload flag describes the present: the person holds a PMO or troubled-program role on {@code day} (the
     * roles that are not delivery), and the latest administrative load recorded on or before {@code day} is at or
     * above the overload share and was recorded within that role (on or after its start). A load recorded in a role
     * the person has left, or before the current one began, says nothing about their work now; a delivery role is
     * never flagged, since the flag stands for the article's concern that PMO work turns administrative.
     */
    private boolean currentlyOverloaded(List<Assignment> assignments, List<AdminLoadObservation> loads, LocalDate day) {
        Assignment holding = assignments.stream()
                .filter(a -> !a.start().isAfter(day) && (a.ongoing() || a.end().isAfter(day)))
                .reduce((earlier, later) -> later)
                .orElse(null);
        if (holding == null || holding.kind() == AssignmentKind.DELIVERY) {
            return false;
        }
        AdminLoadObservation latest = loads.stream()
                .filter(load -> !load.effectiveDate().isAfter(day))
                .reduce((earlier, later) -> later)
                .orElse(null);
        return latest != null && !latest.effectiveDate().isBefore(holding.start())
                && latest.percent() >= properties.adminOverloadPercent();
    }

    /** Troubled programs taken one after another, counting back from the latest assignment. */
    private static int troubledStreak(List<Assignment> assignments) {
        int streak = 0;
        for (int i = assignments.size() - 1; i >= 0 && assignments.get(i).kind() == AssignmentKind.TROUBLED_PROGRAM; i--) {
            streak++;
        }
        return streak;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
