package io.careerpath.query.team;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.careerpath.query.history.ReadModelGenerations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * Which people's histories changed, for the query-service instances that did not write them (docs/scaling.md):
 * the instance whose projection wrote them appends the people of its writes here (its figures' worker, those of about
 * {@code careerpath.today.derive-every} in one entry), and every instance follows the log to derive those people's
 * figures for today again ({@link TodaysFigures}).
 *
 * <p>Entries have consecutive numbers as {@code _id} (a counter document raised with {@code $inc}), so that a
 * reader asks for the next few by {@code _id $in}: the one query mongo-java-server answers without scanning the
 * collection. A number taken by a writer that never wrote its entry (it stopped in between) leaves a hole, which
 * readers skip once later entries have waited past it for {@link #HOLE_WAIT_MILLIS}. Old entries are trimmed by the
 * writers, {@link #KEEP} behind the newest.
 */
public final class FiguresChangeLog {

    static final String ENTRIES = "todays_figures_changes";
    static final String COUNTER = "todays_figures_changes_counter";
    /** Entries kept behind the newest: an instance further behind than that derives everyone again. */
    static final long KEEP = 10_000;
    /** Trimmed every this many entries, by the writer of the entry whose number is a multiple of it. */
    static final long TRIM_EVERY = 100;
    /** How long a missing number may hold readers up while later entries exist. */
    static final long HOLE_WAIT_MILLIS = 3_000;

    /** One entry: the people of the writes of one interval (or of one batch loaded from outside), in one generation. */
    record Entry(long number, int generation, List<String> people) {
    }

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> counter;

    public FiguresChangeLog(ReadModelGenerations generations) {
        this.entries = generations.collection(ENTRIES);
        this.counter = generations.collection(COUNTER);
    }

    /**
     * Appends the people of written batches; returns the entry's number. (Also for the benchmark, which loads its
     * read model straight into MongoDB, as another instance's writes.)
     */
    public long append(int generation, Collection<String> people) {
        Document raised = counter.findOneAndUpdate(eq("_id", "last"), Updates.inc("number", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long number = raised.get("number", Number.class).longValue();
        entries.insertOne(new Document("_id", number).append("generation", generation)
                .append("people", new ArrayList<>(people)));
        if (number % TRIM_EVERY == 0 && number > KEEP) {
            entries.deleteMany(in("_id", LongStream.range(Math.max(1, number - KEEP - TRIM_EVERY), number - KEEP)
                    .boxed().toList()));
        }
        return number;
    }

    /** The number the next entry will have: where a reader starting now begins. */
    long next() {
        Document last = counter.find(eq("_id", "last")).first();
        return last == null ? 1 : last.get("number", Number.class).longValue() + 1;
    }

    /** The entries numbered from {@code from} to {@code from + count - 1} that exist, in order. */
    List<Entry> read(long from, int count) {
        List<Entry> read = new ArrayList<>();
        entries.find(in("_id", LongStream.range(from, from + count).boxed().toList())).forEach(document ->
                read.add(new Entry(document.get("_id", Number.class).longValue(), document.getInteger("generation"),
                        document.getList("people", String.class))));
        read.sort(java.util.Comparator.comparingLong(Entry::number));
        return read;
    }
}
