package io.careerpath.query.intake;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

/**
 * The Kafka consumer's buffer, handing records on in the order they were fetched.
 *
 * <p>Each record's tracking token is the consumer's position after that record, over every partition, in the order
 * the records were fetched; the processor stores the token of the last record of a batch. The extension's default
 * buffer ({@code SortedKafkaMessageBuffer}) reorders the records of a fetch by timestamp, so the last record handed on
 * may carry a token from before records of other partitions it handed on earlier: the stored token then lacks them.
 * Nothing is lost (they are read and ignored again after a restart), but the token stays behind the topic's end when
 * the topic goes quiet, and the projection's lag, the read models' staleness header and the projection's health
 * (no progress while events wait) all read that token: an idle platform would report itself behind, then stuck (the
 * cluster test, docs/scaling.md, caught it). In fetch order, the last record's token covers every record before it.
 * A person's records are in one partition, so their order is the same either way.
 */
final class ArrivalOrderBuffer implements Buffer<KafkaEventMessage> {

    /** As the extension's own buffer. */
    private static final int CAPACITY = 1_000;

    private final LinkedBlockingQueue<KafkaEventMessage> records = new LinkedBlockingQueue<>(CAPACITY);

    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        records.put(record);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> fetched) throws InterruptedException {
        for (KafkaEventMessage record : fetched) {
            records.put(record);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        return records.poll(timeout, unit);
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        return records.take();
    }

    @Override
    public KafkaEventMessage peek() {
        return records.peek();
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public boolean isEmpty() {
        return records.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return records.remainingCapacity();
    }

    @Override
    public void clear() {
        records.clear();
    }
}
