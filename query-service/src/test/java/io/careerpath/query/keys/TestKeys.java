package io.careerpath.query.keys;

import io.careerpath.security.PersonalData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of the key path: the keys the command service would hold, handed out by a
 * {@link KeyFetcher} that records what it was asked. The real path is tested end to end.
 */
public final class TestKeys implements KeyFetcher {

    private final Map<String, byte[]> held = new ConcurrentHashMap<>();
    private final List<List<String>> requests = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private volatile boolean down;
    private final PersonKeyLookup personKeys = new PersonKeyLookup(this, 100_000, 600_000_000_000L, now::get);

    /** The person's key, as the command service would have made it at registration. */
    public byte[] give(String personId, byte[] key) {
        held.put(personId, key);
        return key;
    }

    public byte[] newKeyFor(String personId) {
        return give(personId, PersonalData.newKey());
    }

    public byte[] keyOf(String personId) {
        return held.get(personId);
    }

    /** As the command service does on erasure. */
    public void destroy(String personId) {
        held.remove(personId);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void advanceNanos(long nanos) {
        now.addAndGet(nanos);
    }

    public synchronized List<List<String>> requests() {
        return List.copyOf(requests);
    }

    public PersonKeyLookup personKeys() {
        return personKeys;
    }

    @Override
    public synchronized Map<String, byte[]> fetch(List<String> personIds) {
        if (personIds.size() > MAX_PEOPLE_PER_REQUEST) {
            throw new AssertionError("asked for " + personIds.size() + " people in one request");
        }
        if (down) {
            throw new KeysUnavailable("test: the command service is down", null);
        }
        requests.add(List.copyOf(personIds));
        Map<String, byte[]> keys = new HashMap<>();
        personIds.forEach(id -> {
            if (held.containsKey(id)) {
                keys.put(id, held.get(id));
            }
        });
        return keys;
    }
}
