package io.careerpath.query.history;

import io.careerpath.events.PersonErased;
import io.careerpath.query.keys.PersonKeyLookup;
import io.careerpath.query.source.SourceOfTruth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * Brings people's read models back in step with the event store without a rebuild: their documents
 * are replaced by exactly what the store holds for them. Used by the projection when an event arrives
 * out of line, and by the integrity check for people it found out of step.
 *
 * <p>Repairs and the live projection write the same documents; a lock keeps them apart (the
 * projection holds it for a whole batch, a repair from reading the store until its documents are
 * written), so that an event projected meanwhile cannot be overwritten by an older reading of the store.
 * The batches of the processor's segments share it (each segment's people are its own, and their writes
 * commute), so that segments project in parallel; a repair of the integrity check, or a dead letter's
 * retry, holds it alone. A repair inside a batch concerns that batch's people, and needs nothing more.
 */
@Component
public class ReadModelRepair {

    private final SourceOfTruth source;
    private final ReadModelGenerations generations;
    private final PersonKeyLookup keys;
    private final ReentrantReadWriteLock writers = new ReentrantReadWriteLock();
    private final Counter repaired;
    private final Counter failed;

    ReadModelRepair(SourceOfTruth source, ReadModelGenerations generations, PersonKeyLookup keys, MeterRegistry meters) {
        this.source = source;
        this.generations = generations;
        this.keys = keys;
        this.repaired = Counter.builder("careerpath.read-models.repairs").tag("outcome", "repaired")
                .description("people whose read model was replaced by what the event store holds")
                .register(meters);
        this.failed = Counter.builder("careerpath.read-models.repairs").tag("outcome", "failed")
                .description("repairs that could not read the event store").register(meters);
    }

    /**
     * Replaces the people's documents in the generation by what the event store holds for them now.
     *
     * @return where each one's read model stands afterwards
     * @throws io.careerpath.query.source.SourceOfTruthUnavailable if the event store cannot be read now
     */
    public Map<String, Head> repair(Collection<String> personIds, int generation) {
        boolean inBatch = writers.getReadHoldCount() > 0;
        if (!inBatch) {
            writers.writeLock().lock();
        }
        try {
            Map<String, List<DomainEventMessage<?>>> histories;
            try {
                histories = source.eventsOf(personIds);
            } catch (RuntimeException e) {
                failed.increment(personIds.size());
                throw e;
            }
            new HistoryWrites(generations, generation).replace(histories);
            repaired.increment(histories.size());
            Map<String, Head> heads = new HashMap<>();
            histories.forEach((personId, events) -> {
                Head head = Head.of(events);
                if (head.erased()) {
                    keys.forget(personId);
                }
                heads.put(personId, head);
            });
            return heads;
        } finally {
            if (!inBatch) {
                writers.writeLock().unlock();
            }
        }
    }

    /**
     * Taken by the projection for a unit of work: shared by the processor's batches ({@code shared}: one per segment,
     * each of its own people), alone for anything else (a dead letter's retry runs beside the segments' batches).
     */
    void lockWriters(boolean shared) {
        (shared ? writers.readLock() : writers.writeLock()).lock();
    }

    void unlockWriters(boolean shared) {
        (shared ? writers.readLock() : writers.writeLock()).unlock();
    }

    /**
     * Where one person's read model stands.
     *
     * @param lastSequence the last sequence number held (-1: none)
     * @param eventIds     sequence number → event id of every event held, or null when not read
     */
    public record Head(long lastSequence, boolean erased, Map<Long, String> eventIds) {

        static final Head NONE = new Head(-1, false, Map.of());

        static Head of(List<DomainEventMessage<?>> events) {
            Map<Long, String> ids = new HashMap<>();
            boolean erased = false;
            for (DomainEventMessage<?> event : events) {
                ids.put(event.getSequenceNumber(), event.getIdentifier());
                erased |= PersonErased.class.equals(event.getPayloadType());
            }
            return new Head(events.isEmpty() ? -1 : events.get(events.size() - 1).getSequenceNumber(), erased, ids);
        }
    }
}
