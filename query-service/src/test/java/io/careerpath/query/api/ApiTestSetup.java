package io.careerpath.query.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.query.reminders.RemindersProperties;
import io.careerpath.query.keys.PersonKeysProperties;
import io.careerpath.query.keys.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.careerpath.query.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueryProperties.class, WebProperties.class, PersonKeysProperties.class,
        RemindersProperties.class})
public class ApiTestSetup {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean(destroyMethod = "shutdown")
    MongoServer mongoServer() {
        return new MongoServer(new MemoryBackend());
    }

    /** Every command the API sends to MongoDB, so tests can check that refused input sends none. */
    @Bean
    MongoCommands mongoCommands() {
        return new MongoCommands();
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer server, MongoCommands commands) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(commands)
                .build());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client) {
        return client.getDatabase("careerpath");
    }

    /** The projection and its repairs count what they meet; WebMvcTest has no metrics auto-configuration. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    TestKeys testKeys() {
        return new TestKeys();
    }

    @Bean
    ApiFixture apiFixture() {
        return new ApiFixture();
    }

    public static final class MongoCommands implements CommandListener {

        private final List<String> commands = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            commands.add(event.getCommandName());
        }

        public void clear() {
            commands.clear();
        }

        public List<String> sent() {
            return List.copyOf(commands);
        }
    }
}
