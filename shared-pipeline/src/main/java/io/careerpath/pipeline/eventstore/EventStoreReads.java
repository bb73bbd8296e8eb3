package io.careerpath.pipeline.eventstore;

import java.util.List;

/**
 * The command service's read-only paths into the event store, for the query service's own client only
 * (the key path's scope): the read side compares itself with the source of truth and repairs or rebuilds
 * from it, instead of trusting the topic to hold everything forever. Events travel exactly as stored
 * (payload and meta data as the serializer wrote them, personal data still sealed), so that the reader
 * upcasts and deserializes them as it does any stored event.
 */
public final class EventStoreReads {

    /** {@code GET ?after=<personId>&limit=<n>}: people in id order, after {@code after}, answered as {@link Heads}. */
    public static final String HEADS_PATH = "/internal/event-store/people";
    /** {@code POST} with {@link EventsRequest}: every stored event of each person named, as {@link Events}. */
    public static final String EVENTS_PATH = "/internal/event-store/events";
    public static final int MAX_HEADS_PER_PAGE = 1_000;
    public static final int MAX_PEOPLE_PER_REQUEST = 500;

    private EventStoreReads() {
    }

    /**
     * Where one person's history stands in the event store.
     *
     * @param lastSequence the person's last sequence number
     * @param events       how many events are stored for them
     * @param fingerprint  {@link HistoryFingerprint} of all of them
     * @param erased       whether the person was erased (their history then ends in {@code PersonErased})
     */
    public record Head(String personId, long lastSequence, long events, String fingerprint, boolean erased) {
    }

    /** @param next the {@code after} of the next page; null on the last page */
    public record Heads(List<Head> people, String next) {
    }

    public record EventsRequest(List<String> personIds) {
    }

    /**
     * One stored event, as its row holds it.
     *
     * @param payload  the serialized payload (JSON), personal data sealed
     * @param metaData the serialized meta data (JSON), or null
     */
    public record StoredEvent(String aggregateType, long sequenceNumber, String eventIdentifier, String timeStamp,
                              String payloadType, String payloadRevision, String payload, String metaData) {
    }

    /** @param events in sequence order; a person the store does not know has none */
    public record PersonEvents(String personId, List<StoredEvent> events) {
    }

    public record Events(List<PersonEvents> people) {
    }
}
