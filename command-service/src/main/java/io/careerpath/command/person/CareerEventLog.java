package io.careerpath.command.person;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.EventRetracted;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The audit view of one person: every event recorded, in the order it was recorded, read straight
 * from the event store (not from a projection, so it is never behind). Retracted events stay in it,
 * marked with the retraction that took them back; the retractions are listed too.
 */
@Component
class CareerEventLog {

    /**
     * @param sequence the person's last sequence number: send it as {@code If-Match} to record only if
     *                 nothing changed meanwhile
     */
    record PersonEvents(String personId, long sequence, List<LoggedEvent> events) {
    }

    /**
     * @param details     the event's own fields
     * @param retractedBy the retraction that took this event back, if one did
     */
    record LoggedEvent(long sequenceNumber, String type, String eventId, LocalDate effectiveDate, String recordedBy,
                       Instant recordedAt, Map<String, Object> details, String retractedBy) {
    }

    private static final ObjectMapper EVENT_FIELDS = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Set<String> COMMON_FIELDS =
            Set.of("personId", "eventId", "effectiveDate", "recordedBy", "recordedAt");

    private final EventStore eventStore;

    CareerEventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Optional<PersonEvents> of(String personId) {
        List<? extends DomainEventMessage<?>> messages = eventStore.readEvents(personId).asStream().toList();
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> retractedBy = new HashMap<>();
        messages.stream().map(DomainEventMessage::getPayload).filter(EventRetracted.class::isInstance)
                .map(EventRetracted.class::cast)
                .forEach(retraction -> retractedBy.put(retraction.retractedEventId(), retraction.eventId()));
        List<LoggedEvent> events = messages.stream().map(message -> {
            CareerEvent event = (CareerEvent) message.getPayload();
            return new LoggedEvent(message.getSequenceNumber(), CareerEvent.typeOf(event.getClass()), event.eventId(),
                    event.effectiveDate(), event.recordedBy(), event.recordedAt(), details(event),
                    retractedBy.get(event.eventId()));
        }).toList();
        return Optional.of(new PersonEvents(personId, messages.get(messages.size() - 1).getSequenceNumber(), events));
    }

    private static Map<String, Object> details(CareerEvent event) {
        Map<String, Object> details = EVENT_FIELDS.convertValue(event, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        details.keySet().removeAll(COMMON_FIELDS);
        details.values().removeIf(java.util.Objects::isNull);
        return details;
    }
}
