package io.careerpath.query.source;

import io.careerpath.pipeline.eventstore.EventStoreReads;
import io.careerpath.pipeline.eventstore.EventStoreReads.Events;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.pipeline.eventstore.EventStoreReads.PersonEvents;
import io.careerpath.pipeline.eventstore.EventStoreReads.StoredEvent;
import io.careerpath.query.keys.PersonKeysConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The event store through the command service's read paths ({@link EventStoreReads}), with this service's
 * own token (the key path's client). Stored events are upcast and deserialized exactly as any stored
 * event is: this service's serializer and upcaster chain.
 */
@Component
class CommandServiceEventStore implements SourceOfTruth {

    private final RestClient internalApi;
    /** Looked up when first needed: Axon's configuration holds the projection, which needs this. */
    private final ObjectProvider<Configuration> axon;

    CommandServiceEventStore(@Qualifier(PersonKeysConfiguration.INTERNAL_API) RestClient internalApi,
                             ObjectProvider<Configuration> axon) {
        this.internalApi = internalApi;
        this.axon = axon;
    }

    @Override
    public Heads heads(String after, int limit) {
        try {
            Heads heads = internalApi.get()
                    .uri(uri -> {
                        uri.path(EventStoreReads.HEADS_PATH).queryParam("limit", limit);
                        if (after != null) {
                            uri.queryParam("after", after);
                        }
                        return uri.build();
                    })
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(Heads.class);
            if (heads == null || heads.people() == null) {
                throw new SourceOfTruthUnavailable("The event store answered no heads", null);
            }
            return heads;
        } catch (RestClientException | OAuth2AuthorizationException e) {
            throw new SourceOfTruthUnavailable("The event store's heads could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, List<DomainEventMessage<?>>> eventsOf(Collection<String> personIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(personIds));
        Map<String, List<DomainEventMessage<?>>> histories = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += EventStoreReads.MAX_PEOPLE_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + EventStoreReads.MAX_PEOPLE_PER_REQUEST));
            for (PersonEvents person : fetch(chunk)) {
                histories.put(person.personId(), deserialize(person));
            }
            chunk.forEach(id -> histories.putIfAbsent(id, List.of()));
        }
        return histories;
    }

    private List<PersonEvents> fetch(List<String> personIds) {
        try {
            Events events = internalApi.post().uri(EventStoreReads.EVENTS_PATH)
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(new EventStoreReads.EventsRequest(personIds)).retrieve().body(Events.class);
            if (events == null || events.people() == null) {
                throw new SourceOfTruthUnavailable("The event store answered no events", null);
            }
            return events.people();
        } catch (RestClientException | OAuth2AuthorizationException e) {
            throw new SourceOfTruthUnavailable("The event store's events could not be read: " + e.getMessage(), e);
        }
    }

    private List<DomainEventMessage<?>> deserialize(PersonEvents person) {
        List<GenericDomainEventEntry<byte[]>> entries = new ArrayList<>(person.events().size());
        for (StoredEvent event : person.events()) {
            entries.add(new GenericDomainEventEntry<>(event.aggregateType(), person.personId(), event.sequenceNumber(),
                    event.eventIdentifier(), event.timeStamp(), event.payloadType(), event.payloadRevision(),
                    bytes(event.payload()), bytes(event.metaData())));
        }
        List<DomainEventMessage<?>> messages = new ArrayList<>(entries.size());
        Configuration configuration = axon.getObject();
        EventStreamUtils.upcastAndDeserializeDomainEvents(entries.stream(), configuration.eventSerializer(),
                        configuration.upcasterChain())
                .asStream().forEach(messages::add);
        return messages;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
