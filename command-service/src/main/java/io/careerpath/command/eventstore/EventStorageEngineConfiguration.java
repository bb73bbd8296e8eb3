package io.careerpath.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import java.time.Duration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC event storage engine as its Spring Boot auto-configuration builds it, with two changes. The
 * publisher's read while its token holds gaps uses the index on H2 too ({@link GapReadStatement}). And the
 * rows it reads per query ({@code careerpath.event-store.fetch-batch-size}; Axon's default is 100).
 * The publisher reads the event table through this engine: pages of 1,000 rows cost its thread about a
 * quarter less CPU per event than pages of 100 (docs/performance.md, "Publishing"). A person's history
 * is read in the same pages, so a long history loads in fewer queries.
 *
 * <p>Axon's event store around it is built here too, for one setting: how soon the publisher's stream sees events
 * appended by another instance ({@code careerpath.event-store.fetch-delay}). The stream is woken at once by this
 * instance's own commits, but only looks for others' after the delay, Axon's default 1 s: with two instances, half
 * the events would reach Kafka up to a second late. Only the instance holding the publisher's claim has a stream open,
 * so the shorter delay costs one indexed query per delay on one instance while nothing is appended.
 */
@Configuration(proxyBeanMethods = false)
class EventStorageEngineConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          @Value("${careerpath.event-store.fetch-batch-size:1000}") int fetchBatchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema()) // Axon's own, which backs off when the engine is defined here
                .batchSize(fetchBatchSize)
                .readEventDataWithGaps(GapReadStatement::build)
                .build();
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${careerpath.event-store.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }
}
