package io.careerpath.query.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.intake.ProjectionTokens.SegmentToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An installation whose token store holds one segment (the projection before segments) is split to the configured
 * two by its single instance, which then projects everyone, each person's events in order. Axon's own tracking
 * processor and MongoDB token store on a Mongo-wire server; an in-memory event stream stands for the topic.
 */
class SegmentBalanceTest {

    private static final String PROCESSOR = PersonHistoryProjection.PROCESSING_GROUP;
    private static final String INSTANCE = "the-only-instance";

    private MongoServer server;
    private MongoClient client;
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, List<Long>> handled = new ConcurrentHashMap<>();
    private TrackingEventProcessor processor;
    private SegmentBalance balance;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        MongoDatabase database = client.getDatabase("careerpath");
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "careerpath")
                        .trackingTokensCollectionName(ProjectionTokens.COLLECTION).build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(INSTANCE)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
        // as the projection left it before it had segments
        tokenStore.initializeTokenSegments(PROCESSOR, 1);
        processor = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Object() {
                    @EventHandler
                    void on(String payload, DomainEventMessage<?> event) {
                        handled.computeIfAbsent(event.getAggregateIdentifier(), person -> new CopyOnWriteArrayList<>())
                                .add(event.getSequenceNumber());
                    }
                }).sequencingPolicy(SequentialPerAggregatePolicy.instance()).build())
                .messageSource(events)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(2)
                        .andInitialSegmentsCount(2).andTokenClaimInterval(200, TimeUnit.MILLISECONDS).andBatchSize(5))
                .build();
        balance = new SegmentBalance(axonWith(processor), new ProjectionInstance(INSTANCE),
                new ProjectionTokens(database, JacksonSerializer.defaultSerializer(), Duration.ofSeconds(10)), database,
                2, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        balance.stop();
        processor.shutDown();
        events.shutDown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aSingleSegmentLeftByAnOlderVersionIsSplitToTheConfiguredCountAndEveryoneIsProjectedInOrder() {
        processor.start();
        balance.schedule();
        ProjectionTokens tokens = new ProjectionTokens(client.getDatabase("careerpath"),
                JacksonSerializer.defaultSerializer(), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tokens.segments())
                .extracting(SegmentToken::id, SegmentToken::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, INSTANCE), org.assertj.core.groups.Tuple.tuple(1, INSTANCE)));
        assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);

        for (long sequence = 0; sequence < 4; sequence++) {
            for (int person = 0; person < 20; person++) {
                events.publish(new GenericDomainEventMessage<>("Person", "person-" + person, sequence, "event " + sequence));
            }
        }
        List<Long> inOrder = LongStream.range(0, 4).boxed().toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(handled).hasSize(20);
            handled.forEach((person, sequences) -> assertThat(sequences).as(person).isEqualTo(inOrder));
        });
    }

    private static Configuration axonWith(TrackingEventProcessor processor) {
        Configuration axon = mock(Configuration.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(axon.eventProcessingConfiguration()).thenReturn(processing);
        when(processing.eventProcessor(PROCESSOR, TrackingEventProcessor.class)).thenReturn(Optional.of(processor));
        return axon;
    }
}
