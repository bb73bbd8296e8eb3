package io.careerpath.command.personaldata;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonRegistered;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seals the personal fields of every event on its way into the event store ({@link PersonalFields}), in
 * the transaction that stores it: events the {@code Person} aggregate applies (API commands, imports
 * recorded one person at a time) and events a bulk import appends in batches alike, the consequences
 * the platform records itself included. So nothing is stored, forwarded to Kafka or projected with a
 * name in the clear, and the aggregate and the career rules never depend on one.
 *
 * <p>A registration creates the person's key ({@link PersonKeyTable#create}), in the same transaction as the
 * registration event: both are stored or neither is. A person registered before keys existed gets one
 * with their next event that needs it (their earlier events stay as they were stored).
 */
final class SealPersonalData implements MessageDispatchInterceptor<EventMessage<?>> {

    private final PersonKeyTable keys;

    SealPersonalData(PersonKeyTable keys) {
        this.keys = keys;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> seal(message);
    }

    private EventMessage<?> seal(EventMessage<?> message) {
        if (!(message.getPayload() instanceof CareerEvent event) || !PersonalFields.carriesPersonalData(event)) {
            return message;
        }
        String personId = event.personId();
        byte[] key = event instanceof PersonRegistered
                ? keys.create(personId)
                : keys.find(personId).orElseGet(() -> keys.create(personId));
        CareerEvent sealed = PersonalFields.seal(event, key);
        GenericMessage<CareerEvent> payload = new GenericMessage<>(message.getIdentifier(), sealed,
                message.getMetaData());
        if (message instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), payload, domain.getTimestamp());
        }
        return new GenericEventMessage<>(payload, message::getTimestamp);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Registered once every bean exists, before Axon starts handling anything. */
        @Bean
        SmartInitializingSingleton sealPersonalDataOnTheWayIn(EventStore eventStore, PersonKeyTable keys) {
            return () -> eventStore.registerDispatchInterceptor(new SealPersonalData(keys));
        }
    }
}
