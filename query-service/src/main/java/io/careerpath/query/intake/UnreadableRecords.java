package io.careerpath.query.intake;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MetaData;

/**
 * The topic's records as events, where a record that is not one stays visible. The extension's converter
 * answers "nothing" for a record without Axon's headers, or whose headers it cannot read, and the consumer
 * then skips it without a word. Here such a record becomes an event of its own ({@link UnreadableRecord},
 * keyed by the record's key, that is the person), which the projection refuses: the dead-letter queue
 * parks that person with the reason, and everyone else's events go on.
 */
final class UnreadableRecords implements KafkaMessageConverter<String, byte[]> {

    /** The sequence identifier of records that have no key: they share one parked sequence. */
    static final String UNKEYED = "unkeyed";
    private static final String MESSAGE_ID = "axon-message-id";
    private static final String MESSAGE_TYPE = "axon-message-type";
    private static final String AGGREGATE_SEQUENCE = "axon-message-aggregate-seq";

    private final KafkaMessageConverter<String, byte[]> events;

    UnreadableRecords(KafkaMessageConverter<String, byte[]> events) {
        this.events = events;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return events.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        Optional<EventMessage<?>> event = events.readKafkaMessage(record);
        if (event.isPresent()) {
            return event;
        }
        String reason = record.headers().lastHeader(MESSAGE_ID) == null || record.headers().lastHeader(MESSAGE_TYPE) == null
                ? "it has no Axon headers (" + MESSAGE_ID + ", " + MESSAGE_TYPE + "): it was not published as an event"
                : "its Axon headers could not be read as an event";
        UnreadableRecord unreadable = new UnreadableRecord(record.topic(), record.partition(), record.offset(),
                record.key(), record.value() == null ? 0 : record.value().length, reason);
        String person = record.key() == null || record.key().isBlank() ? UNKEYED : record.key();
        // the same record read again is the same message: a retry or a rebuild finds the letter it left
        String id = "record-" + record.topic() + "-" + record.partition() + "-" + record.offset();
        return Optional.of(new GenericDomainEventMessage<>("Person", person, sequenceOf(record), unreadable,
                MetaData.emptyInstance(), id, java.time.Instant.ofEpochMilli(record.timestamp())));
    }

    private static long sequenceOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(AGGREGATE_SEQUENCE);
        return header != null && header.value() != null && header.value().length == Long.BYTES
                ? ByteBuffer.wrap(header.value()).getLong() : -1;
    }

    /**
     * A record on the topic that is not an event this service can read, described without its content
     * (which may hold anything, personal data included).
     */
    public record UnreadableRecord(String topic, int partition, long offset, String key, int bytes, String reason) {

        @Override
        public String toString() {
            return "the record at offset " + offset + " of partition " + partition + " of " + topic + " (key "
                    + (key == null ? "none" : key) + ", " + bytes + " bytes) cannot be read as an event: " + reason;
        }
    }
}
