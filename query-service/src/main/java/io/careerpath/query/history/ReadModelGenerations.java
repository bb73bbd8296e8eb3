package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Read models live in generations: {@code person_histories_g3}, {@code team_members_g3}, ... One
 * generation is active and answers every query; a rebuild fills the next one from the event store
 * and then makes it active with a single document write, so a query sees either the old generation
 * or the new one, never a half-built one.
 *
 * <p>Every document and every generation carries the layout it was written in ({@link #LAYOUT}). A
 * change to what the projection stores raises it; a service that finds the active generation in an
 * older layout rebuilds it at start-up (queries answer from the old one meanwhile).
 */
@Component
public class ReadModelGenerations {

    /**
     * The layout of the documents this code writes. 2: each entry keeps the event store's id of the event
     * ({@code messageId}) and each document its layout; JOINED_PMO's delivery responsibility is NONE, PARTIAL
     * or FULL. 3: the name index ({@code name_prefixes}, {@code name_prefix_owners}, {@code name_index_pending}),
     * so that a generation written before it is rebuilt, and everyone indexed. 4: each entry packed into one BSON
     * binary ({@link PackedEntries}), so that reading a history no longer costs the store a value per field.
     */
    public static final int LAYOUT = 4;
    static final String PERSON_HISTORIES = "person_histories";
    static final String TEAM_MEMBERS = "team_members";
    private static final String NAME_PREFIXES = "name_prefixes";
    private static final String NAME_PREFIX_OWNERS = "name_prefix_owners";
    private static final String NAME_INDEX_PENDING = "name_index_pending";
    private static final String STATE = "read_model_generations";
    private static final String ACTIVE = "active";
    private static final String LAYOUT_FIELD = "layout";

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private volatile HistoryChanges changes = HistoryChanges.NONE;

    ReadModelGenerations(MongoDatabase readModels) {
        this.database = readModels;
        this.state = readModels.getCollection(STATE);
    }

    /** The generation queries read and the live projection writes. Read per use: a rebuild may switch it. */
    public int active() {
        Document active = state.find(eq("_id", ACTIVE)).first();
        return active == null ? 1 : active.getInteger("generation");
    }

    /**
     * The layout the active generation was written in, read at start-up. A new installation's first
     * generation is recorded here as the current layout; a generation filled before layouts were recorded
     * is in layout 1.
     */
    public int activeLayoutAtStart() {
        Document active = state.find(eq("_id", ACTIVE)).first();
        if (active != null && active.get(LAYOUT_FIELD) instanceof Number layout) {
            return layout.intValue();
        }
        int generation = active == null ? 1 : active.getInteger("generation");
        if (personHistories(generation).countDocuments() == 0) {
            activate(generation);
            return LAYOUT;
        }
        return 1;
    }

    /** Makes the generation, built in the current layout, the one queries read. */
    public void activate(int generation) {
        state.replaceOne(eq("_id", ACTIVE), new Document("_id", ACTIVE).append("generation", generation)
                        .append(LAYOUT_FIELD, LAYOUT),
                new ReplaceOptions().upsert(true));
    }

    MongoCollection<Document> personHistories(int generation) {
        return database.getCollection(PERSON_HISTORIES + "_g" + generation);
    }

    MongoCollection<Document> teamMembers(int generation) {
        return database.getCollection(TEAM_MEMBERS + "_g" + generation);
    }

    /** The search by name's blind index: per keyed digest of a name prefix, the people whose name has it (io.careerpath.query.search). */
    public MongoCollection<Document> namePrefixes(int generation) {
        return database.getCollection(NAME_PREFIXES + "_g" + generation);
    }

    /** Per person, the digests they are filed under in {@link #namePrefixes}, so that they can be taken out again. */
    public MongoCollection<Document> namePrefixOwners(int generation) {
        return database.getCollection(NAME_PREFIX_OWNERS + "_g" + generation);
    }

    /** The people whose entries in the name index must be derived again from their history (registered, erased, repaired). */
    public MongoCollection<Document> nameIndexPending(int generation) {
        return database.getCollection(NAME_INDEX_PENDING + "_g" + generation);
    }

    /** Who is told around every write of people's histories (one listener: the figures for today kept in memory). */
    public void tellChangesTo(HistoryChanges listener) {
        this.changes = listener;
    }

    HistoryChanges changes() {
        return changes;
    }

    /** Collections of the read-model database that are not per generation (the figures' change log). */
    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    /** Removes a generation nobody reads any more. */
    public void drop(int generation) {
        personHistories(generation).drop();
        teamMembers(generation).drop();
        namePrefixes(generation).drop();
        namePrefixOwners(generation).drop();
        nameIndexPending(generation).drop();
    }
}
