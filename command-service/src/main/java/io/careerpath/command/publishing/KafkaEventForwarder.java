package io.careerpath.command.publishing;

import io.careerpath.pipeline.deadletters.CauseKeepingPolicy;
import io.careerpath.pipeline.health.ProcessorState;
import io.careerpath.pipeline.processors.ProcessorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The far end of the outbox: one thread, in whichever command-service instance holds the publisher's claim, reads
 * the event store from its token in batches and hands each event's stored bytes to Kafka. Every send of a batch goes
 * out at once; only when the broker has acknowledged all of them does the token move, in one transaction with the
 * batch's parked events. A failed or missing acknowledgement leaves the token where it was, and the batch is read
 * and sent again: nothing is lost while Kafka is away, and a resend after a lost ack is a duplicate the idempotent
 * projections ignore. Events Kafka did acknowledge are remembered across such a retry and not sent twice (only a
 * crash of this process in between still publishes them twice).
 *
 * <p><b>Why not Axon's tracking processor:</b> it ran this handler per event inside a unit of work with interceptors,
 * monitors and a dead-lettering invoker; flight recordings put that machinery at most of the publisher thread's time
 * (docs/performance.md, "Publishing"). This loop keeps what made the processor safe and does nothing else per event:
 * <ul>
 * <li>the event store's own stream (Axon's JDBC engine in pages, upcast, the gap-aware token: an index skipped by a
 * transaction that commits late is read later, never lost);</li>
 * <li>the token in Axon's token store under the processor's old name and segment, so that an upgraded service goes on
 * from where the processor stopped, and its claim: one instance publishes, another takes over when the claim is not
 * extended for the store's claim timeout;</li>
 * <li>Axon's JDBC dead-letter queue, in the event store's database, and the administration that lists, retries and
 * evicts its letters (this class is its retrying processor).</li>
 * </ul>
 *
 * <p><b>A record Kafka refuses for good</b> ({@link RecordRejections}: too large for the topic, say) would hold
 * everyone's events back forever. It is parked with its person's later events behind it (per-person order holds),
 * and the rest of the batch is published. A broker-wide failure (timeouts, no leader, the broker away) is never
 * parked: the batch is retried until Kafka is back. Kafka cannot take a record back: a person's events later in the
 * same batch as the refused one may reach the topic before it; they are parked behind it too and published again,
 * in order, when an administrator retries it.
 *
 * <p>The record format stays the Axon Kafka extension's ({@link KafkaPublishingConfiguration#recordFormat}), so its
 * consumer on the query side reads these records unchanged: {@code KafkaForwarderEquivalenceTest} requires the records
 * sent here to be exactly those the extension's {@code KafkaPublisher} would send.
 */
final class KafkaEventForwarder implements SmartLifecycle, SequencedDeadLetterProcessor<EventMessage<?>> {

    /** The token's processor name and the dead letters' processing group: the tracking processor's, kept. */
    static final String NAME = "kafka-publisher";
    private static final int SEGMENT = 0;
    private static final Logger log = LoggerFactory.getLogger(KafkaEventForwarder.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;
    /** How long one wait for new events lasts before the loop extends its claim and looks at its flags again. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Extending the claim this often keeps it well inside the token store's claim timeout (Axon's default 10 s). */
    private static final Duration CLAIM_EXTENSION = Duration.ofSeconds(2);
    /**
     * How often an instance without the claim tries to take it: one indexed read of the token row. Axon's tracking
     * processor waits 5 s; here a crashed holder's claim is taken within a second of timing out, and a stopped
     * holder's within a second of its release (the cluster test times both, docs/scaling.md).
     */
    private static final Duration CLAIM_ATTEMPTS = Duration.ofSeconds(1);
    /** Acknowledged events remembered across a batch's retry at most (a few batches' worth). */
    private static final int MAX_REMEMBERED_ACKNOWLEDGEMENTS = 100_000;

    /** Where the loop stands, for the {@code publishing/processor} health. */
    private record Status(boolean claimed, TrackingToken token, Throwable retrying) {
    }

    private record Sent(TrackedEventMessage<?> event, Future<RecordMetadata> ack) {
    }

    /** A person parked before a batch was retried by an administrator while the batch ran: read the batch again. */
    private static final class SequenceReleased extends RuntimeException {
        SequenceReleased(String sequence) {
            super("The parked events of " + sequence + " went through while a batch was published; it is read again");
        }
    }

    static final class KafkaPublicationFailed extends RuntimeException {
        KafkaPublicationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final SequencedDeadLetterQueue<EventMessage<?>> deadLetters;
    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final ProcessorMetrics.BatchMetrics metrics;
    private final int batchSize;
    private final Duration maxRetryWait;

    /** People with parked events, as far as this instance knows: each is checked against the queue before use. */
    private final Set<String> mayBeParked = ConcurrentHashMap.newKeySet();
    /**
     * Events Kafka acknowledged in a batch whose token was then not stored (the event store went away before the
     * commit, or another event of the batch was not acknowledged): the batch's retry does not send them again.
     */
    private final Set<String> acknowledgedNotCommitted = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread worker;
    private volatile Status status = new Status(false, null, null);

    /** Only the loop's thread touches these. */
    private BlockingStream<TrackedEventMessage<?>> stream;
    /** The batch after the one being published, read from the stream while Kafka acknowledges that one. */
    private List<TrackedEventMessage<?>> readAhead = List.of();
    private long lastClaimUpdate;

    KafkaEventForwarder(StreamableMessageSource<TrackedEventMessage<?>> eventStore, TokenStore tokenStore,
                        TransactionManager transactions, SequencedDeadLetterQueue<EventMessage<?>> deadLetters,
                        Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter, String topic,
                        ProcessorMetrics.BatchMetrics metrics, int batchSize, Duration maxRetryWait) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxRetryWait = maxRetryWait;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopping = new CountDownLatch(1);
        Thread thread = new Thread(this::forward, NAME);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /**
     * Lets the loop finish what it is doing (never an interrupt: an interrupted thread closes the H2 file's channel
     * under everyone) and gives the claim back, so that another instance takes over at once.
     */
    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = worker;
        }
        stopping.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(ACK_TIMEOUT_SECONDS + 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** What the health reads: running, the claim, the position, the failure being retried. */
    ProcessorState state() {
        Status now = status;
        Thread thread = worker;
        boolean alive = running && thread != null && thread.isAlive();
        OptionalLong position = now.claimed() && now.token() != null ? now.token().position() : OptionalLong.empty();
        return new ProcessorState(alive, false, now.claimed() ? 1 : 0, position, now.retrying());
    }

    private void forward() {
        int failures = 0;
        while (running) {
            try {
                if (!status.claimed() && !claim()) {
                    pause(CLAIM_ATTEMPTS);
                    continue;
                }
                List<TrackedEventMessage<?>> batch = nextBatch();
                if (batch.isEmpty()) {
                    extendClaimWhenDue();
                } else {
                    publish(batch);
                }
                failures = 0;
                if (status.retrying() != null) {
                    status = new Status(true, status.token(), null);
                }
            } catch (UnableToClaimTokenException lost) {
                log.info("The publisher's claim is held by another instance; this one stops publishing: {}", lost.getMessage());
                closeStream();
                status = new Status(false, null, null);
            } catch (SequenceReleased released) {
                closeStream();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error failure) {
                failures++;
                log.warn("Publishing failed; the batch is read and sent again: {}", failure.toString());
                closeStream();
                status = new Status(status.claimed(), status.token(), failure);
                pause(retryWait(failures));
            }
        }
        closeStream();
        releaseClaim();
    }

    /** Doubling from 1 s after each failure in a row, as Axon's processor does, but never past maxRetryWait. */
    private Duration retryWait(int failures) {
        Duration doubled = Duration.ofSeconds(1L << Math.min(failures - 1, 6));
        return doubled.compareTo(maxRetryWait) < 0 ? doubled : maxRetryWait;
    }

    /** Takes the claim (creating the token on the very first start), and learns which people are parked. */
    private boolean claim() {
        try {
            TrackingToken token = transactions.fetchInTransaction(() -> {
                if (tokenStore.fetchSegments(NAME).length == 0) {
                    tokenStore.initializeTokenSegments(NAME, 1, eventStore.createTailToken());
                }
                return tokenStore.fetchToken(NAME, SEGMENT);
            });
            mayBeParked.clear();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : deadLetters.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    mayBeParked.add(sequenceOf(letter.message()));
                    break;
                }
            }
            lastClaimUpdate = System.nanoTime();
            status = new Status(true, token, null);
            log.info("This instance publishes events to Kafka, from {}",
                    token == null || token.position().isEmpty() ? "the start" : "position " + token.position().getAsLong());
            return true;
        } catch (UnableToClaimTokenException heldElsewhere) {
            return false;
        }
    }

    private List<TrackedEventMessage<?>> nextBatch() throws InterruptedException {
        if (!readAhead.isEmpty()) {
            List<TrackedEventMessage<?>> batch = readAhead;
            readAhead = List.of();
            return batch;
        }
        if (stream == null) {
            stream = eventStore.openStream(status.token());
        }
        if (!stream.hasNextAvailable((int) POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            return List.of();
        }
        return availableNow();
    }

    /** Up to a batch of the events the stream holds now, without waiting for more. */
    private List<TrackedEventMessage<?>> availableNow() throws InterruptedException {
        // grows with what is there: a live event comes alone, and a batch of thousands is rare
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        while (batch.size() < batchSize && stream.hasNextAvailable()) {
            batch.add(stream.nextAvailable());
        }
        return batch;
    }

    private void publish(List<TrackedEventMessage<?>> batch) throws InterruptedException {
        Set<String> behindParked = new HashSet<>();
        List<Sent> sent = new ArrayList<>(batch.size());
        for (TrackedEventMessage<?> event : batch) {
            if (isParked(sequenceOf(event))) {
                behindParked.add(event.getIdentifier());
            } else if (acknowledgedNotCommitted.contains(event.getIdentifier())) {
                sent.add(new Sent(event, CompletableFuture.completedFuture(null)));
            } else {
                sent.add(new Sent(event, send(converter.createKafkaMessage(event, topic))));
            }
        }
        // reading the next page overlaps with the broker's work on this one; it is only read here, and decided on
        // (parked or sent) once this batch's token and parked events are committed. Discarded with the stream.
        readAhead = availableNow();
        Map<String, RuntimeException> refused = awaitAll(sent);
        TrackingToken token = batch.get(batch.size() - 1).trackingToken();
        Set<String> parkedNow = new HashSet<>();
        transactions.executeInTransaction(() -> {
            for (TrackedEventMessage<?> event : batch) {
                String sequence = sequenceOf(event);
                RuntimeException refusal = refused.get(event.getIdentifier());
                if (refusal != null) {
                    deadLetters.enqueue(sequence, new GenericDeadLetter<>(sequence, event, CauseKeepingPolicy.kept(refusal)));
                    parkedNow.add(sequence);
                } else if (parkedNow.contains(sequence)) {
                    deadLetters.enqueue(sequence, new GenericDeadLetter<>(sequence, event));
                } else if (behindParked.contains(event.getIdentifier())
                        && !deadLetters.enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence, event))) {
                    mayBeParked.remove(sequence);
                    throw new SequenceReleased(sequence);
                }
            }
            tokenStore.storeToken(token, NAME, SEGMENT);
        });
        lastClaimUpdate = System.nanoTime();
        status = new Status(true, token, null);
        mayBeParked.addAll(parkedNow);
        if (!refused.isEmpty()) {
            log.warn("Kafka refused {} event(s) for good; they are parked in the dead-letter queue with their people's"
                    + " later events", refused.size());
        }
        batch.forEach(event -> acknowledgedNotCommitted.remove(event.getIdentifier()));
        metrics.report(batch, event -> !behindParked.contains(event.getIdentifier())
                && !parkedNow.contains(sequenceOf(event)));
    }

    /** Whether the person's events are parked; a person this instance thought parked is asked about once. */
    private boolean isParked(String sequence) {
        if (!mayBeParked.contains(sequence)) {
            return false;
        }
        if (deadLetters.contains(sequence)) {
            return true;
        }
        mayBeParked.remove(sequence);
        return false;
    }

    /**
     * Waits for every acknowledgement of the batch. Returns the events Kafka refused for good; throws when any other
     * send failed or timed out (an outage: the whole batch is retried, never parked).
     */
    private Map<String, RuntimeException> awaitAll(List<Sent> sent) {
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
        Throwable outage = null;
        Map<String, RuntimeException> refused = new LinkedHashMap<>();
        for (Sent one : sent) {
            String id = one.event().getIdentifier();
            try {
                one.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (acknowledgedNotCommitted.size() < MAX_REMEMBERED_ACKNOWLEDGEMENTS) {
                    acknowledgedNotCommitted.add(id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaPublicationFailed("Interrupted while waiting for Kafka to acknowledge a batch", e);
            } catch (ExecutionException e) {
                if (RecordRejections.isForGood(e.getCause())) {
                    refused.put(id, (RuntimeException) e.getCause());
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
        return refused;
    }

    /** Failures of the send call itself (a closed producer, an interrupt) are the broker's, never the record's. */
    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * An administrator's retry of a person's parked events, oldest first: each is sent and its acknowledgement
     * awaited, so that the answer says whether it went through; the first one Kafka refuses again stays parked with
     * the new cause, with the ones behind it.
     */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter) {
        return deadLetters.process(sequenceFilter, letter -> {
            try {
                send(converter.createKafkaMessage(letter.message(), topic)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return Decisions.evict();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Decisions.requeue(e);
            } catch (ExecutionException e) {
                return Decisions.requeue(CauseKeepingPolicy.kept(e.getCause()));
            } catch (TimeoutException e) {
                return Decisions.requeue(e);
            }
        });
    }

    /** A person's events share a sequence; an event that names no person is a sequence of its own. */
    static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private void extendClaimWhenDue() {
        if (System.nanoTime() - lastClaimUpdate >= CLAIM_EXTENSION.toNanos()) {
            transactions.executeInTransaction(() -> tokenStore.extendClaim(NAME, SEGMENT));
            lastClaimUpdate = System.nanoTime();
        }
    }

    private void releaseClaim() {
        if (!status.claimed()) {
            return;
        }
        try {
            transactions.executeInTransaction(() -> tokenStore.releaseClaim(NAME, SEGMENT));
        } catch (RuntimeException e) {
            log.warn("Could not give the publisher's claim back; another instance takes it after the claim timeout: {}",
                    e.toString());
        }
        status = new Status(false, null, null);
    }

    private void closeStream() {
        readAhead = List.of();
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
