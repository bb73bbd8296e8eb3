package io.careerpath.query.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.careerpath.query.keys.PersonKeyLookup;
import io.careerpath.query.source.SourceOfTruth;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The projection and what it needs (generations, repairs, anomalies), wired as in the service, for tests in
 * other packages (the rebuild's equivalence test); and every document a generation holds, to compare them.
 */
public final class ProjectionFixture {

    private final ReadModelGenerations generations;
    private final PersonHistoryProjection projection;

    public ProjectionFixture(MongoDatabase database, SourceOfTruth eventStore, PersonKeyLookup keys,
                             MeterRegistry meters) {
        this.generations = new ReadModelGenerations(database);
        ProjectionAnomalies anomalies = new ProjectionAnomalies(meters);
        ReadModelRepair repair = new ReadModelRepair(eventStore, generations, keys, meters);
        this.projection = new PersonHistoryProjection(generations, keys, repair, anomalies, event -> {
        });
    }

    public ReadModelGenerations generations() {
        return generations;
    }

    public PersonHistoryProjection projection() {
        return projection;
    }

    /** The generation's person histories (tombstones included), by person id. */
    public Map<String, Document> personHistories(int generation) {
        return byId(generations.personHistories(generation));
    }

    /** The generation's teams and their members, by team id. */
    public Map<String, Document> teamMembers(int generation) {
        return byId(generations.teamMembers(generation));
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection) {
        Map<String, Document> documents = new TreeMap<>();
        collection.find().forEach(document -> documents.put(document.getString("_id"), document));
        return documents;
    }
}
