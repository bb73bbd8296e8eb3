package io.careerpath.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.CareerEvent;
import io.careerpath.pipeline.AxonSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;

/**
 * Writes records into the platform's topic with a plain Kafka producer, as anyone with access to the
 * broker could: events in the publisher's exact format that the event store never held, and records that
 * are not events at all.
 */
final class TopicRecords implements AutoCloseable {

    private static final DefaultKafkaMessageConverter FORMAT = DefaultKafkaMessageConverter.builder()
            .serializer(AxonSerialization.serializer(new ObjectMapper())).build();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    TopicRecords(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The event as the publisher would send it, as number {@code sequence} of its person, under {@code messageId}. */
    ProducerRecord<String, byte[]> event(CareerEvent event, long sequence, String messageId) {
        return FORMAT.createKafkaMessage(new GenericDomainEventMessage<>("Person", event.personId(), sequence, event,
                org.axonframework.messaging.MetaData.emptyInstance(), messageId, event.recordedAt()), topic);
    }

    /** The same record with another payload (its headers still name the event's type and revision). */
    ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
        return new ProducerRecord<>(topic, null, record.key(), value.getBytes(StandardCharsets.UTF_8), record.headers());
    }

    /** The same record claiming another payload type. */
    ProducerRecord<String, byte[]> withType(ProducerRecord<String, byte[]> record, String type) {
        ProducerRecord<String, byte[]> changed = new ProducerRecord<>(topic, null, record.key(), record.value(),
                record.headers());
        changed.headers().remove("axon-message-type");
        changed.headers().add(new RecordHeader("axon-message-type", type.getBytes(StandardCharsets.UTF_8)));
        return changed;
    }

    /** A record with no Axon headers at all, keyed by the person. */
    ProducerRecord<String, byte[]> plain(String personId, String value) {
        return new ProducerRecord<>(topic, personId, value.getBytes(StandardCharsets.UTF_8));
    }

    void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The broker did not take the record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
