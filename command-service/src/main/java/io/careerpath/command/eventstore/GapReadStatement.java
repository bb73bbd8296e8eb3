package io.careerpath.command.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The publisher's read of the event table while its tracking token holds gaps: the next page after the token
 * plus the gaps' rows, as two index lookups joined by {@code UNION ALL}.
 *
 * <p>Axon's own statement asks for {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}.
 * H2 (the single-machine store) cannot use an index for an {@code OR} across a range and a list, so it reads
 * the whole table on every fetch; after a bulk import had left a few gaps (a rolled-back transaction still
 * uses up its indexes), every fetch of the publisher scanned hundreds of thousands of rows, and event to
 * visible went from p99 0.2 s to 2 s (docs/performance.md, "Gaps after an import"). Gaps stay in the token
 * until 10,000 newer events have passed (Axon's maxGapOffset), so the cost lasted. Both halves here use the
 * primary key on H2 and on PostgreSQL; they cannot overlap, because every gap lies below the token's index.
 */
final class GapReadStatement {

    private GapReadStatement() {
    }

    static PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    static String sql(EventSchema schema, int gapCount) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return "(" + select + index + " > ? AND " + index + " <= ?)"
                + " UNION ALL (" + select + index + " IN (" + String.join(",", Collections.nCopies(gapCount, "?")) + "))"
                + " ORDER BY " + index + " ASC";
    }
}
