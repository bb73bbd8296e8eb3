package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PmoType;
import io.careerpath.pipeline.AxonSerialization;
import io.careerpath.pipeline.processors.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The forwarder replaces the Axon Kafka extension's publisher ({@link KafkaEventForwarder} says why), and the
 * query side reads the topic with the extension's consumer. So what the forwarder puts on the topic must be
 * exactly what the extension's {@link KafkaPublisher}, built as its auto-configuration builds it, would put
 * there for the same event: topic, partition (left to Kafka), key, timestamp, every header and the value.
 */
class KafkaForwarderEquivalenceTest {

    private static final String TOPIC = "careerpath.career-events";
    private static final String PERSON = "3f2b8c1e-9d4a-4f6b-8e2d-1a7c5b9e0f31";

    private final Serializer serializer = AxonSerialization.serializer(new ObjectMapper());

    @Test
    void theForwarderSendsTheRecordTheAxonKafkaExtensionsPublisherWouldSend() {
        DomainEventMessage<JoinedPmo> event = new GenericDomainEventMessage<>("Person", PERSON, 7,
                new JoinedPmo(PERSON, "e-7", LocalDate.of(2024, 3, 1), "sub:manager", Instant.parse("2025-06-15T10:00:00Z"),
                        PmoType.ORGANIZATIONAL, "sealed:pmo-name", DeliveryResponsibility.PARTIAL),
                MetaData.with("importId", "job-1").and("traceId", "trace-1").and("correlationId", "corr-1"));

        ProducerRecord<String, byte[]> forwarded = forwarded(event);
        ProducerRecord<String, byte[]> published = publishedByTheExtension(event);

        assertThat(forwarded.topic()).isEqualTo(published.topic()).isEqualTo(TOPIC);
        assertThat(forwarded.partition()).isEqualTo(published.partition());
        // keyed by the person: one person's events share a partition and keep their order
        assertThat(forwarded.key()).isEqualTo(published.key()).isEqualTo(PERSON);
        assertThat(forwarded.timestamp()).isEqualTo(published.timestamp());
        assertThat(headers(forwarded)).isEqualTo(headers(published))
                .contains("axon-message-id=" + base64(event.getIdentifier()), "axon-message-aggregate-id=" + base64(PERSON),
                        "axon-metadata-importId=" + base64("job-1"));
        assertThat(forwarded.value()).isEqualTo(published.value());
    }

    /** The forwarder's own loop, on an event store, token store and dead-letter queue in memory. */
    private ProducerRecord<String, byte[]> forwarded(DomainEventMessage<?> event) {
        MockProducer<String, byte[]> producer = producer();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        KafkaEventForwarder forwarder = new KafkaEventForwarder(eventStore, new InMemoryTokenStore(),
                NoTransactionManager.INSTANCE, InMemorySequencedDeadLetterQueue.<EventMessage<?>>defaultQueue(), producer,
                KafkaPublishingConfiguration.recordFormat(serializer), TOPIC, ProcessorMetrics.perBatch(KafkaEventForwarder.NAME, new SimpleMeterRegistry()), 200,
                Duration.ofSeconds(1));
        eventStore.publish(event);
        forwarder.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !producer.history().isEmpty());
        } finally {
            forwarder.stop();
            eventStore.shutDown();
        }
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }

    /** The extension's publisher with its auto-configuration's converter ({@code KafkaAutoConfiguration}). */
    private ProducerRecord<String, byte[]> publishedByTheExtension(DomainEventMessage<?> event) {
        MockProducer<String, byte[]> producer = producer();
        KafkaPublisher<String, byte[]> publisher = KafkaPublisher.<String, byte[]>builder()
                .producerFactory(new ProducerFactory<>() {
                    @Override
                    public Producer<String, byte[]> createProducer() {
                        return producer;
                    }

                    @Override
                    public ConfirmationMode confirmationMode() {
                        return ConfirmationMode.WAIT_FOR_ACK;
                    }

                    @Override
                    public void shutDown() {
                    }
                })
                .messageConverter(DefaultKafkaMessageConverter.builder().serializer(serializer).build())
                .topicResolver(message -> Optional.of(TOPIC))
                .build();
        // as the extension's publishing handler calls it: inside the event's unit of work
        DefaultUnitOfWork.startAndGet(event).execute(() -> publisher.send(event));
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    }

    /** Every header as name=base64(value), in the record's order. */
    private static List<String> headers(ProducerRecord<String, byte[]> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .map(header -> header.key() + "=" + Base64.getEncoder().encodeToString(header.value())).toList();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
