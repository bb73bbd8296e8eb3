package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.command.imports.ImportedPersonIds;
import io.careerpath.command.personaldata.PersonKeyTable;
import io.careerpath.command.personaldata.PersonalFields;
import io.careerpath.events.CareerEvent;
import io.careerpath.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.threeten.extra.MutableClock;

/**
 * The command service as a whole (Axon, the JDBC event store with its Flyway schema, the web layer),
 * on an in-memory H2 database in PostgreSQL mode, with Kafka publishing switched off: what these tests
 * check ends in the event store. One Spring context serves every subclass. The clock stands at
 * {@link #NOW}, so "today" is 2025-06-15 (2025-06-16 in UTC+14, the latest date accepted); a test that
 * moves it ({@link #clock}) puts it back when it ends.
 *
 * <p>Every request carries an HR administrator's token ({@link #HR_ADMIN}) unless it sets its own
 * ({@code .with(token(...))}); {@link #anonymous} sends none. Decisions read the token's claims, so the
 * tokens here are claims (spring-security-test's {@code jwt()}), not signed JWTs.
 */
@SpringBootTest(properties = {
        "spring.config.name=command-service",
        "spring.datasource.url=jdbc:h2:mem:command-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "careerpath.kafka.enabled=false",
        "management.endpoint.health.group.readiness.include=readinessState,db",
        "spring.main.banner-mode=off",
        // a ledger per context: an erasure in one test's event store must never be re-applied to another's
        "careerpath.erasure-ledger.directory=target/erasure-ledgers/${random.uuid}",
        "careerpath.erasure-ledger.instance=test",
        // never fetched: MockMvc's jwt() stands for a validated token
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"})
@AutoConfigureMockMvc
@Import(CommandApiTest.ClockAndToken.class)
abstract class CommandApiTest {

    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    /** The sub of the default token: an HR administrator who is no person here. */
    static final String HR_ADMIN = "hr-admin";
    /** Who records with the default token. */
    static final String RECORDER = "sub:" + HR_ADMIN;

    @TestConfiguration
    static class ClockAndToken {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.of(NOW, ZoneOffset.UTC);
        }

        @Bean
        MockMvcBuilderCustomizer hrAdministratorByDefault() {
            return builder -> builder.defaultRequest(get("/").with(token(HR_ADMIN, null, List.of("HR_ADMIN"), List.of())));
        }
    }

    /** An access token with the claims docs/security.md maps to a caller. */
    static JwtRequestPostProcessor token(String subject, String personId, List<String> roles, List<String> managedTeams) {
        return jwt().jwt(token -> {
            token.subject(subject).claim(Caller.ROLES_CLAIM, roles).claim(Caller.MANAGED_TEAMS_CLAIM, managedTeams)
                    .audience(List.of(Caller.AUDIENCE));
            if (personId != null) {
                token.claim(Caller.PERSON_ID_CLAIM, personId);
            }
        });
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonKeyTable keys;
    @Autowired
    ImportedPersonIds importedPersonIds;
    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    @AfterEach
    void clockBackToNow() {
        clock.setInstant(NOW);
    }

    /** Requests without any token (the default token is not added). */
    MockMvc anonymous() {
        return org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    /** Registers a person through the API and answers their id. */
    String register() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Ada Lovelace\", \"teamId\": \"team-apollo\", \"effectiveDate\": \"2014-01-06\"}"))
                .andReturn().getResponse();
        if (response.getStatus() != 201) {
            throw new AssertionError("registration failed: " + response.getContentAsString());
        }
        return json.readTree(response.getContentAsString()).get("personId").asText();
    }

    MockHttpServletRequestBuilder record(String personId, String body) {
        return post("/api/people/{id}/career-events", personId).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    MockHttpServletRequestBuilder history(String personId) {
        return get("/api/people/{id}/career-events", personId);
    }

    /** Records an event that must be accepted, and answers the API's answer. */
    JsonNode recorded(String personId, String body) throws Exception {
        MockHttpServletResponse response = mvc.perform(record(personId, body)).andReturn().getResponse();
        if (response.getStatus() != 201) {
            throw new AssertionError("expected 201 for " + body + " but got " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        return json.readTree(response.getContentAsString());
    }

    /** The person a bulk import's personRef names in this installation. */
    String importedPersonId(String personRef) {
        return importedPersonIds.personId(personRef);
    }

    /** What the event store holds for the person: the ground truth of "nothing was recorded". */
    List<CareerEvent> storedEvents(String personId) {
        return eventStore.readEvents(personId).asStream().map(DomainEventMessage::getPayload)
                .map(CareerEvent.class::cast).toList();
    }

    /** The stored events with their personal data opened with the person's key, as the audit view shows them. */
    List<CareerEvent> openedEvents(String personId) {
        byte[] key = keys.find(personId).orElseThrow();
        return storedEvents(personId).stream().map(event -> PersonalFields.open(event, key)).toList();
    }

    long allStoredEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
    }

    long storedIdempotencyKeys(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_keys WHERE idempotency_key = ?", Long.class, key);
    }

    static String body(Map<String, ?> fields) {
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a bulk-import file as the request body; answers the import's address. */
    String upload(String body, MediaType type) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/imports").contentType(type).content(body))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        return response.getHeader("Location");
    }

    /** Polls the import until it has ended, and answers its last status. */
    JsonNode awaitEnd(String location) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = json.readTree(mvc.perform(get(location)).andReturn().getResponse().getContentAsString());
            return !List.of("QUEUED", "RUNNING").contains(last[0].get("state").asText());
        });
        return last[0];
    }
}
