package io.careerpath.command.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The far end of the outbox: a tracking processor reads the event store and hands each event to
 * Kafka. Sends within a batch go out asynchronously; before the batch's unit of work commits (and
 * with it the processor's token) every send must be acknowledged by the broker. A failed or missing
 * acknowledgement rolls the batch back, so the processor retries it from the last stored token:
 * nothing is lost while Kafka is away, and a resend after a lost ack is a duplicate the idempotent
 * projections ignore.
 *
 * <p>This replaces the Axon Kafka extension's publisher, whose confirmation mode waits for each
 * event's ack in turn (about 550 events/s on the project machines); the record format stays the
 * extension's, so its consumer on the query side reads these records unchanged.
 */
@ProcessingGroup(KafkaEventForwarder.PROCESSING_GROUP)
class KafkaEventForwarder {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_ACKS = KafkaEventForwarder.class.getName() + ".pendingAcks";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;

    KafkaEventForwarder(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter,
                        String topic) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
    }

    /**
     * Every event, whatever its payload. The payload is never deserialized here: the converter sends
     * the bytes read from the event store as they are (same serializer), so forwarding costs no JSON work.
     */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> event) {
        pendingAcksOfThisBatch().add(producer.send(converter.createKafkaMessage(event, topic)));
    }

    private List<Future<RecordMetadata>> pendingAcksOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_ACKS, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : pending) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublicationFailed("Interrupted while waiting for Kafka to acknowledge a batch", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaPublicationFailed("Kafka did not acknowledge every event of the batch; it will be resent", e);
        }
    }

    static final class KafkaPublicationFailed extends RuntimeException {
        KafkaPublicationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
