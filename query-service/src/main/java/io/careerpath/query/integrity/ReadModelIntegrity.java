package io.careerpath.query.integrity;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.careerpath.events.PersonErased;
import io.careerpath.pipeline.eventstore.EventStoreReads;
import io.careerpath.pipeline.eventstore.EventStoreReads.Head;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.pipeline.eventstore.HistoryFingerprint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryReads.Stand;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.history.ReadModelRepair;
import io.careerpath.query.integrity.IntegrityReport.Example;
import io.careerpath.query.integrity.IntegrityReport.OutOfStep;
import io.careerpath.query.integrity.IntegrityReport.TopicRetention;
import io.careerpath.query.intake.TopicPositions;
import io.careerpath.query.rebuild.ReadModelRebuild;
import io.careerpath.query.rebuild.RebuildProgress;
import io.careerpath.query.source.SourceOfTruth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Compares every person's read model with the event store, the source of truth, and repairs those out
 * of step, without a rebuild. One value per person is compared: the last sequence number and the
 * {@link io.careerpath.pipeline.eventstore.HistoryFingerprint} of the (sequence number, event id) pairs, computed by the store from its rows
 * and here from the document. Runs once the service is ready, then every {@code every}, and on demand
 * ({@code POST /api/admin/read-models/integrity}).
 *
 * <p>So that people whose newest events are merely in flight are not counted, the store's heads are read
 * first, then the check waits (boundedly) until the projection has passed everything the topic held at
 * that moment: an event the store held by then either reached the read model, or was not yet published
 * (the read model is then behind the store indeed, and is repaired from it). The other way round, a person
 * registered or an event recorded after the heads were read may be projected before the read model is read:
 * such people are looked at again, the read model first, before they count as ahead or unknown.
 */
@Service
public class ReadModelIntegrity implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIntegrity.class);
    private static final int PEOPLE_PER_STEP = 200;
    private static final int EXAMPLES = 20;

    private final SourceOfTruth store;
    private final ReadModelGenerations generations;
    private final HistoryReads histories;
    private final ReadModelRepair repair;
    private final TopicPositions topic;
    private final ReadModelRebuild rebuild;
    private final IntegrityProperties properties;
    private final Clock clock;
    private final AtomicReference<IntegrityReport> last = new AtomicReference<>(IntegrityReport.notYetChecked());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-integrity");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelIntegrity(SourceOfTruth store, ReadModelGenerations generations, HistoryReads histories,
                       ReadModelRepair repair,
                       TopicPositions topic, ReadModelRebuild rebuild, IntegrityProperties properties, Clock clock,
                       MeterRegistry meters) {
        this.store = store;
        this.generations = generations;
        this.histories = histories;
        this.repair = repair;
        this.topic = topic;
        this.rebuild = rebuild;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("careerpath.read-models.checked", () -> last.get().peopleChecked())
                .description("people compared with the event store by the last integrity check").register(meters);
        for (OutOfStep kind : OutOfStep.values()) {
            Gauge.builder("careerpath.read-models.out-of-step", () -> last.get().outOfStepByKind().getOrDefault(kind, 0L))
                    .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .description("people whose read model the last integrity check found out of step with the event store")
                    .register(meters);
        }
        Gauge.builder("careerpath.read-models.not-repaired", () -> last.get().notRepaired())
                .description("people still out of step after the last integrity check").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (properties.atStart()) {
            scheduler.execute(this::runIfIdle);
        }
        if (!properties.every().isZero()) {
            long every = properties.every().toMillis();
            scheduler.scheduleWithFixedDelay(this::runIfIdle, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public IntegrityReport lastReport() {
        return last.get();
    }

    /** Starts a check in the background, or says why not (one is running). */
    public Optional<IntegrityReport> start() {
        IntegrityReport current = last.get();
        if (current.state() == IntegrityReport.State.RUNNING) {
            return Optional.empty();
        }
        IntegrityReport started = running(clock.instant());
        if (!last.compareAndSet(current, started)) {
            return Optional.empty();
        }
        scheduler.execute(() -> check(started.startedAt()));
        return Optional.of(started);
    }

    private void runIfIdle() {
        if (rebuild.progress().state() == RebuildProgress.State.RUNNING) {
            log.info("Integrity check skipped: a rebuild from the event store is running");
            return;
        }
        IntegrityReport current = last.get();
        IntegrityReport started = running(clock.instant());
        if (current.state() != IntegrityReport.State.RUNNING && last.compareAndSet(current, started)) {
            check(started.startedAt());
        }
    }

    private static IntegrityReport running(Instant startedAt) {
        return new IntegrityReport(IntegrityReport.State.RUNNING, startedAt, null, 0, 0, Map.of(), 0, 0, List.of(),
                false, null, null);
    }

    private void check(Instant startedAt) {
        try {
            IntegrityReport report = compareAndRepair(startedAt);
            last.set(report);
            if (report.outOfStep() > 0) {
                log.warn("Integrity check: {} of {} people were out of step with the event store ({}); {} repaired, {} not",
                        report.outOfStep(), report.peopleChecked(), report.outOfStepByKind(), report.repaired(),
                        report.notRepaired());
            } else {
                log.info("Integrity check: all {} people's read models hold exactly what the event store holds",
                        report.peopleChecked());
            }
        } catch (RuntimeException e) {
            log.warn("Integrity check failed: {}", e.toString());
            last.set(new IntegrityReport(IntegrityReport.State.FAILED, startedAt, clock.instant(), 0, 0, Map.of(), 0, 0,
                    List.of(), false, null, e.getMessage()));
        }
    }

    private IntegrityReport compareAndRepair(Instant startedAt) {
        TopicRetention retention = retention();
        if (!retention.holdsEverything()) {
            log.warn("The topic no longer holds records the projection has not read (first offsets {}): people whose"
                    + " events were only there are completed from the event store", retention.firstOffsets());
        }
        // first let the projection catch up (after a restart it may be far behind), so that the store is read
        // once the read side is quiet; then once more for what was published while the store was read
        awaitProjection();
        List<Head> stored = allHeads();
        boolean caughtUp = awaitProjection();
        if (!caughtUp) {
            log.warn("Integrity check: the projection did not reach the topic's end within {}; people whose newest"
                    + " events are still in flight count as behind and are repaired from the event store",
                    properties.catchUpWait());
        }
        int generation = generations.active();
        Map<String, OutOfStep> outOfStep = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (int from = 0; from < stored.size(); from += PEOPLE_PER_STEP) {
            List<Head> step = stored.subList(from, Math.min(stored.size(), from + PEOPLE_PER_STEP));
            Map<String, Stand> stands = histories.standOf(step.stream().map(Head::personId).toList());
            for (Head head : step) {
                known.add(head.personId());
                compare(head, stands.get(head.personId())).ifPresent(kind -> outOfStep.put(head.personId(), kind));
            }
        }
        long checked = stored.size();
        for (String personId : histories.everyone()) {
            if (!known.contains(personId)) {
                outOfStep.put(personId, OutOfStep.UNKNOWN_TO_EVENT_STORE);
                checked++;
            }
        }
        outOfStep.keySet().removeAll(newerThanTheHeads(outOfStep));
        long repaired = repairAll(List.copyOf(outOfStep.keySet()), generation);
        Map<OutOfStep, Long> byKind = new EnumMap<>(OutOfStep.class);
        outOfStep.values().forEach(kind -> byKind.merge(kind, 1L, Long::sum));
        List<Example> examples = outOfStep.entrySet().stream().limit(EXAMPLES)
                .map(e -> new Example(e.getKey(), e.getValue())).toList();
        return new IntegrityReport(IntegrityReport.State.DONE, startedAt, clock.instant(), checked, outOfStep.size(),
                byKind, repaired, outOfStep.size() - repaired, examples, caughtUp, retention, null);
    }

    /**
     * Of the people found ahead of the store or unknown to it, those whose read model only holds what the store
     * gained after its heads were read: the projection wrote it meanwhile (a person registered, an event recorded,
     * during the check). Looked at again, the read model first and the store after it, they match: events reach
     * the read model only from the store, so a read model read before the store can never be ahead of it.
     */
    private Set<String> newerThanTheHeads(Map<String, OutOfStep> outOfStep) {
        List<String> aheadOfTheHeads = outOfStep.entrySet().stream()
                .filter(e -> e.getValue() == OutOfStep.AHEAD || e.getValue() == OutOfStep.UNKNOWN_TO_EVENT_STORE)
                .map(Map.Entry::getKey).toList();
        Set<String> inStep = new HashSet<>();
        for (int from = 0; from < aheadOfTheHeads.size(); from += PEOPLE_PER_STEP) {
            List<String> step = aheadOfTheHeads.subList(from, Math.min(aheadOfTheHeads.size(), from + PEOPLE_PER_STEP));
            Map<String, Stand> stands = histories.standOf(step);
            Map<String, List<DomainEventMessage<?>>> storedNow = store.eventsOf(step);
            for (String personId : step) {
                List<DomainEventMessage<?>> events = storedNow.getOrDefault(personId, List.of());
                if (!events.isEmpty() && compare(headOf(personId, events), stands.get(personId)).isEmpty()) {
                    inStep.add(personId);
                }
            }
        }
        return inStep;
    }

    /** The store's head of a person, from their events as the store holds them. */
    private static Head headOf(String personId, List<DomainEventMessage<?>> events) {
        HistoryFingerprint fingerprint = HistoryFingerprint.start();
        events.forEach(event -> fingerprint.add(event.getSequenceNumber(), event.getIdentifier()));
        return new Head(personId, events.get(events.size() - 1).getSequenceNumber(), events.size(), fingerprint.value(),
                events.stream().anyMatch(event -> PersonErased.class.equals(event.getPayloadType())));
    }

    /** How the read model differs from the store's head, if it does. */
    static Optional<OutOfStep> compare(Head head, Stand stand) {
        if (stand == null) {
            return Optional.of(OutOfStep.MISSING);
        }
        if (stand.erased() || head.erased()) {
            return stand.erased() && head.erased() ? Optional.empty() : Optional.of(OutOfStep.DIFFERENT);
        }
        if (stand.lastSequence() < head.lastSequence()) {
            return Optional.of(OutOfStep.BEHIND);
        }
        if (stand.lastSequence() > head.lastSequence()) {
            return Optional.of(OutOfStep.AHEAD);
        }
        return head.fingerprint().equals(stand.fingerprint()) ? Optional.empty() : Optional.of(OutOfStep.DIFFERENT);
    }

    private long repairAll(List<String> personIds, int generation) {
        long repaired = 0;
        for (int from = 0; from < personIds.size(); from += PEOPLE_PER_STEP) {
            List<String> step = personIds.subList(from, Math.min(personIds.size(), from + PEOPLE_PER_STEP));
            try {
                repaired += repair.repair(step, generation).size();
            } catch (RuntimeException e) {
                log.warn("Could not repair {} people from the event store: {}", step.size(), e.toString());
            }
        }
        return repaired;
    }

    private List<Head> allHeads() {
        List<Head> all = new ArrayList<>();
        String after = null;
        do {
            Heads page = store.heads(after, EventStoreReads.MAX_HEADS_PER_PAGE);
            all.addAll(page.people());
            after = page.next();
        } while (after != null);
        return all;
    }

    /** Whether the projection reached the topic's present end within {@code careerpath.integrity.catch-up-wait}. */
    private boolean awaitProjection() {
        Map<TopicPartition, Long> ends = topic.ends();
        RetryPolicy<Boolean> untilProjected = RetryPolicy.<Boolean>builder()
                .handleIf((projected, failure) -> failure == null && !projected) // a failure ends the check
                .withDelay(Duration.ofMillis(200))
                .withMaxDuration(properties.catchUpWait())
                .withMaxRetries(-1)
                .build();
        try {
            return Failsafe.with(untilProjected).get(() -> topic.projectedUpTo(ends));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                return false; // Failsafe has restored the interrupt
            }
            throw e;
        }
    }

    private TopicRetention retention() {
        Map<TopicPartition, Long> starts = topic.starts();
        Map<TopicPartition, Long> projected = topic.projected().orElse(Map.of());
        Map<Integer, Long> first = new TreeMap<>();
        boolean holdsEverything = true;
        for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
            first.put(start.getKey().partition(), start.getValue());
            holdsEverything &= start.getValue() <= projected.getOrDefault(start.getKey(), -1L) + 1;
        }
        return new TopicRetention(holdsEverything, first);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
