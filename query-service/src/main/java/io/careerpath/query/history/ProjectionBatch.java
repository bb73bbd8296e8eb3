package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Projections;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.query.history.ReadModelRepair.Head;
import io.careerpath.query.source.SourceOfTruthUnavailable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unit of work of the projection: the events it applies, checked one by one against where each
 * person's read model stands, and written together at its end. A person's events must arrive in line:
 * the next sequence number applies; one already held is a resend (applied once, nothing changes) when it
 * is the same event, and a conflict when it is another; one beyond the next leaves a gap. A conflict or a
 * gap means the read model and the event store disagree, so the person is repaired from the store, and
 * the event is then applied, recognised as held, or (not in the store at all) dropped and counted.
 */
final class ProjectionBatch {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    private final ReadModelGenerations generations;
    private final int generation;
    private final HistoryWrites writes;
    private final ReadModelRepair repair;
    private final ProjectionAnomalies anomalies;
    /** where each person's read model stands, as this batch has left it so far */
    private final Map<String, Head> heads = new HashMap<>();
    /** per person, the events this batch applied and has not written yet: sequence number → id */
    private final Map<String, Map<Long, String>> pending = new HashMap<>();

    ProjectionBatch(ReadModelGenerations generations, ReadModelRepair repair, ProjectionAnomalies anomalies) {
        this.generations = generations;
        this.generation = generations.active();
        this.writes = new HistoryWrites(generations, generation);
        this.repair = repair;
        this.anomalies = anomalies;
    }

    /** Reads where these people's read models stand, with one query (by _id alone: mongo-java-server scans otherwise). */
    void prefetch(Collection<String> personIds) {
        Set<String> unknown = new HashSet<>(personIds);
        unknown.removeAll(heads.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        generations.personHistories(generation).find(in("_id", unknown))
                .projection(Projections.include("_id", HistoryWrites.ERASED, HistoryWrites.LAST_SEQUENCE))
                .forEach(document -> heads.put(document.getString("_id"), new Head(lastSequence(document),
                        Boolean.TRUE.equals(document.getBoolean(HistoryWrites.ERASED)), null)));
        unknown.forEach(personId -> heads.putIfAbsent(personId, Head.NONE));
    }

    /**
     * Applies one event of the person, or recognises it as held.
     *
     * @throws PersonOutOfStep if the person's read model must be repaired and the event store cannot be
     *                         read now, or the event is ahead of what the store holds
     */
    void apply(CareerEvent event, long sequence, String messageId) {
        String personId = event.personId();
        prefetch(List.of(personId));
        Head head = heads.get(personId);
        if (head.erased()) {
            return; // erasure is final: nothing resent or replayed brings the person back
        }
        if (sequence <= head.lastSequence()) {
            if (isHeld(personId, sequence, messageId, event)) {
                return;
            }
            head = repaired(personId, ProjectionAnomalies.Kind.CONFLICT, sequence);
        } else if (sequence > head.lastSequence() + 1) {
            head = repaired(personId, ProjectionAnomalies.Kind.GAP, sequence);
        }
        if (sequence <= head.lastSequence()) {
            if (!messageId.equals(head.eventIds().get(sequence))) {
                anomalies.count(ProjectionAnomalies.Kind.NOT_IN_EVENT_STORE);
                log.warn("Event {} (number {} of person {}) is on the topic but not in the event store: not projected",
                        messageId, sequence, personId);
            }
            return;
        }
        if (sequence > head.lastSequence() + 1) {
            anomalies.count(ProjectionAnomalies.Kind.AHEAD_OF_EVENT_STORE);
            throw new PersonOutOfStep("Event " + sequence + " of person " + personId + " arrived, but the event store"
                    + " holds their history only up to event " + head.lastSequence() + "; parked until it holds the rest",
                    null);
        }
        writes.add(event, sequence, messageId);
        pending.computeIfAbsent(personId, id -> new HashMap<>()).put(sequence, messageId);
        heads.put(personId, new Head(sequence, event instanceof PersonErased, head.eventIds()));
    }

    /** Whether the read model (or this batch) already holds this very event at that number. */
    private boolean isHeld(String personId, long sequence, String messageId, CareerEvent event) {
        String held = pending.getOrDefault(personId, Map.of()).get(sequence);
        if (held == null) {
            Head head = heads.get(personId);
            if (head.eventIds() == null) {
                head = new Head(head.lastSequence(), head.erased(), storedEventIds(personId));
                heads.put(personId, head);
            }
            held = head.eventIds().get(sequence);
        }
        // entries written before the event store's ids were kept hold only the event's own id
        if (messageId.equals(held) || event.eventId().equals(held)) {
            anomalies.count(ProjectionAnomalies.Kind.RESENT);
            return true;
        }
        return false;
    }

    /** The ids of the events the person's document holds: read only when an event arrives that it may hold already. */
    private Map<Long, String> storedEventIds(String personId) {
        Map<Long, String> ids = new HashMap<>();
        Document document = generations.personHistories(generation).find(eq("_id", personId))
                .projection(Projections.include("entries")).first();
        if (document != null && document.get("entries") instanceof Document entries) {
            entries.forEach((sequence, value) -> {
                Document entry = PackedEntries.unpack(value);
                String messageId = entry.getString(HistoryWrites.MESSAGE_ID);
                ids.put(Long.parseLong(sequence), messageId != null ? messageId : entry.getString("eventId"));
            });
        }
        return ids;
    }

    private Head repaired(String personId, ProjectionAnomalies.Kind kind, long sequence) {
        anomalies.count(kind);
        log.warn("Read model of person {} is out of step ({} at event {}): repairing it from the event store",
                personId, kind.tag(), sequence);
        try {
            Head head = repair.repair(List.of(personId), generation).get(personId);
            if (head == null) {
                throw new PersonOutOfStep("The read model of person " + personId + " is out of step (" + kind.tag()
                        + " at event " + sequence + ") and another instance kept writing it while it was repaired", null);
            }
            writes.forget(personId);
            pending.remove(personId);
            heads.put(personId, head);
            return head;
        } catch (SourceOfTruthUnavailable e) {
            throw new PersonOutOfStep("The read model of person " + personId + " is out of step (" + kind.tag()
                    + " at event " + sequence + ") and the event store cannot be read now to repair it: "
                    + e.getMessage(), e);
        }
    }

    /** Writes everything applied; the people's heads were checked here, so no erasure lookup is needed. */
    void flush() {
        writes.flush(people -> Set.of());
    }

    private static long lastSequence(Document document) {
        Number last = document.get(HistoryWrites.LAST_SEQUENCE, Number.class);
        return last == null ? -1 : last.longValue();
    }
}
