package io.careerpath.query.planning;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanAnswer.PersonPlan;
import io.careerpath.query.planning.PlanAnswer.Quarter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where what is recorded has left an accepted plan. A day fits the plan when the role recorded that day is the one
 * the plan has for its quarter, or, within the grace ({@link PlanningProperties#driftGrace}) of a quarter's start,
 * the role of the quarter on the other side of it (a planned move recorded a little late or early). Holding no role
 * counts as delivery, as in the plan, where whoever holds no seat delivers.
 *
 * <p>For the boards and the attention list, a person's plan is the latest accepted plan naming them that covers the
 * day and was accepted by the day the view is known on: a re-solved plan, once accepted, takes over from the one it
 * re-solved. Each instance keeps every accepted plan's schedules in memory (plans are few and small), read again every
 * {@link PlanningProperties#plansRefresh} and at once when this instance accepts or changes one.
 */
@Component
public class PlanDrifts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlanDrifts.class);

    private final AcceptedPlans accepted;
    private final PlanningProperties properties;
    private final long graceDays;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "accepted-plans-refresh");
        thread.setDaemon(true);
        return thread;
    });
    /** By person id, the latest accepted first. */
    private volatile Map<String, List<Course>> courses = Map.of();

    PlanDrifts(AcceptedPlans accepted, PlanningProperties properties) {
        this.accepted = accepted;
        this.properties = properties;
        this.graceDays = properties.driftGrace().toDays();
    }

    /** Reads the plans at once and then every {@code plans-refresh} (0: only when this instance changes them). */
    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = properties.plansRefresh().toMillis();
        if (every > 0) {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Accepted plans not read now, trying again in {}: {}", properties.plansRefresh(), e.toString());
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** Reads every accepted plan again; one read at a time, so that an earlier read never replaces a later one. */
    synchronized void refresh() {
        Map<String, List<Course>> read = new HashMap<>();
        accepted.forEach(plan -> plan.people().forEach(person ->
                read.computeIfAbsent(person.personId(), id -> new ArrayList<>()).add(Course.of(plan, person))));
        read.values().forEach(list -> list.sort(Comparator.comparing(Course::acceptedOn).reversed()
                .thenComparing(Course::planId)));
        courses = read;
    }

    /**
     * The drift going on on {@code day} for someone who holds the given role since {@code since} (kind null: no role),
     * against their plan as known on {@code knownOn}; empty when they are on plan or in no plan covering the day.
     */
    public Optional<PlanDrift> ongoing(String personId, AssignmentKind kind, PmoType pmoType, LocalDate since,
                                       LocalDate day, LocalDate knownOn) {
        List<Course> theirs = courses.get(personId);
        if (theirs == null) {
            return Optional.empty();
        }
        Role now = new Role(kind, pmoType);
        for (Course course : theirs) {
            if (!course.acceptedOn().isAfter(knownOn) && course.quarterOf(day) >= 0) {
                if (course.fits(now, day, graceDays)) {
                    return Optional.empty();
                }
                LocalDate first = since == null || since.isBefore(course.from()) ? course.from() : since;
                List<PlanDrift> drifts = course.drifts(personId, first, day, day, anyDay -> now, graceDays);
                return drifts.isEmpty() ? Optional.empty() : Optional.of(drifts.get(drifts.size() - 1));
            }
        }
        return Optional.empty();
    }

    /** Every drift of the person from this plan, from its first day to {@code today} or its end, whichever is first. */
    List<PlanDrift> of(PlanAnswer plan, PersonPlan person, PersonHistory history, LocalDate today) {
        Course course = Course.of(plan, person);
        LocalDate last = today.isBefore(course.end()) ? today : course.end().minusDays(1);
        List<Assignment> assignments = history.assignments();
        return course.drifts(person.personId(), course.from(), last, today, day -> recorded(assignments, day), graceDays);
    }

    private static Role recorded(List<Assignment> assignments, LocalDate day) {
        Assignment holding = null;
        for (Assignment assignment : assignments) {
            if (!assignment.start().isAfter(day) && (assignment.ongoing() || assignment.end().isAfter(day))) {
                holding = assignment;
            }
        }
        return holding == null ? Role.NONE : new Role(holding.kind(), holding.pmoType());
    }

    /** A role as plans and records name it; a null kind is no role. */
    private record Role(AssignmentKind kind, PmoType pmoType) {

        static final Role NONE = new Role(null, null);

        /** The same role for the plan: no role counts as delivery, and a PMO role is of one type. */
        boolean sameAs(Role other) {
            AssignmentKind mine = kind == null ? AssignmentKind.DELIVERY : kind;
            AssignmentKind theirs = other.kind == null ? AssignmentKind.DELIVERY : other.kind;
            return mine == theirs && (mine != AssignmentKind.PMO || pmoType == other.pmoType);
        }

        String inWords() {
            if (kind == null) {
                return "no role";
            }
            return switch (kind) {
                case DELIVERY -> "delivery";
                case PMO -> pmoType == null ? "a PMO role" : pmoType.name().toLowerCase(java.util.Locale.ROOT) + " PMO";
                case TROUBLED_PROGRAM -> "a troubled program";
            };
        }
    }

    /**
     * One person's roles in one accepted plan, quarter by quarter.
     *
     * @param atAcceptance what they held when the plan was made (quarter 1 starts that day)
     */
    private record Course(String planId, LocalDate acceptedOn, List<Quarter> quarters, Role atAcceptance,
                          List<Role> planned) {

        static Course of(PlanAnswer plan, PersonPlan person) {
            return new Course(plan.id(), plan.acceptedAt() == null ? plan.from()
                    : plan.acceptedAt().atZone(ZoneOffset.UTC).toLocalDate(), plan.quarters(),
                    person.current() == null ? Role.NONE : new Role(person.current().kind(), person.current().pmoType()),
                    person.schedule().stream().map(quarter -> new Role(quarter.kind(), quarter.pmoType())).toList());
        }

        LocalDate from() {
            return quarters.get(0).start();
        }

        /** The day after the plan's last quarter. */
        LocalDate end() {
            return quarters.get(quarters.size() - 1).end();
        }

        /** The quarter (0-based) the day falls in; -1 outside the plan. */
        int quarterOf(LocalDate day) {
            for (int quarter = 0; quarter < quarters.size(); quarter++) {
                if (!day.isBefore(quarters.get(quarter).start()) && day.isBefore(quarters.get(quarter).end())) {
                    return quarter;
                }
            }
            return -1;
        }

        Role planned(int quarter) {
            return quarter < 0 ? atAcceptance : planned.get(quarter);
        }

        boolean fits(Role recorded, LocalDate day, long graceDays) {
            int quarter = quarterOf(day);
            if (recorded.sameAs(planned(quarter))) {
                return true;
            }
            boolean justStarted = day.isBefore(quarters.get(quarter).start().plusDays(graceDays));
            boolean aboutToEnd = !day.isBefore(quarters.get(quarter).end().minusDays(graceDays));
            return justStarted && recorded.sameAs(planned(quarter - 1))
                    || aboutToEnd && quarter + 1 < planned.size() && recorded.sameAs(planned(quarter + 1));
        }

        /**
         * The runs of days from {@code first} to {@code last} that do not fit, one drift per run of one planned and one
         * recorded role; a run that reaches {@code today} goes on.
         */
        List<PlanDrift> drifts(String personId, LocalDate first, LocalDate last, LocalDate today,
                               Function<LocalDate, Role> recorded, long graceDays) {
            List<PlanDrift> drifts = new ArrayList<>();
            LocalDate runStart = null;
            Role runPlanned = null;
            Role runRecorded = null;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                Role held = recorded.apply(day);
                boolean fits = fits(held, day, graceDays);
                Role plannedThen = planned(quarterOf(day));
                if (runStart != null && (fits || !held.equals(runRecorded) || !plannedThen.equals(runPlanned))) {
                    drifts.add(drift(personId, runStart, day.minusDays(1), today, runPlanned, runRecorded));
                    runStart = null;
                }
                if (!fits && runStart == null) {
                    runStart = day;
                    runPlanned = plannedThen;
                    runRecorded = held;
                }
            }
            if (runStart != null) {
                drifts.add(drift(personId, runStart, last, today, runPlanned, runRecorded));
            }
            return drifts;
        }

        private PlanDrift drift(String personId, LocalDate from, LocalDate until, LocalDate today, Role planned,
                                Role recorded) {
            boolean goesOn = !until.isBefore(today);
            String held = recorded.kind() == null ? "No role is recorded" : capitalized(recorded.inWords())
                    + " is recorded";
            String when = goesOn ? "since " + from : "from " + from + " to " + until;
            String detail = "%s %s, where the plan has %s in quarter %d".formatted(held, when, planned.inWords(),
                    quarterOf(from) + 1);
            return new PlanDrift(planId, personId, from, goesOn ? null : until, planned.kind(), planned.pmoType(),
                    recorded.kind(), recorded.pmoType(), detail);
        }

        private static String capitalized(String words) {
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }
}
