package io.careerpath.query.search;

import io.careerpath.query.history.ReadModelGenerations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * Files people's names into the name index straight, for the search benchmark: the entries the query service's
 * {@link NameIndexer} would write for the same names (the same {@link NameWords} and {@link NamePrefixDigests}
 * under the same secret), built in memory and inserted whole instead of person by person. In this package because
 * the index's classes are the query service's own.
 */
public final class NameIndexFixture {

    private final ReadModelGenerations generations;
    private final NamePrefixDigests digests;
    private final Map<String, List<String>> people = new LinkedHashMap<>();
    private final List<Document> owners = new ArrayList<>();

    public NameIndexFixture(ReadModelGenerations generations, String indexSecret) {
        this.generations = generations;
        this.digests = new NamePrefixDigests(new SearchProperties(indexSecret, Duration.ofMillis(250)));
    }

    /** Files one person's name (written by {@link #insert}). */
    public void add(String personId, String name) {
        List<String> filed = new ArrayList<>();
        for (String prefix : NameWords.indexedPrefixes(name)) {
            String digest = digests.of(prefix);
            people.computeIfAbsent(digest, d -> new ArrayList<>()).add(personId);
            filed.add(digest);
        }
        owners.add(new Document("_id", personId).append("digests", filed));
    }

    /** Writes everyone filed into the active generation's index; how many digests they are filed under. */
    public int insert() {
        int generation = generations.active();
        // appended to what the live indexer filed already (the people the projection saw share these names' prefixes;
        // these people are new to the index, so no $addToSet, whose check for each id would be quadratic)
        List<WriteModel<Document>> documents = new ArrayList<>();
        people.forEach((digest, ids) -> documents.add(new UpdateOneModel<>(Filters.eq("_id", digest),
                Updates.pushEach("people", ids), new UpdateOptions().upsert(true))));
        for (int from = 0; from < documents.size(); from += 100) {
            generations.namePrefixes(generation).bulkWrite(documents.subList(from, Math.min(documents.size(), from + 100)));
        }
        for (int from = 0; from < owners.size(); from += 1000) {
            generations.namePrefixOwners(generation).insertMany(owners.subList(from, Math.min(owners.size(), from + 1000)));
        }
        return documents.size();
    }

    /** How many people the digest of this prefix names (the length of the list a search for it reads). */
    public int filedUnder(String prefix) {
        return people.getOrDefault(digests.of(NameWords.normalised(prefix)), List.of()).size();
    }
}
