package io.careerpath.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One project professional's career: the consistency boundary for everything recorded about them,
 * so that every rule is checked against the whole history and two writers cannot both extend it
 * (Axon appends with the next sequence number; the event store refuses a second event at the same
 * one). The rules themselves live in {@link Career}.
 *
 * <p>Each command answers with the id of the event it recorded and the person's sequence number
 * after it (the last event it wrote, consequences included), so that a client can wait for the query
 * side to reflect exactly that, or send it back as {@code If-Match}.
 */
@Aggregate
class Person {

    @AggregateIdentifier
    private String personId;
    private long lastSequence;
    private final Career career = new Career();

    Person() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Person(RegisterPerson command, EffectiveDateWindow dates) {
        dates.check(command.effectiveDate());
        Recording recording = command.recording();
        apply(new PersonRegistered(command.personId(), recording.eventId(), command.effectiveDate(),
                recording.recordedBy(), recording.recordedAt(), command.displayName(), command.teamId()));
    }

    @CommandHandler
    RecordedEvent handle(ChangeTeam command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> List.of(new TeamChanged(personId, eventId(command),
                command.effectiveDate(), recordedBy(command), recordedAt(command), command.teamId(),
                command.managerId())));
    }

    @CommandHandler
    RecordedEvent handle(StartDeliveryRole command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> career.start(new DeliveryRoleStarted(personId,
                eventId(command), command.effectiveDate(), recordedBy(command), recordedAt(command),
                command.projectName()), command.recording()));
    }

    @CommandHandler
    RecordedEvent handle(JoinPmo command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> career.start(new JoinedPmo(personId, eventId(command),
                command.effectiveDate(), recordedBy(command), recordedAt(command), command.pmoType(),
                command.pmoName(), command.deliveryResponsibility()), command.recording()));
    }

    @CommandHandler
    RecordedEvent handle(TakeTroubledProgram command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> career.start(new TookTroubledProgram(personId,
                eventId(command), command.effectiveDate(), recordedBy(command), recordedAt(command),
                command.programName()), command.recording()));
    }

    @CommandHandler
    RecordedEvent handle(RegainDeliveryRole command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> career.start(new RegainedDeliveryRole(personId,
                eventId(command), command.effectiveDate(), recordedBy(command), recordedAt(command),
                command.projectName()), command.recording()));
    }

    @CommandHandler
    RecordedEvent handle(EndAssignment command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts,
                () -> career.end(personId, command.effectiveDate(), command.recording(), command.outcome()));
    }

    @CommandHandler
    RecordedEvent handle(RecordAdministrativeLoad command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> {
            requireWithin("percentOfTime", command.percentOfTime(), AdministrativeLoadRecorded.MIN_PERCENT,
                    AdministrativeLoadRecorded.MAX_PERCENT);
            return List.of(new AdministrativeLoadRecorded(personId, eventId(command), command.effectiveDate(),
                    recordedBy(command), recordedAt(command), command.percentOfTime()));
        });
    }

    @CommandHandler
    RecordedEvent handle(AssessSkill command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> {
            requireWithin("level", command.level(), SkillAssessed.MIN_LEVEL, SkillAssessed.MAX_LEVEL);
            return List.of(new SkillAssessed(personId, eventId(command), command.effectiveDate(),
                    recordedBy(command), recordedAt(command), command.skill(), command.level(), command.assessor()));
        });
    }

    @CommandHandler
    RecordedEvent handle(RetractEvent command, EffectiveDateWindow dates, ConflictResolver conflicts) {
        return record(command, dates, conflicts, () -> career.retract(personId, command.effectiveDate(),
                command.recording(), command.retractedEventId(), command.reason()));
    }

    /**
     * The one path of every command about an existing person: a stale {@code If-Match} first (the
     * person moved on since the client looked, whatever else is wrong), then the date window, then the
     * rules, and only then anything applied.
     */
    private RecordedEvent record(PersonCommand command, EffectiveDateWindow dates, ConflictResolver conflicts,
                                 Supplier<List<CareerEvent>> decision) {
        // Axon hands a resolver over the events recorded since expectedSequence: any one is a conflict
        conflicts.detectConflicts(unseen -> !unseen.isEmpty());
        dates.check(command.effectiveDate());
        decision.get().forEach(AggregateLifecycle::apply);
        return new RecordedEvent(eventId(command), lastSequence);
    }

    private static void requireWithin(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw CareerRuleViolation.onField(CareerRule.VALUE_OUT_OF_RANGE, field,
                    field + " must be between " + min + " and " + max + ", not " + value + ".");
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

    @EventSourcingHandler
    void on(CareerEvent event, @SequenceNumber long sequence) {
        if (event instanceof PersonRegistered registered) {
            personId = registered.personId();
        }
        career.apply(event);
        lastSequence = sequence;
    }
}
