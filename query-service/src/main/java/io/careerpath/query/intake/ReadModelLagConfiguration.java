package io.careerpath.query.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How stale the read models may be ({@link ReadModelStaleness}), told on every answer of the query API
 * ({@link ReadModelLagHeader}). Declared here rather than scanned: web slice tests pick up filters, and this one
 * needs the projection's position.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelLagConfiguration {

    @Bean
    ReadModelStaleness readModelStaleness(TopicPositions positions, MeterRegistry meters) {
        return new ReadModelStaleness(positions, meters);
    }

    @Bean
    ReadModelLagHeader readModelLagHeader(ReadModelStaleness staleness) {
        return new ReadModelLagHeader(staleness);
    }
}
