package io.careerpath.command.person.application;

import io.careerpath.command.person.domain.EffectiveDateWindow;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configurable part of the recording rules. */
@Configuration(proxyBeanMethods = false)
class CareerRulesConfiguration {

    /** A bean so that Axon resolves it as a parameter of the aggregate's command handlers. */
    @Bean
    EffectiveDateWindow effectiveDateWindow(EffectiveDateProperties properties, Clock clock) {
        return new EffectiveDateWindow(properties.earliest(), clock);
    }
}
