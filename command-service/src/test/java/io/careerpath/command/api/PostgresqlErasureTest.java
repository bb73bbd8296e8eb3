package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same schema and erasure on PostgreSQL (where production keeps its event store): the migrations
 * run, both recording paths seal, and an erasure rewrites the key table (VACUUM FULL gives it new
 * files) so that the deleted key is gone from disk too. Runs when PostgreSQL answers at 127.0.0.1:5432
 * (user postgres), in a database of its own that each run recreates. Under CI ({@code CI=true}), where
 * .ci/run starts PostgreSQL, a missing server fails the run instead of skipping it.
 */
@EnabledIf("postgresqlAnswers")
class PostgresqlErasureTest extends CommandApiTest {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "careerpath_command_erasure_test";

    static boolean postgresqlAnswers() {
        try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            return true;
        } catch (Exception e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL does not answer at " + SERVER, e);
            }
            return false;
        }
    }

    @DynamicPropertySource
    static void postgresql(DynamicPropertyRegistry properties) throws Exception {
        useFreshDatabase(properties, DATABASE);
    }

    /** Points the context's event store at {@code database}, dropped and created anew: each run starts empty. */
    static void useFreshDatabase(DynamicPropertyRegistry properties, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        properties.add("spring.datasource.url", () -> SERVER + database);
        properties.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void anErasureDeletesTheKeyAndRewritesTheKeyTable() throws Exception {
        String name = "Hedy Lamarr " + UUID.randomUUID();
        MockHttpServletResponse registered = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content(body(java.util.Map.of("displayName", name, "teamId", "team-pg")))).andReturn().getResponse();
        assertThat(registered.getStatus()).as(registered.getContentAsString()).isEqualTo(201);
        String person = json.readTree(registered.getContentAsString()).get("personId").asText();
        assertThat(payloads(person)).noneMatch(payload -> payload.contains(name));
        long files = jdbc.queryForObject("SELECT pg_relation_filenode('person_keys')", Long.class);

        assertThat(mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse().getStatus()).isEqualTo(204);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM person_keys WHERE person_id = ?", Long.class, person)).isZero();
        assertThat(jdbc.queryForObject("SELECT pg_relation_filenode('person_keys')", Long.class))
                .as("VACUUM FULL wrote the table anew").isNotEqualTo(files);
        assertThat(mvc.perform(history(person)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void theBatchPathSealsOnPostgresqlToo() throws Exception {
        String ref = "pg-" + UUID.randomUUID();
        String name = "Ada Byron " + UUID.randomUUID();
        MockHttpServletResponse accepted = mvc.perform(post("/api/imports").contentType(MediaType.parseMediaType("text/csv"))
                .content("personRef,type,effectiveDate,displayName,teamId,projectName\n"
                        + ref + ",PERSON_REGISTERED,2014-01-06," + name + ",team-pg,\n"
                        + ref + ",DELIVERY_ROLE_STARTED,2014-02-03,,,Engine " + name + "\n")).andReturn().getResponse();
        assertThat(accepted.getStatus()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(mvc.perform(get(accepted.getHeader("Location")))
                .andReturn().getResponse().getContentAsString()).get("state").asText().equals("DONE"));

        String person = importedPersonId(ref);
        assertThat(payloads(person)).hasSize(2).noneMatch(payload -> payload.contains(name));
        assertThat(openedEvents(person).get(1).toString()).contains("Engine " + name);
    }

    private List<String> payloads(String person) {
        return jdbc.query("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8), person);
    }
}
