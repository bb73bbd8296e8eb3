package io.careerpath.query.intake;

import com.mongodb.client.MongoClient;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.careerpath.pipeline.deadletters.CauseKeepingPolicy;
import io.careerpath.pipeline.health.KafkaHealthIndicator;
import io.careerpath.pipeline.processors.ProcessorMetrics;
import io.careerpath.pipeline.processors.PromptRetryTrackingProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.careerpath.query.history.PersonHistoryProjection;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Career events reach the projections through Axon's Kafka consumer: a streamable source read by a
 * tracking processor, whose token (the offset per partition) lives in MongoDB beside the read
 * models. No consumer group commits offsets: the token is the only position.
 *
 * <p>A person whose event cannot be projected is parked in a sequenced dead-letter queue (in MongoDB,
 * beside the token, so it survives restarts), with every later event of theirs behind it, while everyone
 * else's events go on; an infrastructure failure (MongoDB away) still stops the batch, which is retried
 * from its token.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfiguration {

    /** How long a processor's claim on its segment holds without being confirmed (Axon's default). */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(KafkaIntakeConfiguration.class);
    static final String DEAD_LETTERS = "dead_letters";

    /**
     * Outside readiness: reads are answered from MongoDB while Kafka is away, each saying how stale it may be
     * ({@link ReadModelStaleness}).
     */
    @Bean(KafkaHealthIndicator.BEAN_NAME)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaIntakeProperties properties) {
        return new KafkaHealthIndicator(properties.bootstrapServers(), properties.topic());
    }

    @Bean
    StreamableKafkaMessageSource<String, byte[]> careerEventSource(KafkaIntakeProperties properties,
                                                                  Serializer serializer,
                                                                  EventUpcasterChain upcasters) {
        awaitTopic(properties);
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(properties.topic()))
                .consumerFactory(new DefaultConsumerFactory<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000,
                        // a position the topic no longer holds (records deleted by retention) resumes at the
                        // first record it holds, never at its end ("latest", Kafka's default, would skip
                        // everything in between); what was deleted is repaired from the event store
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")))
                .fetcher(AsyncFetcher.<String, byte[], KafkaEventMessage>builder()
                        .pollTimeout(100)
                        .build())
                .serializer(serializer)
                // the stored token must cover every record handed on (ArrivalOrderBuffer)
                .bufferFactory(ArrivalOrderBuffer::new)
                // records published before an event's latest revision are upcast as stored ones are (docs/events.md)
                .messageConverter(new UnreadableRecords(DefaultKafkaMessageConverter.builder().serializer(serializer)
                        .upcasterChain(upcasters).build()))
                .build();
    }

    /**
     * No correlation data: this service dispatches no messages of its own (no command, query or event is sent from
     * its handlers), so an event's origin has nowhere to go. Axon's default provider ({@code MessageOriginProvider},
     * which this bean replaces) still asks every handled event for it, and so deserializes each record's metadata
     * from its headers for nothing: 14 % of the projection thread in a catch-up's flight recording
     * (docs/performance.md, issue 17).
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    @Bean
    ProjectionInstance projectionInstance() {
        return ProjectionInstance.started();
    }

    @Bean
    TokenStore tokenStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                          Serializer serializer, ProjectionInstance instance) {
        TokenStore mongo = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, database)
                        .trackingTokensCollectionName(ProjectionTokens.COLLECTION)
                        .build())
                .serializer(serializer)
                .claimTimeout(CLAIM_TIMEOUT)
                .nodeId(instance.id())
                .build();
        // a claim confirmed within a fifth of its timeout is not confirmed again before the next batch
        return new RecentClaimTokenStore(mongo, CLAIM_TIMEOUT.dividedBy(5), Clock.systemUTC());
    }

    @Bean
    ProjectionTokens projectionTokens(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                      Serializer serializer) {
        return new ProjectionTokens(client.getDatabase(database), serializer, CLAIM_TIMEOUT);
    }

    @Bean
    SegmentBalance segmentBalance(org.axonframework.config.Configuration axon, ProjectionInstance instance,
                                  ProjectionTokens tokens, KafkaIntakeProperties properties, MongoClient client,
                                  @Value("${spring.data.mongodb.database}") String database) {
        return new SegmentBalance(axon, instance, tokens, client.getDatabase(database), properties.segments(),
                properties.balanceInterval());
    }

    /**
     * {@code careerpath.kafka.segments} segments (a person's events all in one, by the sequencing policy), as many
     * threads, so that one instance alone processes every segment; where several instances run, {@link SegmentBalance}
     * spreads the segments over them. An idle thread looks for an unclaimed segment every second (Axon's default: 5),
     * so that a segment given back is taken over promptly. Batches of {@code careerpath.kafka.batch-size} events. Failures
     * that escape the dead-letter queue (MongoDB away, a write refused) propagate instead of being logged and
     * skipped: the batch is retried from its last token rather than silently lost, within
     * {@code careerpath.kafka.max-retry-wait} of MongoDB's return ({@link PromptRetryTrackingProcessor}). The
     * batch's writes are sent after its last event, before its token is stored
     * ({@link PersonHistoryProjection#flushBatch}).
     */
    @Bean
    ConfigurerModule projectionsProcessor(KafkaIntakeProperties properties,
                                          StreamableKafkaMessageSource<String, byte[]> source,
                                          MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                          PersonHistoryProjection projection, MeterRegistry meters) {
        return configurer -> PromptRetryTrackingProcessor.register(configurer.eventProcessing(),
                        PersonHistoryProjection.PROCESSING_GROUP, c -> source,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(properties.segments())
                                .andInitialSegmentsCount(properties.segments())
                                .andTokenClaimInterval(1, TimeUnit.SECONDS)
                                .andBatchSize(properties.batchSize()),
                        properties.maxRetryWait())
                // stated, though Axon's default: a person's events (the key of the topic's records, and the aggregate
                // of the events read from them, unreadable records included) stay in one segment, in order, and a
                // parked person's later events are parked in the same sequence
                .registerSequencingPolicy(PersonHistoryProjection.PROCESSING_GROUP, c -> SequentialPerAggregatePolicy.instance())
                .registerListenerInvocationErrorHandler(PersonHistoryProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerMessageMonitor(PersonHistoryProjection.PROCESSING_GROUP,
                        c -> ProcessorMetrics.throughputAndLatency(PersonHistoryProjection.PROCESSING_GROUP, meters))
                .registerHandlerInterceptor(PersonHistoryProjection.PROCESSING_GROUP, c -> projection.flushAtEndOfBatch())
                .registerDeadLetterQueue(PersonHistoryProjection.PROCESSING_GROUP, c -> new ErasureFirstDeadLetters(
                        MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                .processingGroup(PersonHistoryProjection.PROCESSING_GROUP)
                                .mongoTemplate(DefaultMongoTemplate.builder()
                                        .mongoDatabase(client, database)
                                        .deadLetterCollectionName(DEAD_LETTERS)
                                        .build())
                                .serializer(c.serializer())
                                .build()))
                .registerDeadLetterPolicy(PersonHistoryProjection.PROCESSING_GROUP, c -> new CauseKeepingPolicy())
                // whether a person is parked is asked for every event: remembered instead of asked of MongoDB
                .registerDeadLetteringEventHandlerInvokerConfiguration(PersonHistoryProjection.PROCESSING_GROUP,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache());
    }

    /** The consumer reads the partition list once: the topic must exist before it starts. */
    private static void awaitTopic(KafkaIntakeProperties properties) {
        RetryPolicy<Boolean> untilCreated = RetryPolicy.<Boolean>builder()
                .handleResult(false) // and any failure: Kafka may not be up yet
                .withDelay(Duration.ofSeconds(1))
                .withMaxDuration(properties.startupTimeout())
                .withMaxRetries(-1)
                .onFailedAttempt(attempt -> {
                    if (attempt.getLastException() == null) {
                        log.info("Waiting for topic {} to be created by the command service", properties.topic());
                    } else {
                        log.warn("Waiting for Kafka at {}: {}", properties.bootstrapServers(),
                                attempt.getLastException().toString());
                    }
                })
                .build();
        boolean created;
        RuntimeException failure = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            created = Failsafe.with(untilCreated)
                    .get(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(properties.topic()));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw new IllegalStateException("Interrupted while waiting for topic " + properties.topic(), interrupted);
            }
            created = false;
            failure = e;
        } catch (RuntimeException e) {
            created = false; // the last attempt failed too (Kafka still away)
            failure = e;
        }
        if (!created) {
            throw new IllegalStateException("Topic " + properties.topic() + " did not appear on "
                    + properties.bootstrapServers() + " within " + properties.startupTimeout(), failure);
        }
    }
}
