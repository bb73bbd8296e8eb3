package io.careerpath.pipeline.deadletters;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dead-letter administration for a service: each service imports this configuration and declares a
 * {@link ProcessingGroupDeadLetters} bean per processing group that parks events. Serves
 * {@code /api/admin/dead-letters} and the gauge {@value DeadLetterMetrics#NAME}; with no such bean the list
 * is empty and every sequence unknown.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    public DeadLetterAdministration deadLetterAdministration(ObjectProvider<ProcessingGroupDeadLetters> groups) {
        return new DeadLetterAdministration(groups.orderedStream().toList());
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterAdministration deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(DeadLetterAdministration deadLetters,
                                        @Value("${careerpath.dead-letters.metric-refresh:15s}") Duration refresh) {
        return new DeadLetterMetrics(deadLetters, refresh);
    }
}
