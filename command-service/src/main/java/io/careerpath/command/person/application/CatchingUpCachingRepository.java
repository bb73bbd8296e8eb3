package io.careerpath.command.person.application;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository made safe for several command-service instances on one event store (they share
 * nothing else, docs/scaling.md): an aggregate found in this instance's cache is brought up to date with the
 * events appended after it, by anyone, before the command decides on it.
 *
 * <p>Axon's {@link CachingEventSourcingRepository} alone trusts its cache: after another instance (or the bulk
 * import's fast path, which appends without the aggregate) recorded an event, this instance would decide on the
 * person as it was. An acceptance decided that way is still refused by the event store's unique (person,
 * sequence) key, but a refusal (a career rule, a stale {@code If-Match}, an erased person) appends nothing,
 * so nothing would catch it. Hence, on every load from the cache, one read of the events after the cached
 * sequence number (one indexed query, usually empty), applied as a replay would, before the aggregate is
 * handed to the command handler; Axon's conflict check ({@code If-Match}) runs after that, on the fresh
 * version. What Axon already does stays: a lock per aggregate within the instance, the cached aggregate
 * evicted when its unit of work rolls back (a refusal, a failed append), the saved aggregate cached on commit.
 */
class CatchingUpCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    CatchingUpCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        // the lock on this aggregate is held: only this thread puts it in the cache until it is released
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            catchUp(aggregate);
        }
        return aggregate;
    }

    private void catchUp(EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        DomainEventStream appendedSince = eventStore.readEvents(aggregate.identifierAsString(),
                version == null ? 0 : version + 1);
        // only with events: an empty stream's last sequence number is null, which would reset the aggregate's
        if (appendedSince.hasNext()) {
            aggregate.initializeState(appendedSince);
        }
        if (aggregate.isDeleted()) {
            // erased through another instance since it was cached
            cache.remove(aggregate.identifierAsString());
            throw new AggregateDeletedException(aggregate.identifierAsString());
        }
    }
}
