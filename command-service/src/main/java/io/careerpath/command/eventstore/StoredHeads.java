package io.careerpath.command.eventstore;

import io.careerpath.events.PersonErased;
import io.careerpath.pipeline.eventstore.EventStoreReads.Head;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.pipeline.eventstore.HistoryFingerprint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each person's history stands in the event store, a page of people at a time in id order (keyset
 * paging: a page starts after the last id of the one before, so that people recorded meanwhile neither
 * shift nor repeat a page). Each head carries the {@link HistoryFingerprint} of all the person's events,
 * which the read side compares with its own.
 */
@Component
class StoredHeads {

    private static final String ERASED = PersonErased.class.getName();

    private record Key(String personId, long sequence, String eventId, String payloadType) {
    }

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;

    StoredHeads(JdbcTemplate jdbc, StoredEvents storedEvents) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
    }

    /**
     * @param after the last person of the previous page, null for the first page
     * @param limit people on this page, at most
     */
    Heads page(String after, int limit) {
        // one more than asked: whether there is a next page is known without asking for it
        List<String> people = after == null
                ? jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry"
                        + " ORDER BY aggregateIdentifier LIMIT ?", String.class, limit + 1)
                : jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry"
                        + " WHERE aggregateIdentifier > ? ORDER BY aggregateIdentifier LIMIT ?", String.class, after, limit + 1);
        String next = people.size() > limit ? people.get(limit - 1) : null;
        List<String> page = people.subList(0, Math.min(limit, people.size()));

        Map<String, TreeMap<Long, String>> events = new HashMap<>();
        Map<String, Boolean> erased = new HashMap<>();
        storedEvents.read(page, "aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType",
                (row, n) -> new Key(row.getString(1), row.getLong(2), row.getString(3), row.getString(4)))
                .forEach(key -> {
                    events.computeIfAbsent(key.personId(), id -> new TreeMap<>()).put(key.sequence(), key.eventId());
                    erased.merge(key.personId(), ERASED.equals(key.payloadType()), Boolean::logicalOr);
                });
        List<Head> heads = page.stream().map(person -> {
            TreeMap<Long, String> history = events.get(person);
            return new Head(person, history.lastKey(), history.size(), HistoryFingerprint.of(history), erased.get(person));
        }).toList();
        return new Heads(heads, next);
    }
}
