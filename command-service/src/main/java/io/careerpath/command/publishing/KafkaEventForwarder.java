package io.careerpath.command.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The far end of the outbox: a tracking processor reads the event store and hands each event to
 * Kafka. Sends within a batch go out asynchronously; before the batch's unit of work commits (and
 * with it the processor's token) every send must be acknowledged by the broker. A failed or missing
 * acknowledgement rolls the batch back, so the processor retries it from the last stored token:
 * nothing is lost while Kafka is away, and a resend after a lost ack is a duplicate the idempotent
 * projections ignore.
 *
 * <p>A record Kafka refuses for good ({@link RecordRejections}: too large for the topic, say) would hold
 * everyone's events back forever. Such refusals are remembered (in memory) and the batch rolled back once;
 * on its retry the handler throws Kafka's refusal for exactly those events, and the processing group's
 * dead-letter queue parks them with their person's later events behind them (per-person order holds),
 * while the rest of the batch is published. A broker-wide failure (timeouts, no leader, the broker away)
 * is never parked: the batch is retried until Kafka is back. When an administrator retries a parked
 * event, it is sent and its acknowledgement awaited right away, so that the answer says whether it went
 * through. Kafka cannot take a record back: a person's events later in the same batch as the refused one
 * may reach the topic on the first attempt, before it; they are published again, in order, with it.
 *
 * <p>Why not the Axon Kafka extension's publisher: its confirmation mode waits for each event's ack in turn
 * (about 550 events/s on the project machines, against about 1,450 for this batch-ack forwarder, docs/STACK
 * figures), and it has no way to park one refused record without stopping everyone's. The record format stays
 * the extension's ({@link KafkaPublishingConfiguration#recordFormat}), so its consumer on the query side reads
 * these records unchanged: {@code KafkaForwarderEquivalenceTest} requires the records this forwarder sends
 * (topic, key, headers, value) to be exactly those the extension's {@code KafkaPublisher} would send.
 */
@ProcessingGroup(KafkaEventForwarder.PROCESSING_GROUP)
class KafkaEventForwarder {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventForwarder.class);
    private static final String PENDING_ACKS = KafkaEventForwarder.class.getName() + ".pendingAcks";
    private static final long ACK_TIMEOUT_SECONDS = 30;
    /** Refusals remembered between a batch and its retry; beyond this many a batch is simply retried again. */
    private static final int MAX_REMEMBERED_REFUSALS = 10_000;
    /** Acknowledged events remembered across a batch's retry at most (a few batches' worth). */
    private static final int MAX_REMEMBERED_ACKNOWLEDGEMENTS = 100_000;

    private record PendingAck(String eventId, Future<RecordMetadata> ack) {
    }

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    /** Event id → Kafka's refusal of its record, from the batch attempt that met it until the event is parked. */
    private final Map<String, RuntimeException> refusedForGood = new ConcurrentHashMap<>();
    /**
     * Events Kafka acknowledged in a batch whose token was then not stored (the event store went away before the
     * commit, or another event of the batch failed): its retry does not send them again, so the topic holds them
     * once. Kept until the retry commits; only a crash of this process in between still publishes them twice.
     */
    private final Set<String> acknowledgedNotCommitted = ConcurrentHashMap.newKeySet();

    KafkaEventForwarder(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter,
                        String topic) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
    }

    /**
     * Every event, whatever its payload. The payload is never deserialized here: the converter sends
     * the bytes read from the event store as they are (same serializer), so forwarding costs no JSON work.
     * An exception thrown here parks the event (the processing group's dead-letter queue).
     */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> event) throws Exception {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
            sendAndAwait(event);
            return;
        }
        if (acknowledgedNotCommitted.contains(event.getIdentifier())) {
            unitOfWork.afterCommit(committed -> acknowledgedNotCommitted.remove(event.getIdentifier()));
            return;
        }
        RuntimeException refusal = refusedForGood.get(event.getIdentifier());
        if (refusal != null) {
            unitOfWork.afterCommit(committed -> refusedForGood.remove(event.getIdentifier()));
            throw refusal;
        }
        pendingAcksOfThisBatch().add(new PendingAck(event.getIdentifier(), send(converter.createKafkaMessage(event, topic))));
    }

    /** An administrator's retry of a parked event: its answer says whether Kafka took it. */
    private void sendAndAwait(EventMessage<?> event) throws Exception {
        try {
            send(converter.createKafkaMessage(event, topic)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Failures of the send call itself (a closed producer, an interrupt) are the broker's, never the record's. */
    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<PendingAck> pendingAcksOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_ACKS, key -> {
            List<PendingAck> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(pending));
            // the batch committed: its token is stored, the acknowledged events need not be remembered any more
            batch.afterCommit(unitOfWork -> pending.forEach(sent -> acknowledgedNotCommitted.remove(sent.eventId())));
            return pending;
        });
    }

    private void awaitAll(List<PendingAck> pending) {
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
        Throwable outage = null;
        Throwable refusal = null;
        int refused = 0;
        for (PendingAck pendingAck : pending) {
            try {
                pendingAck.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                remember(pendingAck.eventId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaPublicationFailed("Interrupted while waiting for Kafka to acknowledge a batch", e);
            } catch (ExecutionException e) {
                if (RecordRejections.isForGood(e.getCause()) && remember(pendingAck.eventId(), (RuntimeException) e.getCause())) {
                    refused++;
                    refusal = refusal != null ? refusal : e.getCause();
                } else {
                    outage = outage != null ? outage : e.getCause();
                }
            } catch (TimeoutException e) {
                outage = outage != null ? outage : e;
            }
        }
        if (outage != null) {
            throw new KafkaPublicationFailed("Kafka did not acknowledge every event of the batch; it will be resent", outage);
        }
        if (refusal != null) {
            log.warn("Kafka refused {} event(s) of a batch for good ({}); the batch is resent once and those events"
                    + " are parked in the dead-letter queue with their people's later events", refused, refusal.toString());
            throw new KafkaPublicationFailed("Kafka refused " + refused + " event(s) of the batch for good; they will be"
                    + " parked on its retry", refusal);
        }
    }

    /** Remembered until the batch commits; beyond the bound a retry simply sends it again (at least once). */
    private void remember(String eventId) {
        if (acknowledgedNotCommitted.size() < MAX_REMEMBERED_ACKNOWLEDGEMENTS) {
            acknowledgedNotCommitted.add(eventId);
        }
    }

    private boolean remember(String eventId, RuntimeException refusal) {
        if (refusedForGood.size() >= MAX_REMEMBERED_REFUSALS && !refusedForGood.containsKey(eventId)) {
            return false;
        }
        refusedForGood.put(eventId, refusal);
        return true;
    }

    static final class KafkaPublicationFailed extends RuntimeException {
        KafkaPublicationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
