package io.careerpath.command.person.domain;

import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoPreferenceStated;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the {@link Person} aggregate knows and decides, as plain Java: the person's identity, the last
 * sequence number, and the {@link CareerRulebook} that holds the rules. The aggregate feeds it every event it
 * applies and asks it what a command means; a bulk import ({@code ImportFastPath}) does the same
 * for many people at once. One place for the decisions, so both paths keep exactly the same rules.
 *
 * <p>It also knows the facts that decide who may see the person: their current team (for managers) and
 * whether they were erased. Who may is not decided here but by a {@link PersonAccessPolicy}. None of it
 * needs the personal data in the events, which is sealed when they are stored.
 */
public final class PersonState {

    /** A fact that puts the person in a team from a day on: their registration, or a team change. */
    private record TeamFact(LocalDate effectiveDate, long sequence, String teamId) {
    }

    private String personId;
    /** The registration's event id. */
    private String registeredBy;
    private long lastSequence = -1;
    private boolean erased;
    /** By event id, so that a retraction takes its fact back. */
    private final Map<String, TeamFact> teamFacts = new HashMap<>();
    private final CareerRulebook career = new CareerRulebook();

    /** Follows a recorded event (its sequence number is the person's {@code sequence}-th, from 0). */
    public void on(CareerEvent event, long sequence) {
        if (event instanceof PersonRegistered registered) {
            personId = registered.personId();
            registeredBy = registered.eventId();
            teamFacts.put(event.eventId(), new TeamFact(event.effectiveDate(), sequence, registered.teamId()));
        } else if (event instanceof TeamChanged changed) {
            teamFacts.put(event.eventId(), new TeamFact(event.effectiveDate(), sequence, changed.teamId()));
        } else if (event instanceof EventRetracted retraction) {
            teamFacts.remove(retraction.retractedEventId());
        } else if (event instanceof PersonErased) {
            erased = true;
        }
        career.apply(event);
        lastSequence = sequence;
    }

    public boolean erased() {
        return erased;
    }

    /**
     * The team of the latest team fact effective on or before {@code today} (recorded later wins on the
     * same day), retractions applied; null if none is effective yet.
     */
    public String currentTeam(LocalDate today) {
        TeamFact current = null;
        for (TeamFact fact : teamFacts.values()) {
            if (!fact.effectiveDate().isAfter(today) && (current == null
                    || fact.effectiveDate().isAfter(current.effectiveDate())
                    || fact.effectiveDate().equals(current.effectiveDate()) && fact.sequence() > current.sequence())) {
                current = fact;
            }
        }
        return current == null ? null : current.teamId();
    }

    /** The person's erasure: nothing in it identifies them. */
    PersonErased erase(Recording recording) {
        return new PersonErased(personId, recording.eventId(), LocalDate.ofInstant(recording.recordedAt(),
                ZoneOffset.UTC), recording.recordedBy(), recording.recordedAt());
    }

    public String personId() {
        return personId;
    }

    /** The person's last sequence number; -1 before anything is recorded. */
    public long lastSequence() {
        return lastSequence;
    }

    /**
     * What recording {@code command} means for this history: the events to apply, or a
     * {@link CareerRuleViolation}. Applies nothing itself.
     */
    List<CareerEvent> decide(PersonCommand command) {
        if (command instanceof ChangeTeam c) {
            return List.of(new TeamChanged(personId, eventId(c), c.effectiveDate(), recordedBy(c), recordedAt(c),
                    c.teamId(), c.managerId(), c.teamName()));
        }
        if (command instanceof StartDeliveryRole c) {
            return career.start(new DeliveryRoleStarted(personId, eventId(c), c.effectiveDate(), recordedBy(c),
                    recordedAt(c), c.projectName()), c.recording());
        }
        if (command instanceof JoinPmo c) {
            return career.start(new JoinedPmo(personId, eventId(c), c.effectiveDate(), recordedBy(c), recordedAt(c),
                    c.pmoType(), c.pmoName(), c.deliveryResponsibility()), c.recording());
        }
        if (command instanceof TakeTroubledProgram c) {
            return career.start(new TookTroubledProgram(personId, eventId(c), c.effectiveDate(), recordedBy(c),
                    recordedAt(c), c.programName()), c.recording());
        }
        if (command instanceof RegainDeliveryRole c) {
            return career.start(new RegainedDeliveryRole(personId, eventId(c), c.effectiveDate(), recordedBy(c),
                    recordedAt(c), c.projectName()), c.recording());
        }
        if (command instanceof EndAssignment c) {
            return career.end(personId, c.effectiveDate(), c.recording(), c.outcome());
        }
        if (command instanceof RecordAdministrativeLoad c) {
            requireWithin("percentOfTime", c.percentOfTime(), AdministrativeLoadRecorded.MIN_PERCENT,
                    AdministrativeLoadRecorded.MAX_PERCENT);
            return List.of(new AdministrativeLoadRecorded(personId, eventId(c), c.effectiveDate(), recordedBy(c),
                    recordedAt(c), c.percentOfTime()));
        }
        if (command instanceof StatePmoPreference c) {
            return List.of(new PmoPreferenceStated(personId, eventId(c), c.effectiveDate(), recordedBy(c),
                    recordedAt(c), c.willing()));
        }
        if (command instanceof AssessSkill c) {
            requireWithin("level", c.level(), SkillAssessed.MIN_LEVEL, SkillAssessed.MAX_LEVEL);
            return List.of(new SkillAssessed(personId, eventId(c), c.effectiveDate(), recordedBy(c), recordedAt(c),
                    c.skill(), c.level(), c.assessor()));
        }
        if (command instanceof RetractEvent c) {
            return career.retract(personId, c.effectiveDate(), c.recording(), c.retractedEventId(), c.reason());
        }
        throw new IllegalArgumentException("No decision for " + command.getClass().getSimpleName());
    }

    /**
     * A person's rows of a bulk import, in order: each row is decided exactly as the API's command for it
     * would be ({@link #decide}, the same date window), against the history as the rows before it left
     * it, and its events handed to {@code apply}, which must feed them back to {@link #on} (the aggregate's
     * {@code apply} does, through its event sourcing handler). A row the rules refuse is reported and
     * skipped, never thrown. A row whose event id the history already has (the ids are derived from the
     * row's content, see {@link ImportRow}) is reported as already recorded and changes nothing.
     *
     * <p>The person is created by their {@code PERSON_REGISTERED} row ({@link ImportHistory} puts it
     * first); without one, the rows of a person the platform does not know are refused.
     */
    public ImportedHistory importRows(ImportHistory command, EffectiveDateWindow dates, Consumer<CareerEvent> apply) {
        List<ImportedHistory.RowOutcome> outcomes = new ArrayList<>(command.rows().size());
        int events = 0;
        for (ImportRow row : command.rows()) {
            if (erased) {
                outcomes.add(ImportedHistory.RowOutcome.refused(row, "person-not-found", null, "No person with"
                        + " this personRef is registered."));
                continue;
            }
            if (career.knows(row.eventId())) {
                outcomes.add(ImportedHistory.RowOutcome.alreadyRecorded(row));
                continue;
            }
            Recording recording = new Recording(row.eventId(), command.recordedBy(), command.recordedAt());
            try {
                List<CareerEvent> decided;
                if (row.registration() != null) {
                    decided = register(command.personId(), row.registration(), recording, dates);
                } else if (personId == null) {
                    outcomes.add(ImportedHistory.RowOutcome.refused(row, "person-not-found", null, "No person with"
                            + " this personRef is registered: the file needs a PERSON_REGISTERED row for it."));
                    continue;
                } else {
                    PersonCommand rowCommand = row.event().toCommand(personId, null, recording);
                    dates.check(rowCommand.effectiveDate());
                    decided = decide(rowCommand);
                }
                decided.forEach(apply);
                events += decided.size();
                outcomes.add(ImportedHistory.RowOutcome.recorded(row));
            } catch (CareerRuleViolation violation) {
                outcomes.add(ImportedHistory.RowOutcome.refused(row, violation.rule().slug(), violation.field(),
                        violation.getMessage()));
            }
        }
        return new ImportedHistory(outcomes, events, lastSequence);
    }

    private List<CareerEvent> register(String id, ImportRow.Registration registration, Recording recording,
                                       EffectiveDateWindow dates) {
        if (personId != null) {
            throw CareerRuleViolation.involving(CareerRule.PERSON_ALREADY_REGISTERED, registeredBy, "This person is"
                    + " already registered: a second registration for the same person is refused; record a move to"
                    + " another team as a team change.");
        }
        LocalDate effectiveDate = registration.effectiveDate() != null
                ? registration.effectiveDate()
                : LocalDate.ofInstant(recording.recordedAt(), ZoneOffset.UTC);
        dates.check(effectiveDate);
        return List.of(new PersonRegistered(id, recording.eventId(), effectiveDate, recording.recordedBy(),
                recording.recordedAt(), registration.displayName(), registration.teamId(), registration.teamName()));
    }

    private static void requireWithin(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw CareerRuleViolation.onField(CareerRule.VALUE_OUT_OF_RANGE, field,
                    CareerWords.field(field) + " must be between " + min + " and " + max + ", not " + value + ".");
        }
    }

    private static String eventId(PersonCommand command) {
        return command.recording().eventId();
    }

    private static String recordedBy(PersonCommand command) {
        return command.recording().recordedBy();
    }

    private static java.time.Instant recordedAt(PersonCommand command) {
        return command.recording().recordedAt();
    }
}
