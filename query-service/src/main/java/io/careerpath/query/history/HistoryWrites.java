package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.TeamChanged;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The writes of a batch of events into one generation, sent as one unordered bulk write per
 * collection. Unordered is safe because every write commutes: an event is stored under its
 * per-person sequence number, the last sequence only grows ({@code $max}), and team membership
 * is a set ({@code $addToSet}). The same property makes a resent batch, or a rebuild replaying
 * what the live projection also wrote, change nothing.
 */
public final class HistoryWrites {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ReadModelGenerations generations;
    private final int generation;
    private final List<WriteModel<Document>> histories = new ArrayList<>();
    private final List<WriteModel<Document>> teams = new ArrayList<>();

    HistoryWrites(ReadModelGenerations generations, int generation) {
        this.generations = generations;
        this.generation = generation;
    }

    public void add(CareerEvent event, long sequence) {
        HistoryEntry entry = HistoryEntry.of(event, sequence);
        histories.add(new UpdateOneModel<>(eq("_id", event.personId()), Updates.combine(
                Updates.set("entries." + sequence, entry.toDocument()),
                Updates.max("lastSequence", sequence)), UPSERT));
        String teamId = event instanceof PersonRegistered registered ? registered.teamId()
                : event instanceof TeamChanged changed ? changed.teamId()
                : null;
        if (teamId != null) {
            teams.add(new UpdateOneModel<>(eq("_id", teamId), Updates.addToSet("members", event.personId()), UPSERT));
        }
    }

    public int size() {
        return histories.size();
    }

    public void flush() {
        if (!histories.isEmpty()) {
            generations.personHistories(generation).bulkWrite(histories, UNORDERED);
            histories.clear();
        }
        if (!teams.isEmpty()) {
            generations.teamMembers(generation).bulkWrite(teams, UNORDERED);
            teams.clear();
        }
    }
}
