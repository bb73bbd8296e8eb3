package io.careerpath.command.eventstore;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the stored events of many people with one query: the bulk import's fast path reads the histories
 * of a batch of people with it (and finds who has any, {@link #withEvents}), and the read side's paths into the
 * event store ({@link EventStoreReadController}) read heads and whole histories. Each person's rows come in sequence order, one person's after another's
 * (in no particular order of people).
 */
@Component
public class StoredEvents {

    /** What Axon's {@link GenericDomainEventEntry} needs, in its constructor's order. */
    static final String ENTRY_COLUMNS = "type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,"
            + " payloadType, payloadRevision, payload, metaData";

    private final JdbcTemplate jdbc;
    private volatile Boolean postgresql;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored event of these people, whole rows as Axon reads them (payloads still serialized). */
    public List<GenericDomainEventEntry<byte[]>> entriesOf(Collection<String> personIds) {
        return read(personIds, ENTRY_COLUMNS, (row, n) -> new GenericDomainEventEntry<>(row.getString(1),
                row.getString(2), row.getLong(3), row.getString(4), row.getString(5), row.getString(6),
                row.getString(7), row.getBytes(8), row.getBytes(9)));
    }

    /**
     * The chosen columns of every stored event of these people, one query for all of them.
     *
     * @param columns columns of DomainEventEntry, a constant of the caller's (never a value from a request)
     */
    <T> List<T> read(Collection<String> personIds, String columns, RowMapper<T> row) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
        if (ids.isEmpty()) {
            return List.of();
        }
        if (postgresql()) {
            // One index lookup per person, the ids bound as one array parameter (never written into the
            // statement). PostgreSQL plans "aggregateIdentifier IN (50 ids)" as a scan of the whole table while
            // the table has no statistics (a new event store filling up with an import: without statistics each
            // id is guessed at 0.5 % of the rows); a lateral join on the unique (person, sequence) key is an index
            // lookup per element whatever the statistics say, generic plan or custom (as in withEvents).
            return jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("SELECT " + columns
                        + " FROM unnest(?::varchar[]) WITH ORDINALITY AS ids (id, position) CROSS JOIN LATERAL"
                        + " (SELECT * FROM DomainEventEntry e WHERE e.aggregateIdentifier = ids.id) AS events"
                        + " ORDER BY ids.position, events.sequenceNumber");
                statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                return statement;
            }, row);
        }
        return jdbc.query("SELECT " + columns + " FROM DomainEventEntry WHERE aggregateIdentifier IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")"
                + " ORDER BY aggregateIdentifier, sequenceNumber", row, ids.toArray());
    }

    /**
     * Which of these people have events stored, found by their first event: one index lookup each. On PostgreSQL
     * each lookup is an equality on the whole unique (person, sequence) key, which the planner takes for one row
     * whatever the table's statistics say. An IN list of 500 ids was planned badly right after an import had filled
     * the table: the 21 queries for a file of 10,000 people took 5.6 s instead of 0.1 s this way
     * (BulkImportEndToEndTest's second run).
     */
    public Set<String> withEvents(Collection<String> personIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
        if (ids.isEmpty()) {
            return Set.of();
        }
        if (postgresql()) {
            return new HashSet<>(jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("SELECT first.aggregateIdentifier"
                        + " FROM unnest(?::varchar[]) AS ids (id) CROSS JOIN LATERAL (SELECT aggregateIdentifier"
                        + " FROM DomainEventEntry e WHERE e.aggregateIdentifier = ids.id AND e.sequenceNumber = 0"
                        + " LIMIT 1) AS first");
                statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                return statement;
            }, (row, n) -> row.getString(1)));
        }
        return new HashSet<>(jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry WHERE sequenceNumber = 0"
                + " AND aggregateIdentifier IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                String.class, ids.toArray()));
    }

    private boolean postgresql() {
        if (postgresql == null) {
            postgresql = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
        }
        return postgresql;
    }
}
