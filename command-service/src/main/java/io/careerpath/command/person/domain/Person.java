package io.careerpath.command.person.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One project professional's career: the consistency boundary for everything recorded about them,
 * so that every rule is checked against the whole history and two writers cannot both extend it
 * (Axon appends with the next sequence number; the event store refuses a second event at the same
 * one). What it knows and decides is {@link PersonState} (the rules themselves live in {@link CareerRulebook}),
 * which a bulk import also uses directly ({@code ImportFastPath}).
 *
 * <p>Each command answers with the id of the event it recorded and the person's sequence number
 * after it (the last event it wrote, consequences included), so that a client can wait for the query
 * side to reflect exactly that, or send it back as {@code If-Match}.
 *
 * <p>Before anything else, a command is refused as if the person were unknown when its caller may not
 * see them: the {@link PersonAccessPolicy} (the application's {@code PersonAccess}, docs/security.md)
 * decides that from the facts the aggregate holds; an erased person is deleted for Axon, so that every later command finds
 * no person at all.
 */
@Aggregate(repository = "personRepository")
public class Person {

    @AggregateIdentifier
    private String personId;
    private final PersonState state = new PersonState();

    Person() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Person(RegisterPerson command, EffectiveDateWindow dates) {
        dates.check(command.effectiveDate());
        Recording recording = command.recording();
        apply(new PersonRegistered(command.personId(), recording.eventId(), command.effectiveDate(),
                recording.recordedBy(), recording.recordedAt(), command.displayName(), command.teamId(),
                command.teamName()));
    }

    // One handler per command type, all alike: Axon routes a command by its payload's class name, so a single
    // handler for PersonCommand would receive none of them.
    @CommandHandler
    RecordedEvent handle(ChangeTeam command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(StartDeliveryRole command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(JoinPmo command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(TakeTroubledProgram command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(RegainDeliveryRole command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(EndAssignment command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(RecordAdministrativeLoad command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(StatePmoPreference command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(AssessSkill command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    @CommandHandler
    RecordedEvent handle(RetractEvent command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        return record(command, dates, conflicts, access);
    }

    /** Erases the person: only their pseudonymous id and the fact of the erasure remain in the log. */
    @CommandHandler
    RecordedEvent handle(ErasePerson command, PersonAccessPolicy access) {
        access.requireVisible(state, command.recording().caller());
        apply(state.erase(command.recording()));
        return new RecordedEvent(command.recording().eventId(), state.lastSequence());
    }

    /**
     * A person's rows of a bulk import, in one unit of work, decided row by row as
     * {@link PersonState#importRows} says (refused rows are reported, not thrown). Creates the person when
     * the rows register them. A bulk import records most people through {@code ImportFastPath}, which
     * decides the same way; this command is its path for people it cannot record in a batch.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ImportedHistory handle(ImportHistory command, EffectiveDateWindow dates) {
        return state.importRows(command, dates, AggregateLifecycle::apply);
    }

    /**
     * The one path of every command about an existing person: who may record for them first, then a
     * stale {@code If-Match} (the person moved on since the client looked, whatever else is wrong), then
     * the date window, then the rules, and only then anything applied.
     */
    private RecordedEvent record(PersonCommand command, EffectiveDateWindow dates, ConflictResolver conflicts,
                         PersonAccessPolicy access) {
        // first: a caller who may not see the person learns nothing, not even that the If-Match is stale
        access.requireVisible(state, command.recording().caller());
        // Axon hands a resolver over the events recorded since expectedSequence: any one is a conflict
        conflicts.detectConflicts(unseen -> !unseen.isEmpty());
        dates.check(command.effectiveDate());
        state.decide(command).forEach(AggregateLifecycle::apply);
        return new RecordedEvent(command.recording().eventId(), state.lastSequence());
    }

    @EventSourcingHandler
    void on(CareerEvent event, @SequenceNumber long sequence) {
        if (event instanceof PersonRegistered registered) {
            personId = registered.personId();
        }
        state.on(event, sequence);
        if (event instanceof PersonErased) {
            AggregateLifecycle.markDeleted();
        }
    }
}
