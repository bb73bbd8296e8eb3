package io.careerpath.benchmarks.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.pipeline.AxonSerialization;
import io.careerpath.security.web.ResourceServer;
import io.careerpath.security.web.SecurityProblems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command path's peer (docs/performance.md): the least a Spring Boot + Axon service on this stack does to
 * record one event over HTTP. The command service's HTTP stack (Tomcat, Spring MVC, Jackson), its JWT check
 * ({@link ResourceServer}: RS256 tokens of the same issuer and audience), Axon's JDBC event store with the same
 * serializer ({@link AxonSerialization}) and the service's own Flyway migration, Axon's default event-sourcing
 * repository; and one trivial aggregate whose command has no rules. What the command service does beyond this
 * (strict JSON, the person's rules, sealing, idempotency, publishing) is what the ratio to this peer measures.
 * Beside it, {@link Rows}: the same request with no Axon at all, one plain JDBC row per request.
 *
 * <p>Started as its own JVM by the benchmark ({@code PeerMain}), with the same heap and collector as the services.
 */
@SpringBootApplication(exclude = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class},
        excludeName = {"org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
                "org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration"})
@Import({AxonSerialization.class, ResourceServer.class})
public class PeerService {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PeerService.class).properties(
                // no configuration file of its own: none of the services' files apply
                "spring.config.name=peer-service",
                "axon.axonserver.enabled=false",
                // the command service's event table, on H2 with its identity cache (the H2-only migration)
                "spring.flyway.locations=classpath:db/migration/eventstore,classpath:db/migration/eventstore-{vendor}",
                "spring.security.oauth2.resourceserver.jwt.audiences=careerpath-api",
                // the services' pool and the services' handler watchdog setting, so that the peer is not slower for them
                "spring.datasource.hikari.maximum-pool-size=20",
                "axon.timeout.handler.events.timeout-ms=-1",
                "axon.timeout.handler.events.warning-threshold-ms=-1",
                "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.probes.enabled=true");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems) throws Exception {
        return ResourceServer.configure(http, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    /** POST /peer/things creates a thing; POST /peer/things/{id}/events appends one event to it. */
    @RestController
    static class Things {

        private final CommandGateway commands;

        Things(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/peer/things")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, String> create() {
            String thingId = UUID.randomUUID().toString();
            commands.sendAndWait(new Thing.Create(thingId));
            return Map.of("thingId", thingId);
        }

        @PostMapping("/peer/things/{thingId}/events")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> record(@PathVariable String thingId, @RequestBody Load load) {
            long sequence = commands.sendAndWait(new Thing.Record(thingId, load.effectiveDate(), load.percentOfTime()));
            return Map.of("thingId", thingId, "sequenceNumber", sequence);
        }
    }

    /**
     * POST /peer/rows/{streamId}: the same request, JWT check and body as {@link Things#record}, then one row into
     * the same event table with plain JDBC, a transaction of its own (the pool's auto-commit), and no Axon: what the
     * HTTP stack alone costs beside the benchmark's plain JDBC one row per transaction. The stream's next sequence
     * number is counted here (each stream has one client at a time), the body serialized with Jackson.
     */
    @RestController
    static class Rows {

        private static final String INSERT = "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type,"
                + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        private static final byte[] NO_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

        private final JdbcTemplate jdbc;
        private final ObjectMapper json;
        private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

        Rows(JdbcTemplate jdbc, ObjectMapper json) {
            this.jdbc = jdbc;
            this.json = json;
        }

        @PostMapping("/peer/rows/{streamId}")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> record(@PathVariable String streamId, @RequestBody Load load) throws JsonProcessingException {
            long sequence = sequences.computeIfAbsent(streamId, id -> new AtomicLong()).getAndIncrement();
            jdbc.update(INSERT, streamId, sequence, "Row", UUID.randomUUID().toString(), NO_META_DATA,
                    json.writeValueAsBytes(load), null, Load.class.getName(), Instant.now().toString());
            return Map.of("streamId", streamId, "sequenceNumber", sequence);
        }
    }

    /** The body the command service's career-events endpoint takes for an administrative load, without its checks. */
    record Load(String type, LocalDate effectiveDate, int percentOfTime) {
    }
}
