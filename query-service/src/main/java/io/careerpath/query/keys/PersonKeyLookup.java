package io.careerpath.query.keys;

import static io.careerpath.security.KeyCache.NO_KEY;

import io.careerpath.security.KeyCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The people's keys, for opening their sealed personal data when answering (docs/security.md). Held
 * in memory only, for a bounded time and number ({@link KeyCache}), never persisted: the command service
 * stays the one place a key lives, so destroying it there erases the data here too. Asked for in batches,
 * so a board of 200 people costs one request, and forgotten as soon as the person's erasure is projected,
 * also when a request for their key was on its way at that moment.
 *
 * <p>That a person has no key (erased) is remembered like a key: erasure is final.
 */
@Component
public class PersonKeyLookup {

    private final KeyFetcher fetcher;
    private final KeyCache cache;

    @Autowired
    PersonKeyLookup(KeyFetcher fetcher, PersonKeysProperties properties) {
        this(fetcher, properties.cacheSize(), properties.cacheTtl().toNanos(), System::nanoTime);
    }

    PersonKeyLookup(KeyFetcher fetcher, int maxEntries, long ttlNanos, LongSupplier ticker) {
        this.fetcher = fetcher;
        this.cache = new KeyCache(maxEntries, Duration.ofNanos(ttlNanos), ticker);
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
        for (String personId : new LinkedHashSet<>(personIds)) {
            byte[] held = cache.held(personId);
            if (held == null) {
                missing.add(personId);
            } else if (held != NO_KEY) {
                keys.put(personId, held);
            }
        }
        for (int from = 0; from < missing.size(); from += KeyFetcher.MAX_PEOPLE_PER_REQUEST) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + KeyFetcher.MAX_PEOPLE_PER_REQUEST));
            long ticket = cache.beforeReading();
            Map<String, byte[]> fetched = fetcher.fetch(List.copyOf(chunk));
            Map<String, byte[]> read = new HashMap<>();
            for (String personId : chunk) {
                byte[] key = fetched.get(personId);
                read.put(personId, key == null ? NO_KEY : key);
                if (key != null) {
                    keys.put(personId, key);
                }
            }
            cache.keep(ticket, read);
        }
        return keys;
    }

    /**
     * The keys of those of the people who have one, asked for now and not kept: for work in the background (the
     * figures for today open names when a person is written), which must not leave a key held that answers would then
     * use after the command service destroyed it. Someone known to be erased is left out without asking.
     *
     * @throws KeysUnavailable if they cannot be asked for now
     */
    public Map<String, byte[]> keysOfNow(Collection<String> personIds) {
        List<String> asked = new ArrayList<>();
        for (String personId : new LinkedHashSet<>(personIds)) {
            if (cache.held(personId) != NO_KEY) {
                asked.add(personId);
            }
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (int from = 0; from < asked.size(); from += KeyFetcher.MAX_PEOPLE_PER_REQUEST) {
            keys.putAll(fetcher.fetch(List.copyOf(asked.subList(from, Math.min(asked.size(), from + KeyFetcher.MAX_PEOPLE_PER_REQUEST)))));
        }
        keys.keySet().retainAll(asked);
        return keys;
    }

    /** The person was erased: their key must not open anything here any more. */
    public void forget(String personId) {
        cache.erased(personId);
    }
}
