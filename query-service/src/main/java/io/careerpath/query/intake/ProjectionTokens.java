package io.careerpath.query.intake;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.careerpath.query.history.PersonHistoryProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The projection's segments as the token store holds them, whichever instance claims them: read straight from
 * {@code tracking_tokens}, since Axon's token store hands a segment's token only to the instance that claims it,
 * and a processor's status covers only the segments this instance holds. One small document per segment.
 */
public class ProjectionTokens {

    static final String COLLECTION = "tracking_tokens";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Duration claimTimeout;
    /** Axon's token store stamps claims with the system clock. */
    private final Clock clock = Clock.systemUTC();

    /** The tokens the projection's token store keeps in {@code database}, whose claims time out after {@code claimTimeout}. */
    public ProjectionTokens(MongoDatabase database, Serializer serializer, Duration claimTimeout) {
        this.tokens = database.getCollection(COLLECTION);
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
    }

    Duration claimTimeout() {
        return claimTimeout;
    }

    /**
     * One segment of the projection.
     *
     * @param id        Axon's segment id
     * @param owner     the instance that claims it ({@link ProjectionInstance#id()}), or null when unclaimed or when
     *                  its claim timed out (its owner stopped confirming it: anyone may take it)
     * @param positions the offset of the last record this segment passed, per partition (absent: none yet)
     */
    public record SegmentToken(int id, String owner, Map<TopicPartition, Long> positions) {
    }

    /** Every segment the token store holds for the projection, by segment id; empty before its first start. */
    public List<SegmentToken> segments() {
        Instant claimsAlive = clock.instant().minus(claimTimeout);
        List<SegmentToken> segments = new ArrayList<>();
        for (Document document : tokens.find(eq("processorName", PersonHistoryProjection.PROCESSING_GROUP))) {
            String owner = document.getString("owner");
            Long timestamp = document.getLong("timestamp");
            boolean claimed = owner != null && timestamp != null && Instant.ofEpochMilli(timestamp).isAfter(claimsAlive);
            segments.add(new SegmentToken(document.getInteger("segment"), claimed ? owner : null, positions(document)));
        }
        segments.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return segments;
    }

    /**
     * Where the projection as a whole stands: per partition, the offset every segment has passed (the least of
     * theirs, since each segment reads every partition and skips the people of the others); absent for a partition
     * some segment has no position in yet. Empty before the projection's first start.
     */
    public Optional<Map<TopicPartition, Long>> projected() {
        List<SegmentToken> segments = segments();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Map<TopicPartition, Long> everywhere = new HashMap<>(segments.get(0).positions());
        for (SegmentToken segment : segments.subList(1, segments.size())) {
            everywhere.keySet().retainAll(segment.positions().keySet());
            everywhere.replaceAll((partition, offset) -> Math.min(offset, segment.positions().get(partition)));
        }
        return Optional.of(everywhere);
    }

    private Map<TopicPartition, Long> positions(Document document) {
        Object data = document.get("token");
        if (data == null) {
            return Map.of();
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData() : (byte[]) data;
        TrackingToken token = new GenericTokenEntry<>(bytes, document.getString("tokenType"),
                Instant.ofEpochMilli(document.getLong("timestamp")).toString(), document.getString("owner"),
                document.getString("processorName"), document.getInteger("segment"), byte[].class).getToken(serializer);
        if (token == null) {
            return Map.of();
        }
        // unwrapped: while catching up with what the topic held at its first start the token is a ReplayToken
        return KafkaTrackingToken.from(WrappedToken.unwrapLowerBound(token)).getPositions();
    }
}
