package io.careerpath.query.rebuild;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.careerpath.pipeline.eventstore.EventStoreReads;
import io.careerpath.pipeline.eventstore.EventStoreReads.Head;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.intake.SegmentBalance;
import io.careerpath.query.source.SourceOfTruth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Recomputes every read model from the event store, the source of truth, without downtime: the live
 * projection pauses (queries keep answering from the active generation, only new events wait), every
 * person's history is read from the event store into a fresh generation, that generation becomes active
 * with one write, and the projection resumes from its token, now writing the new generation.
 *
 * <p>Nothing is missed and nothing is seen half-built. Every event the projection had processed when it
 * paused was published from the event store, so the store holds it; events stored since reach the new
 * generation either from the store or, once the projection resumes, from the topic (where the ones the
 * store already gave are recognised and changed nothing). The topic's retention therefore never decides
 * what a rebuild holds.
 *
 * <p><b>Why not Axon's own replay.</b> Axon would rebuild by resetting the processor's token and replaying its
 * source; that source is the Kafka topic, which holds only its retention's worth of events (7 days by default),
 * not the whole history, and a token reset on the Kafka extension's streamable source is unreliable
 * (axon extension-kafka #163, #487). The event store itself is the command service's JDBC database, which this
 * service does not connect to. So the rebuild goes around Axon: it reads every person's whole history from the
 * event store through the command service's read paths ({@link SourceOfTruth}), upcast and deserialized as Axon
 * would, and writes it with the projection's own {@link io.careerpath.query.history.HistoryWrites}; the live
 * processor's token is never touched, it only pauses. {@code RebuildEquivalenceTest} pins that this path and the
 * live Axon projection build the same read models from the same events.
 *
 * <p>The projection's segments may be spread over several instances: the rebuild pauses it on every one of them
 * ({@link SegmentBalance#pauseEverywhere}) and replays only once no segment is claimed any more, since an instance
 * still projecting would write the old generation after the replay read its person. A service that finds the active
 * generation in an older layout ({@link ReadModelGenerations#LAYOUT}) rebuilds it at start-up.
 */
@Service
public class ReadModelRebuild implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** People whose events are fetched and written together. */
    private static final int PEOPLE_PER_STEP = 200;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final SegmentBalance segments;
    private final ReadModelGenerations generations;
    private final PersonHistoryProjection projection;
    private final SourceOfTruth source;
    private final Clock clock;
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());
    private int layoutAtStart = ReadModelGenerations.LAYOUT;

    ReadModelRebuild(SegmentBalance segments, ReadModelGenerations generations, PersonHistoryProjection projection,
                     SourceOfTruth source, Clock clock, MeterRegistry meters) {
        this.segments = segments;
        this.generations = generations;
        this.projection = projection;
        this.source = source;
        this.clock = clock;
        Gauge.builder("careerpath.rebuild.events.done", () -> progress.get().done()).register(meters);
        Gauge.builder("careerpath.rebuild.events.planned", () -> progress.get().total()).register(meters);
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background, or says why not. */
    public Optional<RebuildProgress> start() {
        return start(false);
    }

    /**
     * The layout of the read models as this service found them, read before the projection starts writing
     * (a new installation's first generation is then recorded as the current layout, not mistaken for an
     * old one the projection has begun to fill).
     */
    @Override
    public void afterPropertiesSet() {
        try {
            layoutAtStart = generations.activeLayoutAtStart();
        } catch (RuntimeException e) {
            log.warn("Could not read the read models' layout at start-up ({}); assuming the current one", e.toString());
            layoutAtStart = ReadModelGenerations.LAYOUT;
        }
    }

    /** A read model written in an older layout is rebuilt in the current one, retried until it succeeds. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildAnOlderLayout() {
        int layout = layoutAtStart;
        if (layout < ReadModelGenerations.LAYOUT) {
            log.warn("The read models were written in layout {}; this version writes layout {}: rebuilding them from"
                    + " the event store (queries answer from the old ones meanwhile)", layout, ReadModelGenerations.LAYOUT);
            start(true);
        }
    }

    private Optional<RebuildProgress> start(boolean untilItSucceeds) {
        RebuildProgress current = progress.get();
        if (current.state() == RebuildProgress.State.RUNNING) {
            return Optional.empty();
        }
        int generation = generations.active() + 1;
        RebuildProgress started = RebuildProgress.running(generation, 0, 0, clock.instant(), clock.instant());
        if (!progress.compareAndSet(current, started)) {
            return Optional.empty();
        }
        // a rebuild started by an operator runs once; one the service needs (an older layout) until it succeeds
        RetryPolicy<Boolean> untilBuilt = RetryPolicy.<Boolean>builder()
                .handleResult(false)
                .withDelay(RETRY_AFTER)
                .withMaxRetries(untilItSucceeds ? -1 : 0)
                .onRetry(attempt -> {
                    log.info("Retrying the rebuild of generation {}", generation);
                    progress.set(RebuildProgress.running(generation, 0, 0, started.startedAt(), clock.instant()));
                })
                .build();
        Thread worker = new Thread(() -> {
            try {
                Failsafe.with(untilBuilt).get(() -> run(generation, started.startedAt()));
            } catch (FailsafeException e) {
                log.info("Rebuild of generation {} given up: {}", generation, e.getCause().toString()); // interrupted
            }
        }, "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return Optional.of(started);
    }

    private boolean run(int generation, Instant startedAt) {
        log.info("Rebuild of generation {} from the event store: pausing the live projection on every instance",
                generation);
        try {
            segments.pauseEverywhere();
            generations.drop(generation);
            replay(generation, startedAt);
            int previous = generations.active();
            generations.activate(generation);
            if (previous > 1) {
                // one generation back stays, for queries that resolved it an instant before the switch
                generations.drop(previous - 1);
            }
            progress.updateAndGet(p -> p.finished(clock.instant()));
            log.info("Rebuild done: generation {} is active ({} events)", generation, progress.get().done());
            return true;
        } catch (RuntimeException e) {
            log.error("Rebuild of generation {} failed; generation {} stays active", generation, generations.active(), e);
            progress.updateAndGet(p -> p.failed(clock.instant(), e.toString()));
            generations.drop(generation);
            return false;
        } finally {
            segments.resumeEverywhere();
        }
    }

    private void replay(int generation, Instant startedAt) {
        List<Head> people = new ArrayList<>();
        String after = null;
        do {
            Heads page = source.heads(after, EventStoreReads.MAX_HEADS_PER_PAGE);
            people.addAll(page.people());
            after = page.next();
        } while (after != null);
        List<List<Head>> steps = new ArrayList<>();
        for (int from = 0; from < people.size(); from += PEOPLE_PER_STEP) {
            steps.add(people.subList(from, Math.min(people.size(), from + PEOPLE_PER_STEP)));
        }
        long total = people.stream().mapToLong(Head::events).sum();
        long done = 0;
        Instant lastLog = clock.instant();
        // the next step's events are read from the event store while this step's are written: reading waits
        // for the command service and writing for the store, so one after the other left a core idle each time
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "read-model-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Map<String, List<DomainEventMessage<?>>>> next =
                    steps.isEmpty() ? null : reader.submit(() -> eventsOf(steps.get(0)));
            for (int i = 0; i < steps.size(); i++) {
                Map<String, List<DomainEventMessage<?>>> events = read(next);
                int following = i + 1;
                next = following < steps.size() ? reader.submit(() -> eventsOf(steps.get(following))) : null;
                projection.writesInto(generation).replace(events);
                done += steps.get(i).stream().mapToLong(Head::events).sum();
                Instant now = clock.instant();
                progress.set(RebuildProgress.running(generation, done, total, startedAt, now));
                if (Duration.between(lastLog, now).toSeconds() >= 2) {
                    RebuildProgress p = progress.get();
                    log.info("Rebuild of generation {}: {} of {} events, {}/s, about {} s left", generation, p.done(),
                            p.total(), p.ratePerSecond(), p.secondsLeft());
                    lastLog = now;
                }
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private Map<String, List<DomainEventMessage<?>>> eventsOf(List<Head> step) {
        return source.eventsOf(step.stream().map(Head::personId).toList());
    }

    private static Map<String, List<DomainEventMessage<?>>> read(Future<Map<String, List<DomainEventMessage<?>>>> events) {
        try {
            return events.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The rebuild was interrupted", e);
        }
    }
}
