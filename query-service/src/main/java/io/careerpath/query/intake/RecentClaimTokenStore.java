package io.careerpath.query.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * The projection's token store, without the claim extensions that repeat a confirmation this instance got moments
 * before.
 *
 * <p>Without a transaction manager (MongoDB here), Axon's tracking processor extends its claim before every batch and
 * stores its token after it. At 100 events a second a batch holds one or two events, so that extension was one of
 * the five MongoDB round trips every event waited for on the projection's thread (docs/performance.md, "Event to
 * visible"), confirming a claim the previous batch's token write had confirmed a few milliseconds before. Here an
 * extension is sent only when this instance has not confirmed the claim (by claiming, storing or extending) within
 * {@code fresh}, a fraction of the claim's timeout: another instance may take a claim only once it is older than the
 * timeout, so one confirmed that recently is still held. A claim lost all the same (an operator's release, clocks
 * far apart) shows at the batch's token write, which always goes to the store and fails; the batch is then processed
 * again by the new owner, and the projection ignores events it already holds. Any failure forgets the confirmation.
 */
final class RecentClaimTokenStore implements TokenStore {

    private final TokenStore store;
    private final Duration fresh;
    private final Clock clock;
    private final Map<Claim, Instant> confirmed = new ConcurrentHashMap<>();

    RecentClaimTokenStore(TokenStore store, Duration fresh, Clock clock) {
        this.store = store;
        this.fresh = fresh;
        this.clock = clock;
    }

    private record Claim(String processor, int segment) {
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        Claim claim = new Claim(processorName, segment);
        Instant last = confirmed.get(claim);
        if (last != null && clock.instant().isBefore(last.plus(fresh))) {
            return;
        }
        confirming(claim, () -> store.extendClaim(processorName, segment));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        confirming(new Claim(processorName, segment), () -> store.storeToken(token, processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        Instant asked = clock.instant();
        Claim claim = new Claim(processorName, segment);
        try {
            TrackingToken token = store.fetchToken(processorName, segment);
            confirmed.put(claim, asked);
            return token;
        } catch (RuntimeException e) {
            confirmed.remove(claim);
            throw e;
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return fetchToken(processorName, segment.getSegmentId());
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        confirmed.remove(new Claim(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        confirmed.remove(new Claim(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    /** Remembers the time before the store was asked, so that the confirmation is never taken as later than it was. */
    private void confirming(Claim claim, Runnable call) {
        Instant asked = clock.instant();
        try {
            call.run();
            confirmed.put(claim, asked);
        } catch (RuntimeException e) {
            confirmed.remove(claim);
            throw e;
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
