package io.careerpath.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.intake.ProjectionTokens.SegmentToken;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the projection stands is read from every segment's token in the store, whichever instance claims it (the
 * lag, the read models' staleness and the projection's health of an instance depend on it, also of one that holds no
 * segment): per partition the least offset of all segments, since each segment reads every partition.
 */
class ProjectionTokensTest {

    private static final String PROCESSOR = PersonHistoryProjection.PROCESSING_GROUP;
    private static final String DATABASE = "tokens_test";
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final TopicPartition P0 = new TopicPartition("career-events", 0);
    private static final TopicPartition P1 = new TopicPartition("career-events", 1);
    private static final TopicPartition P2 = new TopicPartition("career-events", 2);

    private MongoServer server;
    private MongoClient client;
    private MongoTokenStore here;
    private MongoTokenStore elsewhere;
    private ProjectionTokens tokens;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        here = tokenStore("this-instance");
        elsewhere = tokenStore("another-instance");
        tokens = new ProjectionTokens(client.getDatabase(DATABASE), SERIALIZER, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void beforeTheFirstStartTheProjectionStandsNowhere() {
        assertThat(tokens.segments()).isEmpty();
        assertThat(tokens.projected()).isEmpty();
    }

    @Test
    void theProjectionStandsWhereItsLeastAdvancedSegmentStandsWhoeverClaimsIt() {
        here.initializeTokenSegments(PROCESSOR, 2);
        here.fetchToken(PROCESSOR, 0);
        here.storeToken(kafka(Map.of(P0, 10L, P1, 4L)), PROCESSOR, 0);
        elsewhere.fetchToken(PROCESSOR, 1);
        elsewhere.storeToken(kafka(Map.of(P0, 7L, P1, 9L, P2, 3L)), PROCESSOR, 1);

        // partition 2: segment 0 has read nothing of it yet, so the projection as a whole has not either
        assertThat(tokens.projected()).contains(Map.of(P0, 7L, P1, 4L));
        assertThat(tokens.segments()).extracting(SegmentToken::id, SegmentToken::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "this-instance"),
                        org.assertj.core.groups.Tuple.tuple(1, "another-instance"));
    }

    @Test
    void aSegmentCatchingUpOnItsFirstStartIsReadThroughItsReplayToken() {
        here.initializeTokenSegments(PROCESSOR, 1);
        here.fetchToken(PROCESSOR, 0);
        here.storeToken(ReplayToken.createReplayToken(kafka(Map.of(P0, 20L)), kafka(Map.of(P0, 5L))), PROCESSOR, 0);

        assertThat(tokens.projected()).contains(Map.of(P0, 5L));
    }

    @Test
    void aReleasedClaimAndOneNotConfirmedWithinTheTimeoutHaveNoOwner() {
        here.initializeTokenSegments(PROCESSOR, 2);
        here.fetchToken(PROCESSOR, 0);
        here.fetchToken(PROCESSOR, 1);
        here.releaseClaim(PROCESSOR, 1);

        assertThat(tokens.segments()).extracting(SegmentToken::owner).containsExactly("this-instance", null);
        assertThat(new ProjectionTokens(client.getDatabase(DATABASE), SERIALIZER, Duration.ZERO).segments())
                .extracting(SegmentToken::owner).containsOnlyNulls();
    }

    private MongoTokenStore tokenStore(String owner) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, DATABASE)
                        .trackingTokensCollectionName(ProjectionTokens.COLLECTION).build())
                .serializer(SERIALIZER)
                .nodeId(owner)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static TrackingToken kafka(Map<TopicPartition, Long> positions) {
        return KafkaTrackingToken.newInstance(positions);
    }
}
