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
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings people's read models back in step with the event store without a rebuild: their documents
 * are replaced by exactly what the store holds for them. Used by the projection when an event arrives
 * out of line, and by the integrity check for people it found out of step.
 *
 * <p>Repairs and the live projection write the same documents; within an instance a lock keeps them apart (the
 * projection holds it for a whole batch, a repair from reading the store until its documents are
 * written), so that an event projected meanwhile cannot be overwritten by an older reading of the store.
 * The batches of the processor's segments share it (each segment's people are its own, and their writes
 * commute), so that segments project in parallel; a repair of the integrity check, or a dead letter's
 * retry, holds it alone. A repair inside a batch concerns that batch's people, and needs nothing more.
 * Across instances, which share no lock, each replacement is a compare-and-set on the document ({@link #repair}).
 */
@Component
public class ReadModelRepair {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRepair.class);
    private static final int ATTEMPTS = 3;

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
     * <p>The lock keeps this instance's projection out meanwhile, not another instance's: for the people of its
     * segments, it may write newer events between the store's reading and the replacement. So each document is
     * replaced only if it still stands as it stood before the store was read, and the people whose documents
     * moved on are read again, up to {@value #ATTEMPTS} times.
     *
     * @return where each one's read model stands afterwards; without the people whose documents kept moving on
     *         (another instance was projecting them every time)
     * @throws io.careerpath.query.source.SourceOfTruthUnavailable if the event store cannot be read now
     */
    public Map<String, Head> repair(Collection<String> personIds, int generation) {
        boolean inBatch = writers.getReadHoldCount() > 0;
        if (!inBatch) {
            writers.writeLock().lock();
        }
        try {
            HistoryWrites writes = new HistoryWrites(generations, generation);
            Map<String, Head> heads = new HashMap<>();
            Collection<String> left = personIds;
            for (int attempt = 1; attempt <= ATTEMPTS && !left.isEmpty(); attempt++) {
                Map<String, Bson> standing = writes.asTheyStand(left);
                Map<String, List<DomainEventMessage<?>>> histories;
                try {
                    histories = source.eventsOf(left);
                } catch (RuntimeException e) {
                    failed.increment(left.size());
                    throw e;
                }
                Set<String> movedOn = writes.replace(histories, standing);
                histories.forEach((personId, events) -> {
                    if (!movedOn.contains(personId)) {
                        heads.put(personId, Head.of(events));
                    }
                });
                left = movedOn;
            }
            if (!left.isEmpty()) {
                log.warn("Did not repair {} people: another instance wrote their read models each time the event store"
                        + " was read ({})", left.size(), left);
            }
            repaired.increment(heads.size());
            heads.forEach((personId, head) -> {
                if (head.erased()) {
                    keys.forget(personId);
                }
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
