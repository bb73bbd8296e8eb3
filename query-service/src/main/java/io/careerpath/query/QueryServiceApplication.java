package io.careerpath.query;

import io.careerpath.pipeline.AxonSerialization;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Projects career events from Kafka into MongoDB read models and serves them. Its configuration
 * file is {@code query-service.yml}, and JDBC auto-configuration is excluded: when both services
 * share a JVM (single-machine mode, tests) the query side must not quietly grow an in-memory H2 and
 * keep its tokens there. Axon's update checker is excluded: it reports usage to a vendor over the network.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class},
        excludeName = "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration")
@ConfigurationPropertiesScan
@Import(AxonSerialization.class)
public class QueryServiceApplication {

    public static final String CONFIG_NAME = "query-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    /** The one clock that decides what "today" is; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
