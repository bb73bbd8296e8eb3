package io.careerpath.command.person.application;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's {@link Cache} over a bounded Caffeine cache (Axon 4 ships adapters for Ehcache and JCache only):
 * at most {@code maximumSize} aggregates, each for {@code timeToLive} after it was last stored.
 */
final class CaffeineAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    CaffeineAggregateCache(long maximumSize, Duration timeToLive) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive)
                // evictions run on the thread that stores, not on a pool: the bound holds when put returns
                .executor(Runnable::run).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    /** Nothing here listens to the cache (Axon's repositories register no listener). */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("no listeners on the aggregate cache");
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
