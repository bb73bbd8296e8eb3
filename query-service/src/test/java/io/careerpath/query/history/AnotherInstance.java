package io.careerpath.query.history;

import com.mongodb.client.MongoDatabase;
import io.careerpath.query.api.QueryProperties;

/**
 * The history reads of a second query-service instance on the same database: its own {@link ReadModelGenerations},
 * so that it is not told of the writes the first instance makes (as another process would not be).
 */
public final class AnotherInstance {

    private AnotherInstance() {
    }

    public static ReadModelGenerations generations(MongoDatabase database) {
        return new ReadModelGenerations(database);
    }

    public static HistoryReads reads(ReadModelGenerations generations, QueryProperties properties) {
        return new HistoryReads(generations, properties);
    }
}
