package io.careerpath.query.rebuild;

import io.careerpath.events.CareerEvent;
import io.careerpath.query.history.HistoryWrites;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.intake.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Recomputes every read model from the first event without downtime: the live projection pauses
 * (queries keep answering from the active generation, only new events wait), the topic is replayed
 * up to exactly where the projection stood into a fresh generation, that generation becomes active
 * with one write, and the projection resumes from where it paused, now writing the new generation.
 * Nothing is missed and nothing is seen half-built.
 *
 * <p>The projection runs in one instance at a time (one segment, claimed in the token store); run
 * the rebuild on the instance that holds the claim.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final Configuration axon;
    private final TokenStore tokenStore;
    private final ReadModelGenerations generations;
    private final PersonHistoryProjection projection;
    private final DefaultKafkaMessageConverter converter;
    private final Clock clock;
    private final String bootstrapServers;
    private final String topic;
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());

    ReadModelRebuild(Configuration axon, TokenStore tokenStore, ReadModelGenerations generations,
                     PersonHistoryProjection projection, Serializer serializer, EventUpcasterChain upcasters,
                     Clock clock, MeterRegistry meters,
                     @Value("${careerpath.kafka.bootstrap-servers}") String bootstrapServers,
                     @Value("${careerpath.kafka.topic}") String topic) {
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.generations = generations;
        this.projection = projection;
        this.converter = DefaultKafkaMessageConverter.builder().serializer(serializer).upcasterChain(upcasters).build();
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        Gauge.builder("careerpath.rebuild.events.done", () -> progress.get().done()).register(meters);
        Gauge.builder("careerpath.rebuild.events.planned", () -> progress.get().total()).register(meters);
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background, or says why not. */
    public Optional<RebuildProgress> start() {
        RebuildProgress current = progress.get();
        if (current.state() == RebuildProgress.State.RUNNING) {
            return Optional.empty();
        }
        int generation = generations.active() + 1;
        RebuildProgress started = RebuildProgress.running(generation, 0, 0, clock.instant(), clock.instant());
        if (!progress.compareAndSet(current, started)) {
            return Optional.empty();
        }
        Thread worker = new Thread(() -> run(generation, started.startedAt()), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return Optional.of(started);
    }

    private void run(int generation, Instant startedAt) {
        TrackingEventProcessor live = axon.eventProcessingConfiguration()
                .eventProcessor(Projections.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + Projections.PROCESSING_GROUP));
        log.info("Rebuild of generation {}: pausing the live projection", generation);
        live.shutDown();
        try {
            Map<TopicPartition, Long> lastProcessed = positionOfTheLiveProjection();
            generations.drop(generation);
            replay(generation, lastProcessed, startedAt);
            int previous = generations.active();
            generations.activate(generation);
            if (previous > 1) {
                // one generation back stays, for queries that resolved it an instant before the switch
                generations.drop(previous - 1);
            }
            progress.updateAndGet(p -> p.finished(clock.instant()));
            log.info("Rebuild done: generation {} is active ({} events)", generation, progress.get().done());
        } catch (RuntimeException e) {
            log.error("Rebuild of generation {} failed; generation {} stays active", generation, generations.active(), e);
            progress.updateAndGet(p -> p.failed(clock.instant(), e.toString()));
            generations.drop(generation);
        } finally {
            live.start();
        }
    }

    private Map<TopicPartition, Long> positionOfTheLiveProjection() {
        // the processor has released its claim; take it just long enough to read the position. A processor
        // that started on a topic which already held events keeps a ReplayToken until it passes the position
        // it started at: the position is the token it wraps.
        KafkaTrackingToken token = KafkaTrackingToken.from(
                WrappedToken.unwrapLowerBound(tokenStore.fetchToken(Projections.PROCESSING_GROUP, 0)));
        tokenStore.releaseClaim(Projections.PROCESSING_GROUP, 0);
        return new HashMap<>(token.getPositions());
    }

    private void replay(int generation, Map<TopicPartition, Long> lastProcessed, Instant startedAt) {
        if (lastProcessed.isEmpty()) {
            return;
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(lastProcessed.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> Math.max(0, lastProcessed.get(p) + 1 - beginnings.get(p))).sum();
            long done = 0;
            Map<TopicPartition, Long> remaining = new HashMap<>(lastProcessed);
            Instant lastLog = clock.instant();
            HistoryWrites writes = projection.writesInto(generation);
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = remaining.get(partition);
                    if (last == null || record.offset() > last) {
                        continue;
                    }
                    apply(record, writes);
                    done++;
                    if (record.offset() >= last) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                writes.flush();
                Instant now = clock.instant();
                progress.set(RebuildProgress.running(generation, done, total, startedAt, now));
                if (Duration.between(lastLog, now).toSeconds() >= 2) {
                    RebuildProgress p = progress.get();
                    log.info("Rebuild of generation {}: {} of {} events, {}/s, about {} s left", generation, p.done(),
                            p.total(), p.ratePerSecond(), p.secondsLeft());
                    lastLog = now;
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, HistoryWrites writes) {
        Optional<EventMessage<?>> message = converter.readKafkaMessage(record);
        if (message.isPresent() && message.get() instanceof DomainEventMessage<?> event
                && event.getPayload() instanceof CareerEvent careerEvent) {
            writes.add(careerEvent, event.getSequenceNumber());
        }
    }
}
