package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.CommandServiceApplication;
import io.careerpath.command.imports.ImportFastPath;
import io.careerpath.command.imports.ImportRows;
import io.careerpath.command.person.domain.ImportHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * Two command-service instances on one event store (they share nothing else, docs/scaling.md): this test's
 * context ("A", {@link #mvc}) and a second application context ("B") on the same database. A keeps the people
 * it commanded in its aggregate cache; whatever B, or the bulk import's fast path, appended since must be what
 * A decides on: a command B's event made valid is accepted, one it made invalid is refused by the rule (not by
 * the event store's key after a decision on stale state), an {@code If-Match} is judged against the fresh
 * sequence, and a person B erased is gone.
 */
class SeveralInstancesTest extends CommandApiTest {

    private static ConfigurableApplicationContext instanceB;
    private static MockMvc b;

    @Autowired
    ImportRows importRows;
    @Autowired
    ImportFastPath importFastPath;
    @Autowired
    PlatformTransactionManager transactionManager;

    /** The event store of both instances: CommandApiTest's in-memory H2 (a subclass has its own). */
    List<String> eventStore() {
        return List.of(
                "spring.datasource.url=jdbc:h2:mem:command-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa",
                "spring.datasource.password=");
    }

    @BeforeEach
    void startInstanceB() {
        if (instanceB != null) {
            return;
        }
        List<String> settings = new ArrayList<>(eventStore());
        settings.addAll(List.of(
                "server.port=0",
                "careerpath.kafka.enabled=false",
                "management.endpoint.health.group.readiness.include=readinessState,db",
                "spring.main.banner-mode=off",
                "careerpath.erasure-ledger.directory=target/erasure-ledgers/instance-b-" + System.nanoTime(),
                "careerpath.erasure-ledger.instance=instance-b",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"));
        // command-line arguments: they win over command-service.yml, as the test context's properties do
        instanceB = CommandServiceApplication.builder().run(settings.stream().map(setting -> "--" + setting)
                .toArray(String[]::new));
        b = MockMvcBuilders.webAppContextSetup((WebApplicationContext) instanceB)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .defaultRequest(get("/").with(token(HR_ADMIN, null, List.of("HR_ADMIN"), List.of())))
                .build();
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
            instanceB = null;
        }
    }

    @Test
    void aCommandAnEventRecordedThroughTheOtherInstanceMadeValidIsAccepted() throws Exception {
        String person = cachedByA();
        String teamChange = eventId(recordedThrough(b, person, team("team-b")));

        MockHttpServletResponse retraction = mvc.perform(record(person, retract(teamChange))).andReturn().getResponse();

        assertThat(retraction.getStatus()).as(retraction.getContentAsString()).isEqualTo(201);
        assertThat(json.readTree(retraction.getContentAsString()).get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(storedEvents(person)).hasSize(4);
    }

    @Test
    void aCommandAnEventRecordedThroughTheOtherInstanceMadeInvalidIsRefusedByTheRule() throws Exception {
        String person = register();
        String teamChange = eventId(recorded(person, team("team-b")));
        recordedThrough(b, person, retract(teamChange));

        MockHttpServletResponse again = mvc.perform(record(person, retract(teamChange))).andReturn().getResponse();

        assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(422);
        assertThat(again.getContentAsString()).contains("event-already-retracted");
        assertThat(storedEvents(person)).hasSize(3);
    }

    @Test
    void anIfMatchIsJudgedAgainstWhatTheOtherInstanceRecorded() throws Exception {
        String person = cachedByA();
        recordedThrough(b, person, team("team-b"));

        MockHttpServletResponse stale = mvc.perform(record(person, team("team-c")).header("If-Match", "\"1\""))
                .andReturn().getResponse();
        MockHttpServletResponse current = mvc.perform(record(person, team("team-c")).header("If-Match", "\"2\""))
                .andReturn().getResponse();

        assertThat(stale.getStatus()).as(stale.getContentAsString()).isEqualTo(409);
        JsonNode problem = json.readTree(stale.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:sequence-mismatch");
        assertThat(problem.get("currentSequence").asLong()).isEqualTo(2);
        assertThat(current.getStatus()).as(current.getContentAsString()).isEqualTo(201);
        assertThat(storedEvents(person)).hasSize(4);
    }

    @Test
    void whatTheImportFastPathAppendedAfterThePersonWasCachedIsDecidedOn() throws Exception {
        String person = cachedByA();
        ObjectNode row = (ObjectNode) json.readTree(team("team-imported"));
        ImportRows.Decoded decoded = importRows.decode(1, person, row);
        assertThat(decoded.ok()).as("%s", decoded).isTrue();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> importFastPath.importAll(
                List.of(new ImportHistory(person, List.of(decoded.row()), RECORDER, NOW)), Map.of()));
        assertThat(storedEvents(person)).hasSize(3);
        String imported = storedEvents(person).get(2).eventId();

        MockHttpServletResponse retraction = mvc.perform(record(person, retract(imported)).header("If-Match", "\"2\""))
                .andReturn().getResponse();

        assertThat(retraction.getStatus()).as(retraction.getContentAsString()).isEqualTo(201);
        assertThat(storedEvents(person)).hasSize(4);
    }

    @Test
    void aPersonErasedThroughTheOtherInstanceIsNotFound() throws Exception {
        String person = cachedByA();

        assertThat(b.perform(delete("/api/people/{id}", person)).andReturn().getResponse().getStatus()).isEqualTo(204);
        MockHttpServletResponse response = mvc.perform(record(person, team("team-c"))).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(404);
        assertThat(json.readTree(response.getContentAsString()).get("type").asText())
                .isEqualTo("urn:careerpath:problem:person-not-found");
        assertThat(storedEvents(person)).hasSize(3);
    }

    /** A person registered and given one event through A (sequence 1), so that A holds them in its cache. */
    private String cachedByA() throws Exception {
        String person = register();
        recorded(person, """
                {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-01-01", "percentOfTime": 20}""");
        return person;
    }

    private JsonNode recordedThrough(MockMvc instance, String person, String body) throws Exception {
        MockHttpServletResponse response = instance.perform(record(person, body)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString());
    }

    private static String eventId(JsonNode answer) {
        return answer.get("eventId").asText();
    }

    private static String team(String teamId) {
        return """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "%s"}""".formatted(teamId);
    }

    private static String retract(String eventId) {
        return """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2024-02-01", "eventId": "%s", "reason": "recorded by mistake"}"""
                .formatted(eventId);
    }
}
