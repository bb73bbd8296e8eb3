package io.careerpath.command.publishing;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's backlog: events stored but not yet published, counted from the publisher's stored token
 * (read from the token table as any server sees it, without claiming it) to the head of the event table.
 */
class PublishingBacklog {

    private record StoredToken(byte[] token, String type) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String processorName;

    PublishingBacklog(JdbcTemplate jdbc, Serializer serializer, String processorName) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processorName = processorName;
    }

    long waiting() {
        long published = publishedUpTo().orElse(-1);
        Long waiting = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?", Long.class, published);
        return waiting == null ? 0 : waiting;
    }

    /** The global index up to which every event is published; empty before the first batch. */
    OptionalLong publishedUpTo() {
        List<StoredToken> tokens = jdbc.query("SELECT token, tokenType FROM TokenEntry WHERE processorName = ?",
                (row, n) -> new StoredToken(row.getBytes(1), row.getString(2)), processorName);
        OptionalLong lowest = OptionalLong.empty();
        for (StoredToken stored : tokens) {
            if (stored.token() == null) {
                return OptionalLong.empty();
            }
            TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(stored.token(), byte[].class,
                    stored.type(), null));
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = lowest.isEmpty() || position.getAsLong() < lowest.getAsLong() ? position : lowest;
        }
        return lowest;
    }
}
