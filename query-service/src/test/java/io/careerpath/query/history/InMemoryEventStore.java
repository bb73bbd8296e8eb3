package io.careerpath.query.history;

import io.careerpath.events.PersonErased;
import io.careerpath.pipeline.eventstore.EventStoreReads.Head;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.pipeline.eventstore.HistoryFingerprint;
import io.careerpath.query.source.SourceOfTruth;
import io.careerpath.query.source.SourceOfTruthUnavailable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;

/** What the event store holds, for unit tests of the read side: people's events in memory, reachable or not. */
public final class InMemoryEventStore implements SourceOfTruth {

    private final TreeMap<String, List<DomainEventMessage<?>>> histories = new TreeMap<>();
    volatile boolean available = true;

    public void append(DomainEventMessage<?> event) {
        histories.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>()).add(event);
    }

    @Override
    public Heads heads(String after, int limit) {
        requireAvailable();
        List<Head> page = new ArrayList<>();
        for (var person : (after == null ? histories : histories.tailMap(after, false)).entrySet()) {
            if (page.size() == limit) {
                return new Heads(page, page.get(page.size() - 1).personId());
            }
            HistoryFingerprint fingerprint = HistoryFingerprint.start();
            person.getValue().forEach(event -> fingerprint.add(event.getSequenceNumber(), event.getIdentifier()));
            List<DomainEventMessage<?>> events = person.getValue();
            page.add(new Head(person.getKey(), events.get(events.size() - 1).getSequenceNumber(), events.size(),
                    fingerprint.value(), events.stream().anyMatch(e -> e.getPayload() instanceof PersonErased)));
        }
        return new Heads(page, null);
    }

    @Override
    public Map<String, List<DomainEventMessage<?>>> eventsOf(Collection<String> personIds) {
        requireAvailable();
        Map<String, List<DomainEventMessage<?>>> events = new LinkedHashMap<>();
        personIds.forEach(id -> events.put(id, List.copyOf(histories.getOrDefault(id, List.of()))));
        return events;
    }

    private void requireAvailable() {
        if (!available) {
            throw new SourceOfTruthUnavailable("the event store cannot be read now (test)", null);
        }
    }
}
