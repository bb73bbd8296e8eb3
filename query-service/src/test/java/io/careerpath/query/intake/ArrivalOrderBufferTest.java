package io.careerpath.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.junit.jupiter.api.Test;

/**
 * One fetch of two partitions, whose records carry the consumer's position after each of them (as the extension's
 * converter gives them), partition 0 first, and partition 1's record older. The token of the last record handed on is
 * what the processor stores at the end of its batch: it must cover every record handed on.
 */
class ArrivalOrderBufferTest {

    private static final String TOPIC = "careerpath.career-events";

    @Test
    void theLastRecordHandedOnCarriesATokenCoveringEveryRecordOfTheFetch() throws Exception {
        assertThat(lastTokenHandedOn(new ArrivalOrderBuffer()))
                .isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 7L, new TopicPartition(TOPIC, 1), 3L));
    }

    /** Why the buffer exists: the extension's own hands the fetch on by timestamp, and its last token lacks partition 1. */
    @Test
    void theExtensionsSortedBufferHandsOnALastTokenThatLacksEarlierRecords() throws Exception {
        assertThat(lastTokenHandedOn(new SortedKafkaMessageBuffer<>()))
                .isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 7L));
    }

    private static Map<TopicPartition, Long> lastTokenHandedOn(Buffer<KafkaEventMessage> buffer) throws Exception {
        KafkaTrackingToken afterFirst = KafkaTrackingToken.emptyToken().advancedTo(TOPIC, 0, 7);
        KafkaTrackingToken afterSecond = afterFirst.advancedTo(TOPIC, 1, 3);
        buffer.putAll(List.of(record(afterFirst, 0, 7, 2_000), record(afterSecond, 1, 3, 1_000)));
        List<KafkaEventMessage> handedOn = new ArrayList<>();
        for (KafkaEventMessage next; (next = buffer.poll(0, TimeUnit.MILLISECONDS)) != null; ) {
            handedOn.add(next);
        }
        assertThat(handedOn).hasSize(2);
        return KafkaTrackingToken.from(handedOn.get(1).value().trackingToken()).getPositions();
    }

    private static KafkaEventMessage record(KafkaTrackingToken token, int partition, long offset, long timestamp) {
        TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(token,
                GenericEventMessage.asEventMessage("payload of partition " + partition));
        return new KafkaEventMessage(event, partition, offset, timestamp);
    }
}
