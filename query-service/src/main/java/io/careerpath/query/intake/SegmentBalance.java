package io.careerpath.query.intake;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.intake.ProjectionTokens.SegmentToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Spreads the projection's segments over the query-service instances, and pauses it on all of them for a rebuild.
 *
 * <p>Axon's tracking processor never gives a segment up by itself: the first instance to start claims them all, and
 * one that starts later would stay idle. Every {@code careerpath.kafka.balance-interval} each instance
 * <ul>
 * <li>writes its heartbeat ({@code projection_instances}, one document per instance, by {@code _id}) and counts the
 * instances seen within the claim timeout;</li>
 * <li>if it holds more segments than its fair share (the segments divided by the live instances, rounded up), gives
 * one back for {@link #RELEASE}, long enough for another instance's idle thread to claim it (they look every
 * second); only one at a time, and none again until that one is gone;</li>
 * <li>if it is the only instance and holds every segment, splits or merges one until the token store holds
 * {@code careerpath.kafka.segments} (an installation whose tokens were created with another count);</li>
 * <li>obeys the rebuild's pause ({@code projection_pauses}): shuts its processor down while the pause holds, and starts
 * it again once it is gone.</li>
 * </ul>
 * A segment held by an instance that died is taken by the others once its claim times out (10 s); the dead
 * instance's heartbeat is no longer counted after the same time.
 */
public class SegmentBalance {

    static final String INSTANCES = "projection_instances";
    static final String PAUSES = "projection_pauses";
    /** How long a released segment stays free of this instance's claims. */
    static final Duration RELEASE = Duration.ofSeconds(5);
    /** How long a pause holds unless its instance renews it: a rebuild whose instance died does not pause for ever. */
    private static final Duration PAUSE_LEASE = Duration.ofMinutes(1);
    /** Heartbeats older than this are deleted, so that the collection stays a handful of documents. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final String REBUILD = "rebuild";
    private static final String SEEN_AT = "seenAt";
    private static final String UNTIL = "until";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final Logger log = LoggerFactory.getLogger(SegmentBalance.class);

    private final Configuration axon;
    private final ProjectionInstance instance;
    private final ProjectionTokens tokens;
    private final MongoCollection<Document> instances;
    private final MongoCollection<Document> pauses;
    private final int segments;
    private final Duration interval;
    private final Duration claimTimeout;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-balance");
        thread.setDaemon(true);
        return thread;
    });

    /** Whether this instance shut its processor down for a pause (and so starts it again afterwards). */
    private boolean pausedHere;
    /** Whether this instance holds the pause (renews it every round). */
    private boolean pausing;
    private Instant lastRelease = Instant.MIN;
    private volatile boolean stopped;

    /**
     * The balance of this instance's processor of the projection, coordinated through {@code database} (where the
     * token store is), with {@code segments} configured, a round every {@code interval}.
     */
    public SegmentBalance(Configuration axon, ProjectionInstance instance, ProjectionTokens tokens,
                          MongoDatabase database, int segments, Duration interval) {
        this.axon = axon;
        this.instance = instance;
        this.tokens = tokens;
        this.instances = database.getCollection(INSTANCES);
        this.pauses = database.getCollection(PAUSES);
        this.segments = segments;
        this.interval = interval;
        this.claimTimeout = tokens.claimTimeout();
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before the processor shuts down with the service: no round may start it again; the heartbeat goes. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopped = true;
        scheduler.shutdownNow();
        try {
            instances.deleteOne(eq("_id", instance.id()));
        } catch (RuntimeException e) {
            log.debug("Heartbeat not deleted (it is forgotten once old): {}", e.toString());
        }
    }

    synchronized void round() {
        if (stopped) {
            return;
        }
        try {
            Instant now = clock.instant();
            instances.replaceOne(eq("_id", instance.id()),
                    new Document("_id", instance.id()).append(SEEN_AT, now.toEpochMilli()), UPSERT);
            if (obeyPause(now)) {
                return;
            }
            long live = liveInstances(now);
            TrackingEventProcessor processor = processor();
            Map<Integer, EventTrackerStatus> held = processor.processingStatus();
            List<SegmentToken> all = tokens.segments();
            if (all.isEmpty() || !processor.isRunning()) {
                return;
            }
            // alone, and holding all it can (a processor has a thread per configured segment; a merge claims the other half)
            if (live == 1 && all.size() != segments && held.size() == Math.min(all.size(), segments)) {
                resize(processor, held, all.size());
                return;
            }
            long fairShare = (all.size() + live - 1) / Math.max(1, live);
            if (held.size() > fairShare && now.isAfter(lastRelease.plus(RELEASE))) {
                int released = held.keySet().stream().max(Integer::compare).orElseThrow();
                log.info("Releasing segment {} of the projection for another instance: {} held here, {} instances,"
                        + " {} segments", released, held.size(), live, all.size());
                processor.releaseSegment(released, RELEASE.toMillis(), TimeUnit.MILLISECONDS);
                lastRelease = now;
            }
        } catch (RuntimeException e) {
            if (stopped) {
                // the stop interrupts a round in progress (the driver then throws MongoInterruptedException)
                log.debug("A round of balancing was cut short by the service's stop: {}", e.toString());
            } else {
                log.warn("Balancing the projection's segments failed this round: {}", e.toString());
            }
        }
    }

    /** Shuts the processor down while a pause holds (renewing this instance's own), starts it when the pause is gone. */
    private boolean obeyPause(Instant now) {
        if (pausing) {
            pauses.replaceOne(eq("_id", REBUILD), pause(now), UPSERT);
        }
        Document pause = pauses.find(eq("_id", REBUILD)).first();
        boolean holds = pause != null && pause.getLong(UNTIL) > now.toEpochMilli();
        TrackingEventProcessor processor = processor();
        if (holds && processor.isRunning()) {
            log.info("The projection is paused everywhere for a rebuild: shutting it down here");
            processor.shutDown();
            pausedHere = true;
        } else if (!holds && pausedHere) {
            log.info("The projection's pause is over: starting it here again");
            pausedHere = false;
            processor.start();
        }
        return holds;
    }

    /**
     * Pauses the projection on every instance, this one at once, and waits until no instance claims a segment any
     * more (each shuts its processor down within a round; a dead one's claims time out).
     *
     * @throws IllegalStateException if a segment is still claimed after three claim timeouts
     */
    public void pauseEverywhere() {
        Duration timeout = claimTimeout.multipliedBy(3);
        synchronized (this) {
            pausing = true;
            pauses.replaceOne(eq("_id", REBUILD), pause(clock.instant()), UPSERT);
            obeyPause(clock.instant());
        }
        Instant deadline = clock.instant().plus(timeout);
        List<SegmentToken> claimed = claimed();
        while (!claimed.isEmpty()) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("The projection's segments are still claimed after " + timeout + ": "
                        + claimed);
            }
            sleep(interval.dividedBy(4));
            claimed = claimed();
        }
    }

    /** Ends the pause: this instance's processor starts at once, the others' within a round. */
    public synchronized void resumeEverywhere() {
        pausing = false;
        pauses.deleteOne(eq("_id", REBUILD));
        obeyPause(clock.instant());
    }

    private List<SegmentToken> claimed() {
        return tokens.segments().stream().filter(segment -> segment.owner() != null).toList();
    }

    private Document pause(Instant now) {
        return new Document("_id", REBUILD).append("by", instance.id()).append(UNTIL, now.plus(PAUSE_LEASE).toEpochMilli());
    }

    private long liveInstances(Instant now) {
        long aliveSince = now.minus(claimTimeout).toEpochMilli();
        long forgetBefore = now.minus(FORGET_AFTER).toEpochMilli();
        long live = 0;
        List<Object> forgotten = new ArrayList<>();
        for (Document heartbeat : instances.find()) {
            long seenAt = heartbeat.getLong(SEEN_AT);
            if (seenAt > aliveSince) {
                live++;
            } else if (seenAt < forgetBefore) {
                forgotten.add(heartbeat.get("_id"));
            }
        }
        forgotten.forEach(id -> instances.deleteOne(eq("_id", id)));
        return live;
    }

    /**
     * One split (of a largest segment) or one merge (of a smallest one with its other half) per round, until the token
     * store holds the configured count.
     */
    private void resize(TrackingEventProcessor processor, Map<Integer, EventTrackerStatus> held, int stored) {
        boolean split = stored < segments;
        Comparator<Segment> byMask = Comparator.comparingInt(Segment::getMask);
        Optional<Segment> chosen = held.values().stream().map(EventTrackerStatus::getSegment)
                .max(split ? byMask.reversed() : byMask);
        if (chosen.isEmpty()) {
            return;
        }
        Segment segment = chosen.get();
        log.info("The projection's token store holds {} segments, {} are configured: {} segment {}", stored, segments,
                split ? "splitting" : "merging", segment.getSegmentId());
        try {
            boolean done = (split ? processor.splitSegment(segment.getSegmentId())
                    : processor.mergeSegment(segment.getSegmentId())).get(claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                log.warn("Segment {} was not {}; trying again next round", segment.getSegmentId(), split ? "split" : "merged");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Segment {} was not {}: {}", segment.getSegmentId(), split ? "split" : "merged", e.toString());
        }
    }

    private TrackingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(PersonHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + PersonHistoryProjection.PROCESSING_GROUP));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the projection to pause", e);
        }
    }
}
