package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.TeamChanged;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The writes of a batch of events into one generation, sent as one unordered bulk write per
 * collection. Unordered is safe because every write commutes: an event is stored under its
 * per-person sequence number, the last sequence only grows ({@code $max}), and team membership
 * is a set ({@code $addToSet}). The same property makes a resent batch, or a rebuild replaying
 * what the live projection also wrote, change nothing.
 *
 * <p>It also lets a batch's writes be merged: one update per person (every entry the batch holds for them
 * and the highest sequence) and one per team (every member and name), not one per event. A person's events
 * arrive together on the topic, so during a catch-up a batch of 200 events touches a few dozen documents,
 * and mongo-java-server reads and rewrites each whole document once per update (docs/performance.md).
 *
 * <p>Erasure ({@link PersonErased}) must not break that property, so it is the one write per person
 * that wins over every other: the person's document is replaced by a tombstone
 * {@code {_id, erased: true}} (no name, no career, nothing identifying), they are pulled from every
 * team, and from then on any event of theirs is dropped before it is written: within the batch by
 * forgetting the writes queued for them (an unordered bulk write would not keep them before the
 * tombstone), across batches by looking the batch's people up among the tombstones just before the
 * bulk write. An event resent after the erasure therefore cannot bring the person back, and a
 * rebuild replaying the whole log ends with the same tombstone.
 *
 * <p>The name index (io.careerpath.query.search) cannot be written here: names arrive sealed, and opening
 * them needs the person's key from the command service. A registration, an erasure or a replaced history
 * therefore only queues the person in {@code name_index_pending}, and the search's indexer derives their
 * entries from the stored history afterwards (and removes them for someone erased).
 */
public final class HistoryWrites {

    static final String ERASED = "erased";
    static final String LAST_SEQUENCE = "lastSequence";
    static final String LAYOUT = "layout";
    /** In each entry: the event's id in the event store (Axon's message identifier), as the integrity check compares it. */
    static final String MESSAGE_ID = "messageId";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ReadModelGenerations generations;
    private final int generation;
    /** per person, in arrival order: the person's history writes and their team writes */
    private final Map<String, PersonWrites> people = new LinkedHashMap<>();
    private int events;

    HistoryWrites(ReadModelGenerations generations, int generation) {
        this.generations = generations;
        this.generation = generation;
    }

    private static final class PersonWrites {
        /** the {@code $set} of the person's update: the batch's entries of the person, by field ({@code entries.<sequence>}) */
        final Document set = new Document();
        long lastSequence = -1;
        /** the teams the person joined in this batch, each with the names recorded for it ({@link TeamNames}) */
        final Map<String, Document> teams = new LinkedHashMap<>();
        boolean erased;
        /** whether the person's entries in the name index must be derived again */
        boolean reindex;
        int events;
    }

    /**
     * Queues the event's write: stored under its sequence number, with the id the event store gave it
     * ({@code messageId}), by which the integrity check compares the read model with the store.
     */
    public void add(CareerEvent event, long sequence, String messageId) {
        events++;
        PersonWrites person = people.computeIfAbsent(event.personId(), id -> new PersonWrites());
        person.events++;
        if (person.erased) {
            return; // an event resent after the erasure in the same batch: the person stays erased
        }
        if (event instanceof PersonErased) {
            person.erased = true;
            person.reindex = true;
            return;
        }
        person.set.put("entries." + sequence, packedEntry(event, sequence, messageId));
        person.lastSequence = Math.max(person.lastSequence, sequence);
        addToTeam(event, person.teams);
        person.reindex |= event instanceof PersonRegistered;
    }

    private static Binary packedEntry(CareerEvent event, long sequence, String messageId) {
        return HistoryEntry.of(event, sequence).packed(messageId);
    }

    /** Notes the team the event puts the person in, and the team's name as recorded then. */
    private static void addToTeam(CareerEvent event, Map<String, Document> teams) {
        String teamId = event instanceof PersonRegistered registered ? registered.teamId()
                : event instanceof TeamChanged changed ? changed.teamId()
                : null;
        String teamName = event instanceof PersonRegistered registered ? registered.teamName()
                : event instanceof TeamChanged changed ? changed.teamName()
                : null;
        if (teamId == null) {
            return;
        }
        Document names = teams.computeIfAbsent(teamId, id -> new Document());
        if (teamName != null && !teamName.isBlank()) {
            // every name recorded stays, keyed by when: the latest is the team's name whatever order they arrive in
            names.put(TeamNames.NAMES + "." + TeamNames.key(event.recordedAt(), event.eventId()), teamName.strip());
        }
    }

    /** One upsert per team: its new members (a set) and the names recorded for it. */
    private static List<WriteModel<Document>> teamWrites(Map<String, Set<String>> members, Map<String, Document> names) {
        List<WriteModel<Document>> writes = new ArrayList<>(members.size());
        members.forEach((teamId, people) -> {
            Document update = new Document("$addToSet", new Document("members", new Document("$each", new ArrayList<>(people))));
            Document teamNames = names.get(teamId);
            if (teamNames != null && !teamNames.isEmpty()) {
                update.append("$set", teamNames);
            }
            writes.add(new UpdateOneModel<>(eq("_id", teamId), update, UPSERT));
        });
        return writes;
    }

    /** Drops the writes queued for the person in this batch: their document was just replaced from the event store. */
    void forget(String personId) {
        PersonWrites person = people.remove(personId);
        if (person != null) {
            events -= person.events;
        }
    }

    /**
     * Writes these people's whole histories now, replacing whatever their documents held: what the event
     * store holds is what the read model must hold (a rebuild, into a generation nothing else writes). A
     * history that ends erased becomes the tombstone, and the person leaves every team.
     *
     * @param histories per person, every event the event store holds for them, in sequence order
     */
    public void replace(Map<String, List<DomainEventMessage<?>>> histories) {
        replace(histories, Map.of());
    }

    /**
     * Where these people's documents stand now, each as the filter that matches the document only while
     * nothing has written it since: its last sequence (it only grows, except by a repair), the tombstone, or
     * no document at all.
     */
    Map<String, Bson> asTheyStand(Collection<String> personIds) {
        Map<String, Bson> standing = new HashMap<>();
        generations.personHistories(generation).find(in("_id", personIds))
                .projection(Projections.include("_id", ERASED, LAST_SEQUENCE))
                .forEach(document -> {
                    String personId = document.getString("_id");
                    Number lastSequence = document.get(LAST_SEQUENCE, Number.class);
                    standing.put(personId, Boolean.TRUE.equals(document.getBoolean(ERASED))
                            ? and(eq("_id", personId), eq(ERASED, true))
                            : and(eq("_id", personId), eq(LAST_SEQUENCE, lastSequence == null ? null : lastSequence.longValue())));
                });
        for (String personId : personIds) {
            standing.computeIfAbsent(personId, id -> and(eq("_id", id), exists(LAST_SEQUENCE, false), ne(ERASED, true)));
        }
        return standing;
    }

    /**
     * A repair's replacement of these people's documents, each made only if its document still stands as
     * {@code unchanged} says (read before the event store was): another instance's projection may have
     * written newer events since, which an older reading of the store must not overwrite. Compare-and-set by
     * the document itself, since the instances share no lock.
     *
     * @return the people whose documents had changed, and were left as they are
     */
    Set<String> replace(Map<String, List<DomainEventMessage<?>>> histories, Map<String, Bson> unchanged) {
        List<String> replaced = new ArrayList<>();
        List<WriteModel<Document>> documents = new ArrayList<>();
        histories.forEach((personId, events) -> {
            Bson standing = unchanged.getOrDefault(personId, eq("_id", personId));
            replaced.add(personId);
            if (erasedIn(events)) {
                documents.add(new ReplaceOneModel<>(standing, tombstone(personId), REPLACE_UPSERT));
            } else if (events.isEmpty()) {
                // the store holds nothing for them: whatever the read model held came from somewhere else
                documents.add(new DeleteOneModel<>(standing));
            } else {
                Document entries = new Document();
                for (DomainEventMessage<?> event : events) {
                    entries.append(String.valueOf(event.getSequenceNumber()),
                            packedEntry((CareerEvent) event.getPayload(), event.getSequenceNumber(), event.getIdentifier()));
                }
                documents.add(new ReplaceOneModel<>(standing, new Document("_id", personId)
                        .append("entries", entries)
                        .append(LAST_SEQUENCE, events.get(events.size() - 1).getSequenceNumber())
                        .append(LAYOUT, ReadModelGenerations.LAYOUT), REPLACE_UPSERT));
            }
        });
        Set<String> changed = new HashSet<>();
        write(generation, List.copyOf(histories.keySet()), () -> {
            try {
                generations.personHistories(generation).bulkWrite(documents, UNORDERED);
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    // the filter missed and the upsert met the document under the same _id: it was written meanwhile
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    changed.add(replaced.get(error.getIndex()));
                }
            }
            return teamsAndIndexOf(histories, changed);
        });
        return changed;
    }

    /** The team and name-index writes that go with the replaced histories (not with those left as they were). */
    private static AfterHistories teamsAndIndexOf(Map<String, List<DomainEventMessage<?>>> histories,
                                                  Set<String> leftAsTheyWere) {
        List<WriteModel<Document>> teams = new ArrayList<>();
        List<WriteModel<Document>> reindex = new ArrayList<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Map<String, Document> names = new LinkedHashMap<>();
        histories.forEach((personId, events) -> {
            if (leftAsTheyWere.contains(personId)) {
                return;
            }
            reindex.add(reindex(personId));
            if (events.isEmpty() || erasedIn(events)) {
                teams.add(leftEveryTeam(personId));
                return;
            }
            Map<String, Document> joined = new LinkedHashMap<>();
            events.forEach(event -> addToTeam((CareerEvent) event.getPayload(), joined));
            joined(personId, joined, members, names);
        });
        teams.addAll(teamWrites(members, names));
        return new AfterHistories(teams, reindex);
    }

    /** Adds the person to the members of the teams they joined, and those teams' names to theirs. */
    private static void joined(String personId, Map<String, Document> teamsJoined, Map<String, Set<String>> members,
                               Map<String, Document> names) {
        teamsJoined.forEach((teamId, teamNames) -> {
            members.computeIfAbsent(teamId, id -> new LinkedHashSet<>()).add(personId);
            names.computeIfAbsent(teamId, id -> new Document()).putAll(teamNames);
        });
    }

    /**
     * Queues the person for the name index. Each queuing carries a fresh token, so that the indexer, which
     * removes only the queuing it handled, never drops one that arrived while it worked.
     */
    private static WriteModel<Document> reindex(String personId) {
        return new ReplaceOneModel<>(eq("_id", personId),
                new Document("_id", personId).append("queued", UUID.randomUUID().toString()), REPLACE_UPSERT);
    }

    /** Whether the history holds the person's erasure: then it ends in the tombstone, whatever else it holds. */
    private static boolean erasedIn(List<DomainEventMessage<?>> events) {
        return events.stream().anyMatch(event -> event.getPayload() instanceof PersonErased);
    }

    /** The tombstone replacing the person's document: nothing identifying stays. */
    private static Document tombstone(String personId) {
        return new Document("_id", personId).append(ERASED, true);
    }

    private static WriteModel<Document> leftEveryTeam(String personId) {
        return new UpdateManyModel<>(eq("members", personId), Updates.pull("members", personId));
    }

    /** Events added since the last flush. */
    public int size() {
        return events;
    }

    public void flush() {
        flush(this::erasedAmong);
    }

    /**
     * Sends the queued writes.
     *
     * @param erasedBefore which of the given people an earlier batch erased (their events are then dropped)
     */
    void flush(Function<List<String>, Set<String>> erasedBefore) {
        if (people.isEmpty()) {
            return;
        }
        Set<String> erased = erasedBefore.apply(people.entrySet().stream()
                .filter(e -> !e.getValue().erased).map(Map.Entry::getKey).toList());
        List<WriteModel<Document>> histories = new ArrayList<>();
        List<WriteModel<Document>> teams = new ArrayList<>();
        List<WriteModel<Document>> reindex = new ArrayList<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Map<String, Document> names = new LinkedHashMap<>();
        people.forEach((personId, writes) -> {
            if (erased.contains(personId)) {
                return;
            }
            if (writes.erased) {
                histories.add(new ReplaceOneModel<>(eq("_id", personId), tombstone(personId), REPLACE_UPSERT));
                teams.add(leftEveryTeam(personId));
            } else if (writes.lastSequence >= 0) {
                writes.set.put(LAYOUT, ReadModelGenerations.LAYOUT);
                histories.add(new UpdateOneModel<>(eq("_id", personId), new Document("$set", writes.set)
                        .append("$max", new Document(LAST_SEQUENCE, writes.lastSequence)), UPSERT));
                joined(personId, writes.teams, members, names);
            }
            if (writes.reindex) {
                reindex.add(reindex(personId));
            }
        });
        teams.addAll(teamWrites(members, names));
        write(generation, people.keySet().stream().filter(personId -> !erased.contains(personId)).toList(),
                histories, teams, reindex);
        people.clear();
        events = 0;
    }

    /**
     * Sends the writes of one batch or one rebuild step: the histories, then the teams, then the name index's queue
     * (the indexer reads what the histories hold). What is derived from the {@code changed} people's histories in
     * memory is stale from before the write until derived again after it ({@link HistoryChanges}).
     */
    private void write(int generation, List<String> changed, List<WriteModel<Document>> histories,
                       List<WriteModel<Document>> teams, List<WriteModel<Document>> reindex) {
        write(generation, changed, () -> {
            if (!histories.isEmpty()) {
                generations.personHistories(generation).bulkWrite(histories, UNORDERED);
            }
            return new AfterHistories(teams, reindex);
        });
    }

    /** The writes that follow the histories'. */
    private record AfterHistories(List<WriteModel<Document>> teams, List<WriteModel<Document>> nameIndex) {
    }

    /** @param histories writes the histories, and answers the writes that follow */
    private void write(int generation, List<String> changed, Supplier<AfterHistories> histories) {
        HistoryChanges changes = generations.changes();
        changes.beforeWrite(generation, changed);
        try {
            AfterHistories then = histories.get();
            if (!then.teams().isEmpty()) {
                generations.teamMembers(generation).bulkWrite(then.teams(), UNORDERED);
            }
            if (!then.nameIndex().isEmpty()) {
                generations.nameIndexPending(generation).bulkWrite(then.nameIndex(), UNORDERED);
            }
        } finally {
            changes.written(generation, changed);
        }
    }

    /** Which of these people an earlier batch erased: one lookup by _id per batch. */
    private Set<String> erasedAmong(List<String> personIds) {
        Set<String> erased = new HashSet<>();
        if (personIds.isEmpty()) {
            return erased;
        }
        // by _id alone: mongo-java-server scans the whole collection for any other filter
        generations.personHistories(generation).find(in("_id", personIds))
                .projection(Projections.include("_id", ERASED))
                .forEach(document -> {
                    if (Boolean.TRUE.equals(document.getBoolean(ERASED))) {
                        erased.add(document.getString("_id"));
                    }
                });
        return erased;
    }
}
