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
import io.careerpath.events.JoinedPmo;
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
    private record Assignment(String eventId, String type, String words, AssignmentKind kind, LocalDate start,
                              String endEventId, LocalDate explicitEnd,
                              String automaticEndEventId) {

        Assignment endedExplicitly(String endEvent, LocalDate day) {
            return new Assignment(eventId, type, words, kind, start, endEvent, day, automaticEndEventId);
        }

        Assignment endedAutomatically(String endEvent) {
            return new Assignment(eventId, type, words, kind, start, endEventId, explicitEnd, endEvent);
        }

        Assignment withoutEnd(String endEvent) {
            return new Assignment(eventId, type, words, kind, start,
                    endEvent.equals(endEventId) ? null : endEventId,
                    endEvent.equals(endEventId) ? null : explicitEnd,
                    endEvent.equals(automaticEndEventId) ? null : automaticEndEventId);
        }

        /** "the delivery role from 1 Mar 2021": names are sealed, so what it is and when it began. */
        String describe() {
            return "the " + words + " from " + CareerWords.date(start);
        }
    }

    /** What the rules need to know of any recorded event. */
    private record Recorded(String type, LocalDate day, String endedAssignment, String supersededBy,
                            boolean retracted) {

        Recorded asRetracted() {
            return new Recorded(type, day, endedAssignment, supersededBy, true);
        }

        /** "the skill assessment of 3 Feb 2022". */
        String describe() {
            return "the " + CareerWords.eventType(type) + " of " + CareerWords.date(day);
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
        Assignment sameDay = assignmentsByStart.get(day);
        if (sameDay != null) {
            throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, sameDay.eventId(), "effectiveDate",
                    CareerWords.capitalized(sameDay.describe()) + " begins on the same day: a person holds one"
                    + " assignment at a time. If this " + wordsOf(started) + " replaces it, retract that one first.");
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
                throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, previous.eventId(), "effectiveDate",
                        CareerWords.capitalized(previous.describe()) + " is still held on " + CareerWords.date(day)
                        + " (it lasts until " + CareerWords.date(previousEnd) + "), and a person holds one assignment"
                        + " at a time: " + (previous.explicitEnd() != null
                                ? "if it ended earlier, retract its recorded end and record the right one first."
                                : "record when it ended first, or retract it."));
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
                    + CareerWords.date(day) + ", so there is none to end on that day: check the date.");
        }
        if (held.explicitEnd() != null) {
            if (held.explicitEnd().isBefore(day)) {
                throw CareerRuleViolation.involving(NO_ASSIGNMENT_TO_END, held.endEventId(), "effectiveDate",
                        "The latest assignment before " + CareerWords.date(day) + ", " + held.describe()
                        + ", already ended on " + CareerWords.date(held.explicitEnd()) + ": none is held on "
                        + CareerWords.date(day) + " to end.");
            }
            throw CareerRuleViolation.involving(ASSIGNMENT_ALREADY_ENDED, held.endEventId(), "effectiveDate",
                    CareerWords.capitalized(held.describe()) + " already ended on "
                    + CareerWords.date(held.explicitEnd()) + ": to record a different end, retract that one first.");
        }
        checkOutcome(held, outcome);
        List<CareerEvent> events = new ArrayList<>();
        if (held.automaticEndEventId() != null) {
            // the end the next assignment implied gives way to the end somebody actually recorded
            events.add(new EventRetracted(personId, recording.consequenceId(1), day, recording.recordedBy(),
                    recording.recordedAt(), held.automaticEndEventId(), ENDED,
                    "Replaced by the end recorded on " + CareerWords.date(day)));
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
                    + " such event to retract: choose one of their recorded events.");
        }
        if (target.retracted()) {
            throw CareerRuleViolation.involving(EVENT_ALREADY_RETRACTED, targetId, "eventId",
                    CareerWords.capitalized(target.describe()) + " is already retracted: there is nothing more to do.");
        }
        if (target.type().equals(REGISTERED)) {
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "eventId", "A registration cannot be"
                    + " retracted: to correct the team, record a team change; erasing a person is a separate process.");
        }
        if (target.type().equals(RETRACTION)) {
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "eventId", "A retraction cannot be"
                    + " retracted: record the event again instead.");
        }
        if (target.supersededBy() != null) {
            Assignment next = assignmentsByEvent.get(target.supersededBy());
            throw CareerRuleViolation.involving(EVENT_NOT_RETRACTABLE, targetId, "eventId", "This end only follows"
                    + " from " + (next == null ? "the assignment that began after it" : next.describe())
                    + " beginning: retract that one, or record when the assignment really ended, which replaces"
                    + " this end.");
        }
        List<CareerEvent> events = new ArrayList<>();
        events.add(new EventRetracted(personId, recording.eventId(), day, recording.recordedBy(),
                recording.recordedAt(), targetId, target.type(), reason));
        Assignment retracted = assignmentsByEvent.get(targetId);
        if (retracted != null) {
            // reasons are shown to people on the career page: in words, like a refusal
            String because = "Ended " + retracted.describe() + ", which was retracted";
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
                        "Followed from " + retracted.describe() + ", which was retracted"));
            }
        }
        return checked(events, recording.eventId());
    }

    // ---- what has been recorded ----

    /** Follows every applied event, in order. Tolerant: the history it is fed was checked when recorded. */
    void apply(CareerEvent event) {
        String type = TYPES.get(event.getClass());
        if (event instanceof AssignmentStarted started) {
            put(new Assignment(started.eventId(), type, wordsOf(started), started.assignmentKind(),
                    started.effectiveDate(), null, null, null));
            recorded.put(event.eventId(), new Recorded(type, event.effectiveDate(), null, null, false));
        } else if (event instanceof AssignmentEnded ended) {
            Assignment assignment = assignmentsByEvent.get(ended.assignmentEventId());
            if (assignment != null) {
                put(ended.supersededBy() == null
                        ? assignment.endedExplicitly(ended.eventId(), ended.effectiveDate())
                        : assignment.endedAutomatically(ended.eventId()));
            }
            recorded.put(event.eventId(), new Recorded(type, event.effectiveDate(), ended.assignmentEventId(),
                    ended.supersededBy(), false));
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
            recorded.put(event.eventId(), new Recorded(type, event.effectiveDate(), null, null, false));
        } else {
            recorded.put(event.eventId(), new Recorded(type, event.effectiveDate(), null, null, false));
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
                throw CareerRuleViolation.involving(ASSIGNMENT_OVERLAP, previous.eventId(), "effectiveDate",
                        CareerWords.capitalized(previous.describe()) + " would last until "
                        + CareerWords.date(previous.explicitEnd()) + ", past the start of " + assignment.describe()
                        + ": a person holds one assignment at a time.");
            }
            if (assignment.type().equals(REGAINED)) {
                boolean decided = assignment.eventId().equals(decidedEventId);
                if (!deliveredBefore) {
                    throw decided
                            ? CareerRuleViolation.onField(REGAIN_WITHOUT_PRIOR_DELIVERY, "type", "There is no"
                            + " delivery role before " + CareerWords.date(assignment.start()) + ", so none to return"
                            + " to: record a first delivery role as a new delivery role instead.")
                            : CareerRuleViolation.involving(REGAIN_WITHOUT_PRIOR_DELIVERY, assignment.eventId(), null,
                            "This would leave " + assignment.describe() + " without a delivery role before it:"
                                    + " retract or correct that one first.");
                }
                if (previous != null && previous.kind() == AssignmentKind.DELIVERY
                        && (previous.explicitEnd() == null || previous.explicitEnd().equals(assignment.start()))) {
                    throw decided
                            ? CareerRuleViolation.onField(REGAIN_WHILE_DELIVERING, "type", "On "
                            + CareerWords.date(assignment.start()) + " the person is still in " + previous.describe()
                            + ", with no time away from delivery: record a new project while delivering as a new"
                            + " delivery role; a return to delivery is for coming back after time away.")
                            : CareerRuleViolation.involving(REGAIN_WHILE_DELIVERING, assignment.eventId(), null,
                            "This would put " + assignment.describe() + " straight after " + previous.describe()
                                    + ", with no time away from delivery before it.");
                }
            }
            deliveredBefore |= assignment.kind() == AssignmentKind.DELIVERY;
            previous = assignment;
        }
    }

    private static void checkOutcome(Assignment held, AssignmentOutcome outcome) {
        if (held.kind() == AssignmentKind.TROUBLED_PROGRAM) {
            if (!TROUBLED_PROGRAM_OUTCOMES.contains(outcome)) {
                throw CareerRuleViolation.onField(INVALID_OUTCOME, "outcome", CareerWords.capitalized(held.describe())
                        + " ends with an outcome: choose " + CareerWords.outcomes(TROUBLED_PROGRAM_OUTCOMES)
                        + (outcome == null ? "." : " (not " + CareerWords.outcome(outcome) + ")."));
            }
        } else if (outcome != null && outcome != AssignmentOutcome.COMPLETED) {
            throw CareerRuleViolation.onField(INVALID_OUTCOME, "outcome", CareerWords.capitalized(
                    CareerWords.outcome(outcome)) + " is for troubled programs only: " + held.describe() + " ends "
                    + CareerWords.outcome(AssignmentOutcome.COMPLETED) + " or without an outcome.");
        }
    }

    /** What an assignment is, in words: a PMO role says which kind of PMO. */
    private static String wordsOf(AssignmentStarted started) {
        return started instanceof JoinedPmo pmo ? CareerWords.pmoRole(pmo.pmoType())
                : CareerWords.eventType(started.getClass());
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
