package io.careerpath.command.person.domain;

import static io.careerpath.command.person.domain.CareerRule.ASSIGNMENT_ALREADY_ENDED;
import static io.careerpath.command.person.domain.CareerRule.ASSIGNMENT_OVERLAP;
import static io.careerpath.command.person.domain.CareerRule.EVENT_ALREADY_RETRACTED;
import static io.careerpath.command.person.domain.CareerRule.EVENT_NOT_RETRACTABLE;
import static io.careerpath.command.person.domain.CareerRule.INVALID_OUTCOME;
import static io.careerpath.command.person.domain.CareerRule.NO_ASSIGNMENT_TO_END;
import static io.careerpath.command.person.domain.CareerRule.REGAIN_WHILE_DELIVERING;
import static io.careerpath.command.person.domain.CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY;
import static io.careerpath.command.person.domain.CareerRule.RETRACTED_EVENT_NOT_FOUND;

import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.AssignmentStarted;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.RegainedDeliveryRole;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One person's career as the recording rules see it: the primary assignments in effective-date
 * order, and what each recorded event is, for retractions. Plain Java: the {@link Person} aggregate
 * feeds it every applied event and asks it what recording something means.
 *
 * <p><b>The assignment model.</b> An assignment begins with an {@link AssignmentStarted} event and
 * lasts until an explicit {@link AssignmentEnded}, or else until the next assignment begins, or else
 * it is still held. Its end is exclusive (the first day it is no longer held). When a new assignment
 * begins while the latest one is still held, that one ends on the new one's effective date, and the
 * platform records that end as an {@code AssignmentEnded} naming the new one in {@code supersededBy}.
 *
 * <p><b>Recording late and out of order.</b> A decision is checked by applying its events to a copy
 * and validating the whole resulting history, so an event is accepted exactly when the history stays
 * consistent, wherever in time it lands:
 * <ul>
 *   <li>an assignment may begin before every recorded one, or in a gap left by an explicit end: it
 *       then lasts until the next one begins (a delivery role recorded after the PMO role that followed
 *       it ends where the PMO role begins);</li>
 *   <li>it may not begin inside a period already covered, nor on the day another one begins;</li>
 *   <li>a late event that would make an already recorded one wrong (a delivery role inserted right
 *       before a "regained" one, a retraction that leaves a "regained" one without a prior delivery
 *       role) is refused, naming the event it would break.</li>
 * </ul>
 */
final class CareerRulebook {

    /** {@link CareerEvent#typeOf} once per class: it is asked for every event applied (a bulk import applies many). */
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return CareerEvent.typeOf(type.asSubclass(CareerEvent.class));
        }
    };
    private static final String REGAINED = CareerEvent.typeOf(RegainedDeliveryRole.class);
    private static final String REGISTERED = CareerEvent.typeOf(PersonRegistered.class);
    private static final String RETRACTION = CareerEvent.typeOf(EventRetracted.class);
    private static final String ENDED = CareerEvent.typeOf(AssignmentEnded.class);
    private static final Set<AssignmentOutcome> TROUBLED_PROGRAM_OUTCOMES =
            EnumSet.of(AssignmentOutcome.RESCUED, AssignmentOutcome.CANCELLED, AssignmentOutcome.HANDED_OVER);

    /** A primary assignment still in the history (its start not retracted). */
    private record Assignment(String eventId, String type, AssignmentKind kind, LocalDate start,
                              String endEventId, LocalDate explicitEnd,
                              String automaticEndEventId) {

        Assignment endedExplicitly(String endEvent, LocalDate day) {
            return new Assignment(eventId, type, kind, start, endEvent, day, automaticEndEventId);
        }

        Assignment endedAutomatically(String endEvent) {
            return new Assignment(eventId, type, kind, start, endEventId, explicitEnd, endEvent);
        }

        Assignment withoutEnd(String endEvent) {
            return new Assignment(eventId, type, kind, start,
                    endEvent.equals(endEventId) ? null : endEventId,
                    endEvent.equals(endEventId) ? null : explicitEnd,
                    endEvent.equals(automaticEndEventId) ? null : automaticEndEventId);
        }

        String describe() {
            return type + " of " + start + " (event " + eventId + ")";
        }
    }

    /** What the rules need to know of any recorded event. */
    private record Recorded(String type, String endedAssignment, String supersededBy, boolean retracted) {

        Recorded asRetracted() {
            return new Recorded(type, endedAssignment, supersededBy, true);
        }
    }

    private final NavigableMap<LocalDate, Assignment> assignmentsByStart;
    private final Map<String, Assignment> assignmentsByEvent;
    private final Map<String, Recorded> recorded;

    CareerRulebook() {
        this(new TreeMap<>(), new HashMap<>(), new HashMap<>());
    }

    private CareerRulebook(NavigableMap<LocalDate, Assignment> assignmentsByStart, Map<String, Assignment> assignmentsByEvent,
                   Map<String, Recorded> recorded) {
        this.assignmentsByStart = assignmentsByStart;
        this.assignmentsByEvent = assignmentsByEvent;
        this.recorded = recorded;
    }

    /** Whether the history has an event with this id (recorded, or retracted since). */
    boolean knows(String eventId) {
        return recorded.containsKey(eventId);
    }

    // ---- what recording something means ----

    /** Begin an assignment; ends the one still held, if any, on the new one's effective date. */
    List<CareerEvent> start(AssignmentStarted started, Recording recording) {
        LocalDate day = started.effectiveDate();
        String type = TYPES.get(started.getClass());
        Assignment sameDay = assignmentsByStart.get(day);
        if (sameDay != null) {
            throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, sameDay.eventId(), "The " + sameDay.describe()
                    + " already begins on " + day + ": a person holds one primary assignment at a time. Retract it"
                    + " first if this " + type + " replaces it.");
        }
        List<CareerEvent> events = new ArrayList<>();
        Assignment previous = before(day);
        if (previous != null) {
            LocalDate previousEnd = endOf(previous);
            if (previousEnd == null) {
                events.add(new AssignmentEnded(started.personId(), recording.consequenceId(1), day,
                        started.recordedBy(), started.recordedAt(), previous.eventId(), previous.kind(), null,
                        started.eventId()));
            } else if (previousEnd.isAfter(day)) {
                throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, previous.eventId(), day + " falls inside the "
                        + previous.describe() + ", which lasts until " + previousEnd + ": a second assignment cannot"
                        + " begin inside a period already covered. Record when that one ended (ASSIGNMENT_ENDED)"
                        + " first, or retract it.");
            }
        }
        events.add(started);
        return checked(events, started.eventId());
    }

    /** End the assignment held on the recording's effective date. */
    List<CareerEvent> end(String personId, LocalDate day, Recording recording, AssignmentOutcome outcome) {
        Assignment held = before(day);
        if (held == null) {
            throw CareerRuleViolation.onField(NO_ASSIGNMENT_TO_END, "effectiveDate", "No assignment began before "
                    + day + ", so there is none to end then.");
        }
        if (held.explicitEnd() != null) {
            if (held.explicitEnd().isBefore(day)) {
                throw CareerRuleViolation.involving(NO_ASSIGNMENT_TO_END, held.endEventId(), "The latest assignment"
                        + " before " + day + ", the " + held.describe() + ", already ended on " + held.explicitEnd()
                        + ": none is held on " + day + ".");
            }
            throw CareerRuleViolation.involving(ASSIGNMENT_ALREADY_ENDED, held.endEventId(), "The "
                    + held.describe() + " already ended on " + held.explicitEnd() + " (event " + held.endEventId()
                    + "). To record a different end, retract that one first.");
        }
        checkOutcome(held, outcome);
        List<CareerEvent> events = new ArrayList<>();
        if (held.automaticEndEventId() != null) {
            // the end the next assignment implied gives way to the end somebody actually recorded
            events.add(new EventRetracted(personId, recording.consequenceId(1), day, recording.recordedBy(),
                    recording.recordedAt(), held.automaticEndEventId(), ENDED,
                    "Replaced by the end recorded in event " + recording.eventId()));
        }
        events.add(new AssignmentEnded(personId, recording.eventId(), day, recording.recordedBy(),
                recording.recordedAt(), held.eventId(), held.kind(), outcome, null));
        return checked(events, recording.eventId());
    }

    /** Take an event back, with what followed from it. */
    List<CareerEvent> retract(String personId, LocalDate day, Recording recording, String targetId, String reason) {
        Recorded target = recorded.get(targetId);
        if (target == null) {
            throw CareerRuleViolation.onField(RETRACTED_EVENT_NOT_FOUND, "eventId", "This person's history has no"
                    + " event " + targetId + ".");
        }
        if (target.retracted()) {
            throw CareerRuleViolation.involving(EVENT_ALREADY_RETRACTED, targetId, "The " + target.type()
                    + " event " + targetId + " is already retracted.");
        }
        if (target.type().equals(REGISTERED)) {
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "A registration cannot be"
                    + " retracted: correct the team with TEAM_CHANGED; erasing a person is a separate process.");
        }
        if (target.type().equals(RETRACTION)) {
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "A retraction cannot be"
                    + " retracted: record the event again instead.");
        }
        if (target.supersededBy() != null) {
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "This end follows from the"
                    + " assignment that began after it (event " + target.supersededBy() + "): retract that one,"
                    + " or record the real end with ASSIGNMENT_ENDED, which replaces this one.");
        }
        List<CareerEvent> events = new ArrayList<>();
        events.add(new EventRetracted(personId, recording.eventId(), day, recording.recordedBy(),
                recording.recordedAt(), targetId, target.type(), reason));
        Assignment retracted = assignmentsByEvent.get(targetId);
        if (retracted != null) {
            String because = "Ended the " + retracted.describe() + ", which event " + recording.eventId() + " retracted";
            for (String end : new String[] {retracted.endEventId(), retracted.automaticEndEventId()}) {
                if (end != null) {
                    events.add(new EventRetracted(personId, recording.consequenceId(events.size()), day,
                            recording.recordedBy(), recording.recordedAt(), end, ENDED, because));
                }
            }
            // the assignment before it ended only because this one began: it now lasts until the next
            Assignment previous = before(retracted.start());
            if (previous != null && previous.automaticEndEventId() != null
                    && targetId.equals(recorded.get(previous.automaticEndEventId()).supersededBy())) {
                events.add(new EventRetracted(personId, recording.consequenceId(events.size()), day,
                        recording.recordedBy(), recording.recordedAt(), previous.automaticEndEventId(), ENDED,
                        "Followed from the " + retracted.describe() + ", which event " + recording.eventId()
                                + " retracted"));
            }
        }
        return checked(events, recording.eventId());
    }

    // ---- what has been recorded ----

    /** Follows every applied event, in order. Tolerant: the history it is fed was checked when recorded. */
    void apply(CareerEvent event) {
        String type = TYPES.get(event.getClass());
        if (event instanceof AssignmentStarted started) {
            put(new Assignment(started.eventId(), type, started.assignmentKind(), started.effectiveDate(),
                    null, null, null));
            recorded.put(event.eventId(), new Recorded(type, null, null, false));
        } else if (event instanceof AssignmentEnded ended) {
            Assignment assignment = assignmentsByEvent.get(ended.assignmentEventId());
            if (assignment != null) {
                put(ended.supersededBy() == null
                        ? assignment.endedExplicitly(ended.eventId(), ended.effectiveDate())
                        : assignment.endedAutomatically(ended.eventId()));
            }
            recorded.put(event.eventId(), new Recorded(type, ended.assignmentEventId(), ended.supersededBy(), false));
        } else if (event instanceof EventRetracted retraction) {
            Recorded target = recorded.computeIfPresent(retraction.retractedEventId(), (id, r) -> r.asRetracted());
            Assignment started = assignmentsByEvent.remove(retraction.retractedEventId());
            if (started != null) {
                assignmentsByStart.remove(started.start());
            } else if (target != null && target.endedAssignment() != null) {
                Assignment ended = assignmentsByEvent.get(target.endedAssignment());
                if (ended != null) {
                    put(ended.withoutEnd(retraction.retractedEventId()));
                }
            }
            recorded.put(event.eventId(), new Recorded(type, null, null, false));
        } else {
            recorded.put(event.eventId(), new Recorded(type, null, null, false));
        }
    }

    // ---- rules over the whole history ----

    private List<CareerEvent> checked(List<CareerEvent> events, String decidedEventId) {
        CareerRulebook candidate = new CareerRulebook(new TreeMap<>(assignmentsByStart), new HashMap<>(assignmentsByEvent),
                new HashMap<>(recorded));
        events.forEach(candidate::apply);
        candidate.validate(decidedEventId);
        return List.copyOf(events);
    }

    /**
     * The invariants of a whole history. {@code decidedEventId} is the event being recorded: a broken
     * rule on that event is told as what to record instead, one on another event as what this would
     * break.
     */
    private void validate(String decidedEventId) {
        Assignment previous = null;
        boolean deliveredBefore = false;
        for (Assignment assignment : assignmentsByStart.values()) {
            if (previous != null && previous.explicitEnd() != null && previous.explicitEnd().isAfter(assignment.start())) {
                throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, previous.eventId(), "The "
                        + previous.describe() + " would last until " + previous.explicitEnd() + ", past the start of the "
                        + assignment.describe() + ".");
            }
            if (assignment.type().equals(REGAINED)) {
                boolean decided = assignment.eventId().equals(decidedEventId);
                if (!deliveredBefore) {
                    throw decided
                            ? CareerRuleViolation.onField(REGAIN_WITHOUT_PRIOR_DELIVERY, "type", "There is no"
                            + " delivery role before " + assignment.start() + ", so none to regain: record a first"
                            + " delivery role as DELIVERY_ROLE_STARTED.")
                            : CareerRuleViolation.involving(REGAIN_WITHOUT_PRIOR_DELIVERY, assignment.eventId(),
                            "This would leave the " + assignment.describe() + " without a delivery role before it.");
                }
                if (previous != null && previous.kind() == AssignmentKind.DELIVERY
                        && (previous.explicitEnd() == null || previous.explicitEnd().equals(assignment.start()))) {
                    throw decided
                            ? CareerRuleViolation.onField(REGAIN_WHILE_DELIVERING, "type", "On "
                            + assignment.start() + " the person is still in the delivery role " + previous.describe()
                            + ", with no time away from delivery: a new project while delivering is"
                            + " DELIVERY_ROLE_STARTED; REGAINED_DELIVERY_ROLE is for a return after time away.")
                            : CareerRuleViolation.involving(REGAIN_WHILE_DELIVERING, assignment.eventId(),
                            "This would put the " + assignment.describe() + " straight after the delivery role "
                                    + previous.describe() + ", with no time away from delivery before it.");
                }
            }
            deliveredBefore |= assignment.kind() == AssignmentKind.DELIVERY;
            previous = assignment;
        }
    }

    private static void checkOutcome(Assignment held, AssignmentOutcome outcome) {
        if (held.kind() == AssignmentKind.TROUBLED_PROGRAM) {
            if (!TROUBLED_PROGRAM_OUTCOMES.contains(outcome)) {
                throw CareerRuleViolation.onField(INVALID_OUTCOME, "outcome", "The " + held.describe()
                        + " is a troubled program: it ends with an outcome, one of " + TROUBLED_PROGRAM_OUTCOMES
                        + (outcome == null ? "." : ", not " + outcome + "."));
            }
        } else if (outcome != null && outcome != AssignmentOutcome.COMPLETED) {
            throw CareerRuleViolation.onField(INVALID_OUTCOME, "outcome", outcome + " applies to troubled programs;"
                    + " the " + held.describe() + " ends " + AssignmentOutcome.COMPLETED + " or without an outcome.");
        }
    }

    /** The assignment that began last before {@code day}, if any. */
    private Assignment before(LocalDate day) {
        var entry = assignmentsByStart.lowerEntry(day);
        return entry == null ? null : entry.getValue();
    }

    /** Exclusive end: recorded, else the next one's start, else null (still held). */
    private LocalDate endOf(Assignment assignment) {
        if (assignment.explicitEnd() != null) {
            return assignment.explicitEnd();
        }
        LocalDate next = assignmentsByStart.higherKey(assignment.start());
        return next;
    }

    private void put(Assignment assignment) {
        assignmentsByStart.put(assignment.start(), assignment);
        assignmentsByEvent.put(assignment.eventId(), assignment);
    }
}
