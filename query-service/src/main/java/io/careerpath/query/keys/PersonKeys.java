package io.careerpath.query.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The people's keys, for opening their sealed personal data when answering (docs/security.md). Held
 * in memory only, for a bounded time and number, never persisted: the command service stays the
 * one place a key lives, so destroying it there erases the data here too. Asked for in batches, so
 * a board of 200 people costs one request, and forgotten as soon as the person's erasure is projected.
 *
 * <p>That a person has no key (erased) is remembered like a key: erasure is final.
 */
@Component
public class PersonKeys {

    private static final byte[] NO_KEY = new byte[0];

    private final KeyFetcher fetcher;
    private final long ttlNanos;
    private final LongSupplier ticker;
    private final Map<String, Cached> cache;

    private record Cached(byte[] key, long expiresAt) {
    }

    @Autowired
    PersonKeys(KeyFetcher fetcher, PersonKeysProperties properties) {
        this(fetcher, properties.cacheSize(), properties.cacheTtl().toNanos(), System::nanoTime);
    }

    PersonKeys(KeyFetcher fetcher, int maxEntries, long ttlNanos, LongSupplier ticker) {
        this.fetcher = fetcher;
        this.ttlNanos = ttlNanos;
        this.ticker = ticker;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The person's key; empty if they have none (erased, or never known to the command service). */
    public Optional<byte[]> keyOf(String personId) {
        return Optional.ofNullable(keysOf(List.of(personId)).get(personId));
    }

    /**
     * The keys of those of the people who have one, asking the command service only for those not
     * held, at most {@value KeyFetcher#MAX_PEOPLE_PER_REQUEST} per request.
     *
     * @throws KeysUnavailable if keys not held cannot be asked for now
     */
    public Map<String, byte[]> keysOf(Collection<String> personIds) {
        Map<String, byte[]> keys = new HashMap<>();
        List<String> missing = new ArrayList<>();
        long now = ticker.getAsLong();
        synchronized (cache) {
            for (String personId : new LinkedHashSet<>(personIds)) {
                Cached cached = cache.get(personId);
                if (cached == null || now - cached.expiresAt() > 0) {
                    missing.add(personId);
                } else if (cached.key() != NO_KEY) {
                    keys.put(personId, cached.key());
                }
            }
        }
        for (int from = 0; from < missing.size(); from += KeyFetcher.MAX_PEOPLE_PER_REQUEST) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + KeyFetcher.MAX_PEOPLE_PER_REQUEST));
            Map<String, byte[]> fetched = fetcher.fetch(List.copyOf(chunk));
            long expiresAt = ticker.getAsLong() + ttlNanos;
            synchronized (cache) {
                for (String personId : chunk) {
                    byte[] key = fetched.get(personId);
                    cache.put(personId, new Cached(key == null ? NO_KEY : key, expiresAt));
                    if (key != null) {
                        keys.put(personId, key);
                    }
                }
            }
        }
        return keys;
    }

    /** The person was erased: their key must not open anything here any more. */
    public void forget(String personId) {
        synchronized (cache) {
            cache.put(personId, new Cached(NO_KEY, ticker.getAsLong() + ttlNanos));
        }
    }
}
