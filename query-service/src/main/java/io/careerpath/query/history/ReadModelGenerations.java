package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Read models live in generations: {@code person_histories_g3}, {@code team_members_g3}, ... One
 * generation is active and answers every query; a rebuild fills the next one from the first event
 * and then makes it active with a single document write, so a query sees either the old generation
 * or the new one, never a half-built one.
 */
@Component
public class ReadModelGenerations {

    static final String PERSON_HISTORIES = "person_histories";
    static final String TEAM_MEMBERS = "team_members";
    private static final String STATE = "read_model_generations";
    private static final String ACTIVE = "active";

    private final MongoDatabase database;
    private final MongoCollection<Document> state;

    ReadModelGenerations(MongoDatabase readModels) {
        this.database = readModels;
        this.state = readModels.getCollection(STATE);
    }

    /** The generation queries read and the live projection writes. Read per use: a rebuild may switch it. */
    public int active() {
        Document active = state.find(eq("_id", ACTIVE)).first();
        return active == null ? 1 : active.getInteger("generation");
    }

    public void activate(int generation) {
        state.replaceOne(eq("_id", ACTIVE), new Document("_id", ACTIVE).append("generation", generation),
                new ReplaceOptions().upsert(true));
    }

    MongoCollection<Document> personHistories(int generation) {
        return database.getCollection(PERSON_HISTORIES + "_g" + generation);
    }

    MongoCollection<Document> teamMembers(int generation) {
        return database.getCollection(TEAM_MEMBERS + "_g" + generation);
    }

    /** Removes a generation nobody reads any more. */
    public void drop(int generation) {
        personHistories(generation).drop();
        teamMembers(generation).drop();
    }
}
