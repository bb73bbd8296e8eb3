package io.careerpath.command.publishing;

import io.careerpath.pipeline.deadletters.DeadLetterAdministration;
import io.careerpath.pipeline.deadletters.ProcessingGroupDeadLetters;
import io.careerpath.pipeline.health.KafkaHealthIndicator;
import io.careerpath.pipeline.health.TrackingProcessorHealth;
import io.careerpath.pipeline.processors.ProcessorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the outbox's far end: a producer that only counts an event as sent once every in-sync
 * replica has it, the forwarder that drives it from the event store, the dead-letter queue
 * that parks a person's events when Kafka refuses one of them for good, and the {@code publishing}
 * health. Switched off with {@code careerpath.kafka.enabled=false}: the recording side then runs without
 * a broker, and events wait in the event store (tests of the command API use that).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "careerpath.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaPublishingConfiguration {

    /** Outside readiness: the service records while Kafka is away (the publisher waits). */
    @Bean(KafkaHealthIndicator.BEAN_NAME)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaPublishingProperties properties) {
        return new KafkaHealthIndicator(properties.bootstrapServers(), properties.topic());
    }

    @Bean
    CareerEventsTopic careerEventsTopic(KafkaPublishingProperties properties) {
        return CareerEventsTopic.ensureExists(properties);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> careerEventProducer(KafkaPublishingProperties properties, CareerEventsTopic topic) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // fail a send within the processor's patience, so a batch stuck behind an outage is retried
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "careerpath-command-service"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * One forwarder per instance; the one holding the token's claim publishes. The dead-letter queue lives in the
     * event store's database, so that parking an event commits with the token; its sequences are people (a parked
     * person's later events wait behind the parked one). After a failure (the event store or Kafka away) it tries
     * again within {@code careerpath.kafka.max-retry-wait}.
     */
    @Bean
    KafkaEventForwarder kafkaEventForwarder(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions,
                                            @Qualifier("publisherDeadLetterQueue")
                                            SequencedDeadLetterQueue<EventMessage<?>> deadLetters,
                                            Producer<String, byte[]> producer, Serializer serializer,
                                            CareerEventsTopic topic, KafkaPublishingProperties properties,
                                            MeterRegistry meters) {
        return new KafkaEventForwarder(eventStore, tokenStore, transactions, deadLetters, producer,
                recordFormat(serializer), topic.name(),
                ProcessorMetrics.perBatch(KafkaEventForwarder.NAME, meters),
                properties.batchSize(), properties.maxRetryWait());
    }

    /**
     * The Axon Kafka extension's own record format, as its auto-configuration builds it: keyed by aggregate
     * (person) id, so that one person's events share a partition and stay in order; Axon's headers; the
     * payload as the event serializer writes it. The query side reads it with the extension's consumer
     * ({@code KafkaForwarderEquivalenceTest} pins the records against the extension's publisher). Built from
     * the stored metadata without reading it back ({@link StoredMetadataRecordFormat} says why).
     */
    static KafkaMessageConverter<String, byte[]> recordFormat(Serializer serializer) {
        return new StoredMetadataRecordFormat(serializer);
    }

    @Bean
    SequencedDeadLetterQueue<EventMessage<?>> publisherDeadLetterQueue(ConnectionProvider connections,
                                                                      TransactionManager transactions,
                                                                      Serializer serializer,
                                                                      @Qualifier("eventSerializer") Serializer eventSerializer) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(KafkaEventForwarder.NAME)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    @Bean
    ProcessingGroupDeadLetters publisherDeadLetters(@Qualifier("publisherDeadLetterQueue")
                                                    SequencedDeadLetterQueue<EventMessage<?>> queue,
                                                    KafkaEventForwarder forwarder) {
        return new ProcessingGroupDeadLetters(KafkaEventForwarder.NAME, () -> queue, () -> forwarder,
                SequentialPerAggregatePolicy::instance);
    }

    @Bean
    PublishingBacklog publishingBacklog(JdbcTemplate jdbc, Serializer serializer) {
        return new PublishingBacklog(jdbc, serializer, KafkaEventForwarder.NAME);
    }

    /**
     * {@code publishing}: the forwarder's health ({@code publishing/processor}: DOWN when stuck or in error,
     * DEGRADED while events are parked) and the outbox ({@code publishing/outbox}: the backlog and what the
     * topic keeps). Readiness shows the outbox only: recording goes on while Kafka is away, the outbox is
     * there for exactly that, so a stuck publisher must not take the service out of traffic.
     */
    @Bean
    HealthContributor publishing(KafkaEventForwarder forwarder, PublishingBacklog backlog, DeadLetterAdministration deadLetters,
                                 CareerEventsTopic topic, KafkaPublishingProperties properties) {
        String group = KafkaEventForwarder.NAME;
        HealthIndicator processor = TrackingProcessorHealth.forState(group, () -> Optional.of(forwarder.state()))
                .waitingWork(backlog::waiting)
                .deadLetters(() -> deadLetters.countsByCause(group))
                .noProgressLimit(properties.noProgressLimit())
                .build();
        HealthIndicator outbox = () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            try {
                details.put("waiting", backlog.waiting());
            } catch (RuntimeException eventStoreAway) {
                // the outbox is the event store: away with it (the db indicator says why)
                return Health.down(eventStoreAway).withDetails(topic.details()).build();
            }
            details.putAll(topic.details());
            return Health.up().withDetails(details).build();
        };
        Map<String, HealthContributor> members = new LinkedHashMap<>();
        members.put("processor", processor);
        members.put("outbox", outbox);
        return CompositeHealthContributor.fromMap(members);
    }
}
