package io.careerpath.query.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.careerpath.events.CareerEvent;
import io.careerpath.query.api.Viewpoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Loads people's histories straight into the query service's read model, for the read benchmarks:
 * the documents the projection would have written for the same events (built by the projection's
 * own {@link HistoryEntry}), inserted whole instead of event by event. In this package because the
 * read model's classes are the query service's own; {@link #projectedByHistoryWrites} lets a
 * benchmark check that both paths store the same document.
 */
public final class ReadModelFixture {

    private final ReadModelGenerations generations;

    public ReadModelFixture(MongoDatabase readModels) {
        this.generations = new ReadModelGenerations(readModels);
    }

    /** The generations, for fixtures of the other read models (the name index: io.careerpath.query.search.NameIndexFixture). */
    public ReadModelGenerations generations() {
        return generations;
    }

    public int activeGeneration() {
        return generations.active();
    }

    /** The person history documents for these careers (each list in sequence order), inserted in one go. */
    public void insertHistories(List<List<CareerEvent>> careers) {
        List<Document> documents = new ArrayList<>(careers.size());
        for (List<CareerEvent> career : careers) {
            Document entries = new Document();
            for (int sequence = 0; sequence < career.size(); sequence++) {
                entries.append(String.valueOf(sequence),
                        HistoryEntry.of(career.get(sequence), sequence).packed(messageId(career.get(sequence))));
            }
            documents.add(new Document("_id", career.get(0).personId()).append("entries", entries)
                    .append(HistoryWrites.LAST_SEQUENCE, (long) career.size() - 1)
                    .append(HistoryWrites.LAYOUT, ReadModelGenerations.LAYOUT));
        }
        generations.personHistories(generations.active()).insertMany(documents);
    }

    /** Team membership documents: team id to everyone who ever belonged to it. */
    public void insertTeams(Map<String, List<String>> members) {
        List<Document> documents = new ArrayList<>();
        members.forEach((team, people) -> documents.add(new Document("_id", team).append("members", people)));
        generations.teamMembers(generations.active()).insertMany(documents);
    }

    /** What the live projection stores for one career, written through its {@link HistoryWrites} into a scratch generation. */
    public Document projectedByHistoryWrites(List<CareerEvent> career, int scratchGeneration) {
        HistoryWrites writes = new HistoryWrites(generations, scratchGeneration);
        for (int sequence = 0; sequence < career.size(); sequence++) {
            writes.add(career.get(sequence), sequence, messageId(career.get(sequence)));
        }
        writes.flush();
        MongoCollection<Document> histories = generations.personHistories(scratchGeneration);
        Document stored = histories.find(new Document("_id", career.get(0).personId())).first();
        generations.drop(scratchGeneration);
        return stored;
    }

    /**
     * One career (in sequence order) as the query service reads it back from the read model on {@code today}: each
     * event packed as the projection stores it and unpacked as a read does, seen from today. For the planner
     * benchmark, which builds its problem from histories in memory (io.careerpath.query.planning.PlannerMeasurement).
     */
    public static PersonHistory history(List<CareerEvent> career, LocalDate today) {
        List<HistoryEntry> entries = new ArrayList<>(career.size());
        for (int sequence = 0; sequence < career.size(); sequence++) {
            Binary stored = HistoryEntry.of(career.get(sequence), sequence).packed(messageId(career.get(sequence)));
            entries.add(PersonHistory.inCurrentForm(HistoryEntry.fromDocument(PackedEntries.unpack(stored))));
        }
        return PersonHistory.of(career.get(0).personId(), entries, new Viewpoint(today, today));
    }

    /** The id the event store would have given the event (these events were never stored: one made up from it). */
    private static String messageId(CareerEvent event) {
        return "stored-" + event.eventId();
    }

    public Document stored(String personId) {
        return generations.personHistories(generations.active()).find(new Document("_id", personId)).first();
    }
}
