package io.careerpath.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * People's keys held in memory by a service that reads them from their holder (the command service's key
 * table; the query service's key path): bounded, and kept for a limited time, with Caffeine.
 *
 * <p><b>An erasure wins over every read in flight.</b> A key read from its holder just before the person was
 * erased, and stored here just after the erasure was applied here, would bring the erased key back into memory
 * for the cache's lifetime. So a reader takes a {@link #beforeReading() ticket} before it asks the holder, and
 * what it read is {@link #keep kept} only if no erasure was applied here since then; erasures and those stores
 * are serialized. Every interleaving ends with the key gone: an erasure before the ticket means the holder
 * answers without the key (it deletes the key before the erasure is applied here); an erasure between the ticket
 * and the store means the store keeps nothing; an erasure after the store removes what it stored. The reader
 * still gets what it read (one answer given at the moment of the erasure), it is only not kept. Any erasure
 * voids every read in flight, whoever it was for: erasures are rare, and such a read is simply done again.
 *
 * <p>An erased person is remembered as having {@link #NO_KEY no key} (erasure is final), so that they are not
 * asked for again while that is held.
 */
public final class KeyCache {

    /** Held for a person known to have no key: erased (or, where a service keeps such reads, never registered). */
    public static final byte[] NO_KEY = new byte[0];

    private final Cache<String, byte[]> keys;
    /** Erasures applied here so far; guarded by {@code this} together with the stores that depend on it. */
    private long erasures;

    /**
     * @param timeToLive how long a key is kept after it was read; null: until it falls out by size
     * @param nanoTicker the time in nanoseconds ({@link System#nanoTime}; a test's own)
     */
    public KeyCache(long maximumSize, Duration timeToLive, LongSupplier nanoTicker) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(nanoTicker::getAsLong)
                // evictions run on the thread that stores, not on a pool: the bound holds when keep returns
                .executor(Runnable::run);
        if (timeToLive != null) {
            builder.expireAfterWrite(timeToLive);
        }
        this.keys = builder.build();
    }

    /** The person's key if it is held here, {@link #NO_KEY} if they are known to have none, else null. */
    public byte[] held(String personId) {
        return keys.getIfPresent(personId);
    }

    /** What is held here of these people, as {@link #held(String)} says it. */
    public Map<String, byte[]> held(Collection<String> personIds) {
        return keys.getAllPresent(personIds);
    }

    /** To be taken before asking the keys' holder: the ticket that {@link #keep} needs. */
    public synchronized long beforeReading() {
        return erasures;
    }

    /** Keeps keys read from their holder since {@code ticket} was taken, unless someone was erased meanwhile. */
    public synchronized void keep(long ticket, Map<String, byte[]> read) {
        if (ticket == erasures) {
            keys.putAll(read);
        }
    }

    /**
     * The person was erased (for good: only once the erasure has committed): their key leaves memory, no read in
     * flight brings it back, and they are held as having {@link #NO_KEY no key}.
     */
    public synchronized void erased(String personId) {
        erasures++;
        keys.put(personId, NO_KEY);
    }
}
