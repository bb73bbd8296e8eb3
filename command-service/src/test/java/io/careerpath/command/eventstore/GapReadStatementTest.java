package io.careerpath.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The publisher's read while its token holds gaps: the same rows, in the same order, as Axon's own statement,
 * on both event stores; and on H2 with index lookups, where Axon's statement walks the whole primary key.
 */
class GapReadStatementTest {

    private static final int EVENTS = 20_000;
    private static final long TOKEN_INDEX = 15_000;
    private static final int BATCH = 1_000;
    /** Gaps as a token holds them: some since filled (the row exists now), some for good (rolled back). */
    private static final List<Long> GAPS = List.of(3L, 700L, 5_000L, 12_345L, 14_990L, 14_999L);
    private static final List<Long> ROLLED_BACK = List.of(700L, 12_345L, 15_002L);

    private final EventSchema schema = new EventSchema();

    @ParameterizedTest
    @ValueSource(strings = {EventStoreDatabase.H2, EventStoreDatabase.POSTGRESQL})
    void readsTheSameRowsInTheSameOrderAsAxonsStatement(String kind) throws SQLException {
        EventStoreDatabase database = storeWithGaps(kind);

        Connection connection = DataSourceUtils.getConnection(database.dataSource());
        try {
            List<Long> axons = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(
                    connection, schema, TOKEN_INDEX, BATCH, GAPS));
            List<Long> ours = indexes(GapReadStatement.build(connection, schema, TOKEN_INDEX, BATCH, GAPS));

            assertThat(ours).isEqualTo(axons)
                    .hasSize(4 + BATCH - 1) // the four filled gaps, then the page without the rolled-back 15,002
                    .startsWith(3L, 5_000L, 14_990L, 14_999L, 15_001L, 15_003L)
                    .endsWith(TOKEN_INDEX + BATCH);
        } finally {
            DataSourceUtils.releaseConnection(connection, database.dataSource());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EventStoreDatabase.H2})
    void looksUpThePrimaryKeyWhereAxonsStatementWalksAllOfIt(String kind) {
        EventStoreDatabase database = storeWithGaps(kind);
        Object[] arguments = new Object[2 + GAPS.size()];
        arguments[0] = TOKEN_INDEX;
        arguments[1] = TOKEN_INDEX + BATCH;
        for (int i = 0; i < GAPS.size(); i++) {
            arguments[i + 2] = GAPS.get(i);
        }
        String axonsSql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (?,?,?,?,?,?) ORDER BY globalIndex ASC";

        String axonsPlan = database.jdbc().queryForObject("EXPLAIN " + axonsSql, String.class, arguments);
        String ourPlan = database.jdbc().queryForObject("EXPLAIN " + GapReadStatement.sql(schema, GAPS.size()),
                String.class, arguments);

        // H2 names the index it reads in a comment, with the bounds it looks up (": globalindex > ?1 ...") or
        // without any, when it walks the whole index only to return rows in order
        assertThat(indexReads(axonsPlan)).as("the reason for GapReadStatement: H2 walks the whole primary key")
                .containsExactly("public.PRIMARY_KEY_F");
        assertThat(indexReads(ourPlan)).hasSize(2).allSatisfy(read -> assertThat(read).contains("PRIMARY_KEY_F: "));
    }

    private static List<String> indexReads(String plan) {
        return Pattern.compile("/\\* (public\\.[^*]+?) \\*/").matcher(plan).results().map(match -> match.group(1))
                .filter(read -> !read.startsWith("public.\"")).toList();
    }

    private EventStoreDatabase storeWithGaps(String kind) {
        EventStoreDatabase database = EventStoreDatabase.fresh(kind, "careerpath_gap_read_test");
        List<Object[]> rows = new ArrayList<>();
        for (long index = 1; index <= EVENTS; index++) {
            if (!ROLLED_BACK.contains(index)) {
                rows.add(new Object[] {index, "person-" + (index % 500), index, "Person", "event-" + index,
                        new byte[] {1}, "RoleStarted", "2026-12-04T10:00:00Z"});
            }
        }
        database.jdbc().batchUpdate("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
                + " eventIdentifier, payload, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return database;
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("globalIndex"));
            }
        }
        return indexes;
    }
}
