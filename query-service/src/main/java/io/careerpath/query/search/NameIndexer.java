package io.careerpath.query.search;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.keys.PersonKeyLookup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the name index in step with the histories. The projection cannot write it (names arrive sealed, and
 * their keys are the command service's), so it queues the people whose names may have changed
 * ({@code name_index_pending}: registered, erased, repaired, rebuilt); this indexer takes them ten at a time,
 * opens their names with their keys, files them under the digests of their names' prefixes and takes them out of
 * the digests they no longer have. Someone erased, or without a key any more, is taken out of the index altogether.
 * While the keys cannot be fetched the queue waits; nothing is lost.
 *
 * <p>Both the active generation and the one a rebuild fills are indexed, so a rebuilt generation is
 * searchable as soon as it becomes active.
 */
@Component
public class NameIndexer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NameIndexer.class);
    private static final int BATCH = 10;
    /** Names as known now, whatever their effective date: the index finds a person by the name they have. */
    private static final Viewpoint EVERYTHING_KNOWN = new Viewpoint(LocalDate.of(9999, 12, 30), LocalDate.of(9999, 12, 30));
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ReadModelGenerations generations;
    private final HistoryReads histories;
    private final PersonKeyLookup keys;
    private final NamePrefixDigests digests;
    private final SearchProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "name-indexer");
        thread.setDaemon(true);
        return thread;
    });

    NameIndexer(ReadModelGenerations generations, HistoryReads histories, PersonKeyLookup keys, NamePrefixDigests digests,
                SearchProperties properties) {
        this.generations = generations;
        this.histories = histories;
        this.keys = keys;
        this.digests = digests;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (digests.available() && !properties.indexInterval().isZero()) {
            scheduler.execute(this::indexInTheBackground);
        }
    }

    /**
     * One batch, then the next one after as long as this one took while the queue is full, else after the interval.
     * The index's writes rewrite large documents (a short prefix is filed for thousands of people), and the
     * Mongo-wire server does them on the cores the projection needs: after an import of 4,000 people, batches of
     * 500 one after the other held the projection's writes back by up to 4 s (docs/performance.md, "Event to
     * visible"). Batches of ten at most half of the time keep the projection's wait to one small batch.
     */
    private void indexInTheBackground() {
        long started = System.nanoTime();
        boolean more = false;
        try {
            more = indexOneBatch();
        } catch (RuntimeException e) {
            log.debug("Name index not updated now, trying again: {}", e.toString());
        }
        long delay = more ? System.nanoTime() - started : properties.indexInterval().toNanos();
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::indexInTheBackground, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Indexes everyone queued (in the active generation and the next one), until the queues are empty. */
    public synchronized void indexPending() {
        while (indexOneBatch()) {
            // a full batch: there may be more
        }
    }

    /** One batch of the active generation's queue, or else of the next one's; true if it was full (there may be more). */
    private synchronized boolean indexOneBatch() {
        int active = generations.active();
        for (int generation : List.of(active, active + 1)) {
            if (indexBatch(generation) == BATCH) {
                return true;
            }
        }
        return false;
    }

    private int indexBatch(int generation) {
        Map<String, Object> queued = new HashMap<>();
        generations.nameIndexPending(generation).find().limit(BATCH)
                .forEach(document -> queued.put(document.getString("_id"), document.get("queued")));
        if (queued.isEmpty()) {
            return 0;
        }
        Map<String, String> names = namesOf(generation, queued.keySet());
        Map<String, List<String>> filed = new HashMap<>();
        generations.namePrefixOwners(generation).find(in("_id", queued.keySet()))
                .forEach(document -> filed.put(document.getString("_id"), document.getList("digests", String.class)));
        List<WriteModel<Document>> prefixes = new ArrayList<>();
        List<WriteModel<Document>> owners = new ArrayList<>();
        List<WriteModel<Document>> handled = new ArrayList<>();
        for (String personId : queued.keySet()) {
            Set<String> now = new LinkedHashSet<>();
            Optional.ofNullable(names.get(personId))
                    .ifPresent(name -> NameWords.indexedPrefixes(name).forEach(prefix -> now.add(digests.of(prefix))));
            // every digest the name has, not only the new ones: a round cut short (a crash) is made whole by the next
            for (String digest : now) {
                prefixes.add(new UpdateOneModel<>(eq("_id", digest), Updates.addToSet("people", personId), UPSERT));
            }
            for (String digest : filed.getOrDefault(personId, List.of())) {
                if (!now.contains(digest)) {
                    prefixes.add(new UpdateOneModel<>(eq("_id", digest), Updates.pull("people", personId)));
                }
            }
            owners.add(now.isEmpty() ? new DeleteOneModel<>(eq("_id", personId))
                    : new ReplaceOneModel<>(eq("_id", personId), new Document("_id", personId).append("digests", List.copyOf(now)),
                    REPLACE_UPSERT));
            // only the queuing handled: one that arrived meanwhile (an erasure, say) stays for the next round
            handled.add(new DeleteOneModel<>(and(eq("_id", personId), eq("queued", queued.get(personId)))));
        }
        // in this order: a person leaves the queue only once their entries are written
        if (!prefixes.isEmpty()) {
            generations.namePrefixes(generation).bulkWrite(prefixes, UNORDERED);
        }
        generations.namePrefixOwners(generation).bulkWrite(owners, UNORDERED);
        generations.nameIndexPending(generation).bulkWrite(handled, UNORDERED);
        return queued.size();
    }

    /** The names of those of the people who have a history and a key; everyone else is to be taken out of the index. */
    private Map<String, String> namesOf(int generation, Set<String> personIds) {
        List<StoredHistory> stored = histories.findAllIn(generation, personIds);
        Map<String, byte[]> found = keys.keysOf(stored.stream().filter(StoredHistory::hasSealedValues)
                .map(StoredHistory::personId).toList());
        Map<String, String> names = new HashMap<>();
        for (StoredHistory history : stored) {
            byte[] key = found.get(history.personId());
            if (key != null || !history.hasSealedValues()) {
                history.at(EVERYTHING_KNOWN).opened(key).displayName().ifPresent(name -> names.put(history.personId(), name));
            }
        }
        return names;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
