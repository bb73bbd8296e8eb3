package io.careerpath.command.person.application;

import io.careerpath.command.person.domain.Person;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where commands find a person: a bounded cache of aggregates in front of the event store, caught up with the
 * events appended since on every load ({@link CatchingUpCachingRepository}), instead of replaying the whole
 * history for each command (docs/performance.md, "Single events through the HTTP API").
 */
@Configuration(proxyBeanMethods = false)
class PersonRepositoryConfiguration {

    /** Named by {@code @Aggregate(repository = ...)} on {@link Person}. */
    @Bean
    Repository<Person> personRepository(EventStore eventStore, PersonCacheProperties properties,
                                        ParameterResolverFactory parameterResolverFactory,
                                        HandlerDefinition handlerDefinition) {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(properties.cacheSize(), properties.cacheTtl());
        // Spring's resolvers, so that the command handlers get their beans (EffectiveDateWindow, the access policy)
        EventSourcingRepository.Builder<Person> builder = EventSourcingRepository.builder(Person.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition);
        return new CatchingUpCachingRepository<>(builder, eventStore, cache);
    }
}
