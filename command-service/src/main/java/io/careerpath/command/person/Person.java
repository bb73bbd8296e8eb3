package io.careerpath.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One project professional's career: the consistency boundary for everything recorded about them.
 * Each command answers with the sequence number its event got, so that a client can wait for the
 * query side to catch up with exactly that event.
 */
@Aggregate
class Person {

    @AggregateIdentifier
    private String personId;
    private long lastSequence;

    Person() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Person(RegisterPerson command) {
        apply(new PersonRegistered(command.personId(), command.eventId(), command.effectiveDate(),
                command.recordedBy(), command.recordedAt(), command.displayName(), command.teamId()));
    }

    @CommandHandler
    RecordedEvent handle(JoinPmo command) {
        apply(new JoinedPmo(command.personId(), command.eventId(), command.effectiveDate(),
                command.recordedBy(), command.recordedAt(), command.pmoType(), command.pmoName(),
                command.deliveryResponsibility()));
        return new RecordedEvent(command.eventId(), lastSequence);
    }

    @EventSourcingHandler
    void on(PersonRegistered event, @SequenceNumber long sequence) {
        personId = event.personId();
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(JoinedPmo event, @SequenceNumber long sequence) {
        lastSequence = sequence;
    }
}
