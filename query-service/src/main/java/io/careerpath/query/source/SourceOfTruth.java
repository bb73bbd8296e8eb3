package io.careerpath.query.source;

import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The event store, as the read side reaches it. The read side trusts it over the topic: a person whose
 * read model is out of step is repaired from here, and a rebuild reads everything from here, so that
 * neither depends on what the topic still holds.
 *
 * @throws SourceOfTruthUnavailable from every method, when the event store cannot be read now
 */
public interface SourceOfTruth {

    /**
     * One page of people in id order after {@code after} (null: from the first), with where each one's
     * history stands in the event store.
     */
    Heads heads(String after, int limit);

    /**
     * Every event the store holds for each of the people, in sequence order, upcast and deserialized
     * (personal data still sealed). A person the store does not know has an empty list.
     */
    Map<String, List<DomainEventMessage<?>>> eventsOf(Collection<String> personIds);
}
