package io.careerpath.query.skillmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the model knows about one person, ordered by effective date.
 *
 * <p>The lists are copied and sorted by date; the sort is stable, so entries on the same date keep
 * their given order, and the later of two same-day load observations (or of two same-day
 * assessments of one skill) wins. Pass them in recording order.
 *
 * @param assignments the roles held, in any order; they may leave gaps (no practice) or overlap
 * @param adminLoad   administrative-load observations
 * @param assessments observed skill levels
 */
public record CareerHistory(
        List<AssignmentPeriod> assignments,
        List<AdminLoadObservation> adminLoad,
        List<SkillAssessment> assessments) {

    public CareerHistory {
        assignments = sorted(assignments, "assignments", Comparator.comparing(AssignmentPeriod::start));
        adminLoad = sorted(adminLoad, "adminLoad", Comparator.comparing(AdminLoadObservation::effectiveDate));
        assessments = sorted(assessments, "assessments", Comparator.comparing(SkillAssessment::date));
    }

    public static CareerHistory empty() {
        return new CareerHistory(List.of(), List.of(), List.of());
    }

    /** The earliest date anything is known about, or {@code null} for an empty history. */
    LocalDate firstDate() {
        LocalDate first = null;
        if (!assignments.isEmpty()) {
            first = assignments.get(0).start();
        }
        if (!adminLoad.isEmpty()) {
            first = earlier(first, adminLoad.get(0).effectiveDate());
        }
        if (!assessments.isEmpty()) {
            first = earlier(first, assessments.get(0).date());
        }
        return first;
    }

    /**
     * The history as known up to {@code from}, followed by the proposed roles back to back from {@code from}: roles
     * held at {@code from} end there and later entries are dropped. The k-th role starts {@code from} plus the months
     * of the roles before it (counted from {@code from}, so that month ends do not drift); a role's load, if not
     * null, holds from its start, otherwise the load in force goes on. The what-if projects one role this way, the
     * rotation planner a person's whole plan, so that both give the same numbers for the same role.
     */
    public CareerHistory replacedFrom(LocalDate from, List<ProposedAssignment> proposed) {
        Objects.requireNonNull(from, "from");
        List<AssignmentPeriod> keptAssignments = new ArrayList<>();
        for (AssignmentPeriod a : assignments) {
            if (a.start().isBefore(from)) {
                boolean endsLater = a.end() == null || a.end().isAfter(from);
                keptAssignments.add(endsLater
                        ? new AssignmentPeriod(a.start(), from, a.kind(), a.pmoType(), a.deliveryResponsibility())
                        : a);
            }
        }
        List<AdminLoadObservation> keptLoad = new ArrayList<>();
        for (AdminLoadObservation o : adminLoad) {
            if (!o.effectiveDate().isAfter(from)) {
                keptLoad.add(o);
            }
        }
        int months = 0;
        for (ProposedAssignment role : proposed) {
            LocalDate start = from.plusMonths(months);
            months += role.months();
            keptAssignments.add(new AssignmentPeriod(start, from.plusMonths(months), role.kind(), role.pmoType(),
                    role.deliveryResponsibility()));
            if (role.adminLoadPercent() != null) {
                keptLoad.add(new AdminLoadObservation(start, role.adminLoadPercent()));
            }
        }
        List<SkillAssessment> keptAssessments = new ArrayList<>();
        for (SkillAssessment s : assessments) {
            if (!s.date().isAfter(from)) {
                keptAssessments.add(s);
            }
        }
        return new CareerHistory(keptAssignments, keptLoad, keptAssessments);
    }

    private static <T> List<T> sorted(List<T> entries, String name, Comparator<T> byDate) {
        Objects.requireNonNull(entries, name);
        List<T> copy = new ArrayList<>(entries);
        copy.forEach(e -> Objects.requireNonNull(e, () -> name + " contains null"));
        copy.sort(byDate); // List.sort is stable
        return List.copyOf(copy);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
