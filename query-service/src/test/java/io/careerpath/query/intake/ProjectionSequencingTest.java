package io.careerpath.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.PersonRegistered;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * With several segments, a person's events must all reach one segment, in order, and a parked person's later events
 * the same dead-letter sequence: the projection's sequencing policy must see, in what the Kafka consumer hands the
 * processor, the person. Records as the command service publishes them (the extension's format) and records that are
 * not events at all ({@link UnreadableRecords}) both carry them.
 */
class ProjectionSequencingTest {

    private static final String TOPIC = "careerpath.career-events";
    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");
    private static final SequentialPerAggregatePolicy POLICY = SequentialPerAggregatePolicy.instance();
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private final UnreadableRecords converter = new UnreadableRecords(
            DefaultKafkaMessageConverter.builder().serializer(SERIALIZER).build());
    private long offset;

    @Test
    void anEventIsSequencedByItsPerson() {
        TrackedEventMessage<?> received = received(published(registration("ada", 0)));

        assertThat(received).isInstanceOf(DomainEventMessage.class);
        assertThat(POLICY.getSequenceIdentifierFor(received)).isEqualTo("ada");
    }

    @Test
    void aRecordThatIsNoEventIsSequencedByItsKeyThePerson() {
        TrackedEventMessage<?> received = received(new ProducerRecord<>(TOPIC, null, "bob", new byte[]{1, 2, 3}));

        assertThat(received.getPayload()).isInstanceOf(UnreadableRecords.UnreadableRecord.class);
        assertThat(POLICY.getSequenceIdentifierFor(received)).isEqualTo("bob");
    }

    @Test
    void everyEventOfAPersonFallsInOneOfTwoSegments() {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        for (String person : List.of("ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal")) {
            List<TrackedEventMessage<?>> events = List.of(received(published(registration(person, 0))),
                    received(published(new GenericDomainEventMessage<>("Person", person, 1,
                            new DeliveryRoleStarted(person, person + "-1", LocalDate.parse("2020-01-01"), person, RECORDED,
                                    "Apollo"), MetaData.emptyInstance(), person + "-m1", RECORDED))),
                    received(new ProducerRecord<>(TOPIC, null, person, new byte[]{9})));
            for (TrackedEventMessage<?> event : events) {
                Object sequence = POLICY.getSequenceIdentifierFor(event);
                assertThat(halves[0].matches(sequence)).as(person).isNotEqualTo(halves[1].matches(sequence));
                assertThat(halves[0].matches(sequence)).as(person).isEqualTo(halves[0].matches((Object) person));
            }
        }
    }

    private static DomainEventMessage<?> registration(String person, long sequence) {
        return new GenericDomainEventMessage<>("Person", person, sequence,
                new PersonRegistered(person, person + "-0", LocalDate.parse("2015-01-01"), "hr", RECORDED, person, "t1"),
                MetaData.emptyInstance(), person + "-m0", RECORDED);
    }

    private ProducerRecord<String, byte[]> published(DomainEventMessage<?> event) {
        return converter.createKafkaMessage(event, TOPIC);
    }

    /** The record as the streamable Kafka source hands it to the processor. */
    private TrackedEventMessage<?> received(ProducerRecord<String, byte[]> sent) {
        long at = offset++;
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 0, at, RECORDED.toEpochMilli(),
                TimestampType.CREATE_TIME, -1, sent.value().length, sent.key(), sent.value(),
                new RecordHeaders(sent.headers().toArray()), Optional.empty());
        return KafkaEventMessage.from(converter.readKafkaMessage(record).orElseThrow(), record,
                KafkaTrackingToken.newInstance(Map.of(new TopicPartition(TOPIC, 0), at))).value();
    }
}
