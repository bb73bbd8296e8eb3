package io.careerpath.command;

import io.careerpath.pipeline.AxonSerialization;
import io.careerpath.pipeline.deadletters.DeadLetterConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Records career events. Its configuration file is {@code command-service.yml} (not
 * {@code application.yml}) so that both services can run in one JVM without reading each other's
 * settings; Mongo auto-configuration is excluded for the same reason: the command side owns no
 * read model. Axon's update checker is excluded: it reports usage to a vendor over the network.
 */
@SpringBootApplication(exclude = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class},
        excludeName = "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration")
@ConfigurationPropertiesScan
@Import({AxonSerialization.class, DeadLetterConfiguration.class})
public class CommandServiceApplication {

    public static final String CONFIG_NAME = "command-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    /** The one clock that stamps recorded events; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
