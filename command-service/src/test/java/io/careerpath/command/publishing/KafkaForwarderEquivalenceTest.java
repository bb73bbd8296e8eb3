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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SimpleSerializedObject;
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

    /**
     * Events as the JDBC event store hands them out (payload and metadata still the stored bytes), with metadata of
     * every shape: the forwarder builds these records from the stored metadata without reading it back, so the
     * headers, their order (the one {@code MetaData}'s map iterates in) included, must still be the extension's.
     */
    @Test
    void recordsOfStoredEventsAreTheExtensionsWhateverTheirMetadata() {
        Map<String, Object> manyKeys = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            manyKeys.put("key-" + (i * 7919 % 101), "value-" + i);
        }
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("traceId", "trace-1");
        withNull.put("cleared", null);
        List<Map<String, Object>> shapes = List.of(Map.of(), Map.of("importId", "job-1", "traceId", "trace-1"),
                manyKeys, withNull, Map.of("name", "Zoë \"quoted\" \\ line\nbreak \u00e9\u4e2d"),
                Map.of("attempt", 3, "ratio", 0.5, "big", 12345678901L, "flag", true),
                Map.of("nested", Map.of("a", "b"), "list", List.of("x", "y"), "plain", "text"));
        List<byte[]> storedMetadata = new java.util.ArrayList<>();
        shapes.forEach(metadata -> storedMetadata.add(serializer.serialize(MetaData.from(metadata), byte[].class).getData()));
        // stored by other code than Axon's serializer: the JSON's order is not the order MetaData's map keeps
        StringBuilder reversed = new StringBuilder("{");
        for (int i = 39; i >= 0; i--) {
            reversed.append(i < 39 ? "," : "").append("\"key-").append(i * 7919 % 101).append("\":\"value-").append(i).append('"');
        }
        storedMetadata.add(reversed.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        storedMetadata.add("{\"traceId\":\"first\",\"traceId\":\"last\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var format = KafkaPublishingConfiguration.recordFormat(serializer);
        for (byte[] json : storedMetadata) {
            String metadata = new String(json, java.nio.charset.StandardCharsets.UTF_8);
            ProducerRecord<String, byte[]> forwarded = format.createKafkaMessage(storedEvent(json), TOPIC);
            ProducerRecord<String, byte[]> published = publishedByTheExtension(storedEvent(json));
            assertThat(forwarded.key()).as("key, metadata %s", metadata).isEqualTo(published.key()).isEqualTo(PERSON);
            assertThat(forwarded.timestamp()).isEqualTo(published.timestamp());
            assertThat(forwarded.partition()).isEqualTo(published.partition());
            assertThat(headers(forwarded)).as("headers, metadata %s", metadata).isEqualTo(headers(published));
            assertThat(forwarded.value()).isEqualTo(published.value());
        }
    }

    /** An event as Axon's JDBC engine reads it: a tracked domain event around the stored payload and metadata. */
    private DomainEventMessage<?> storedEvent(byte[] metadataJson) {
        JoinedPmo payload = new JoinedPmo(PERSON, "e-7", LocalDate.of(2024, 3, 1), "sub:manager",
                Instant.parse("2025-06-15T10:00:00Z"), PmoType.ORGANIZATIONAL, "sealed:pmo-name", DeliveryResponsibility.PARTIAL);
        SerializedMessage<JoinedPmo> message = new SerializedMessage<>("event-7", serializer.serialize(payload, byte[].class),
                new SimpleSerializedObject<>(metadataJson, byte[].class, MetaData.class.getName(), null), serializer);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(41), "Person", PERSON, 7, message,
                () -> Instant.parse("2025-06-15T10:00:00.123Z"));
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

    /** Every header as name=base64(value) (or name=null), in the record's order. */
    private static List<String> headers(ProducerRecord<String, byte[]> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .map(header -> header.key() + "=" + (header.value() == null ? "null"
                        : Base64.getEncoder().encodeToString(header.value()))).toList();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
