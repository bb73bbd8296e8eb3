package io.careerpath.command.person.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.careerpath.command.person.application.PersonAccess;
import io.careerpath.command.person.domain.PersonState;
import io.careerpath.command.personaldata.PersonKeyTable;
import io.careerpath.command.personaldata.PersonalFields;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.EventRetracted;
import io.careerpath.security.Caller;
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
 * marked with the retraction that took them back; the retractions are listed too. Sealed personal data
 * is opened with the person's key, for a caller who may see the person (docs/security.md); anyone
 * else, and everyone once the person is erased, finds no person.
 */
@Component
public class CareerEventLog {

    /**
     * @param sequence the person's last sequence number: send it as {@code If-Match} to record only if
     *                 nothing changed meanwhile
     */
    public record PersonEvents(String personId, long sequence, List<LoggedEvent> events) {
    }

    /**
     * @param details     the event's own fields
     * @param retractedBy the retraction that took this event back, if one did
     */
    public record LoggedEvent(long sequenceNumber, String type, String eventId, LocalDate effectiveDate, String recordedBy,
                       Instant recordedAt, Map<String, Object> details, String retractedBy) {
    }

    private static final ObjectMapper EVENT_FIELDS = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Set<String> COMMON_FIELDS =
            Set.of("personId", "eventId", "effectiveDate", "recordedBy", "recordedAt");

    private final EventStore eventStore;
    private final PersonKeyTable keys;
    private final PersonAccess access;

    CareerEventLog(EventStore eventStore, PersonKeyTable keys, PersonAccess access) {
        this.eventStore = eventStore;
        this.keys = keys;
        this.access = access;
    }

    /** Whether the person is registered, not erased, and {@code caller} may see them. */
    public boolean visibleTo(String personId, Caller caller) {
        return visible(eventStore.readEvents(personId).asStream().toList(), caller);
    }

    /** The person's events, empty if there is no such person for {@code caller}. */
    public Optional<PersonEvents> of(String personId, Caller caller) {
        List<? extends DomainEventMessage<?>> messages = eventStore.readEvents(personId).asStream().toList();
        if (!visible(messages, caller)) {
            return Optional.empty();
        }
        byte[] key = keys.find(personId).orElse(null);
        Map<String, String> retractedBy = new HashMap<>();
        messages.stream().map(DomainEventMessage::getPayload).filter(EventRetracted.class::isInstance)
                .map(EventRetracted.class::cast)
                .forEach(retraction -> retractedBy.put(retraction.retractedEventId(), retraction.eventId()));
        List<LoggedEvent> events = messages.stream().map(message -> {
            CareerEvent event = PersonalFields.open((CareerEvent) message.getPayload(), key);
            return new LoggedEvent(message.getSequenceNumber(), CareerEvent.typeOf(event.getClass()), event.eventId(),
                    event.effectiveDate(), event.recordedBy(), event.recordedAt(), details(event),
                    retractedBy.get(event.eventId()));
        }).toList();
        return Optional.of(new PersonEvents(personId, messages.get(messages.size() - 1).getSequenceNumber(), events));
    }

    private boolean visible(List<? extends DomainEventMessage<?>> messages, Caller caller) {
        PersonState state = new PersonState();
        messages.forEach(message -> state.on((CareerEvent) message.getPayload(), message.getSequenceNumber()));
        return access.visible(state, caller);
    }

    private static Map<String, Object> details(CareerEvent event) {
        Map<String, Object> details = EVENT_FIELDS.convertValue(event, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        details.keySet().removeAll(COMMON_FIELDS);
        details.values().removeIf(java.util.Objects::isNull);
        return details;
    }
}
