package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.command.erasure.ErasureLedger.Erasure;
import io.careerpath.command.erasure.ErasureLedger;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The erasure ledger (docs/operations.md, "Erasure after a restore") as the API and the start-up use it: an
 * erasure is acknowledged only once the ledger holds it; an erasure the event store lost (it was restored
 * from a backup taken before) is applied again when the service starts, once.
 */
class ErasureLedgerApiTest extends CommandApiTest {

    private static final String LEDGER_RECORDER = "careerpath:erasure-ledger";

    @Autowired
    ErasureLedger ledger;
    /** The start-up step that re-applies the ledger (and reports it as health component erasureLedger). */
    @Autowired
    @Qualifier("erasureLedgerHealthIndicator")
    SmartLifecycle reapplyAtStart;

    private final String name = "Grace Hopper " + UUID.randomUUID();

    @Test
    void anAcknowledgedErasureIsInTheLedgerWithItsEventIdAndNothingThatIdentifiesThePerson() throws Exception {
        String person = registered();

        assertThat(mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse().getStatus()).isEqualTo(204);

        CareerEvent erased = storedEvents(person).get(1);
        assertThat(ledger.erasures()).contains(new Erasure(person, erased.eventId(), NOW));
        assertThat(Files.readString(ledgerFile())).doesNotContain(name).doesNotContain(HR_ADMIN);
    }

    @Test
    void anErasureTheLedgerCannotTakeIsRefusedWith503AndErasesNothing() throws Exception {
        String person = registered();
        Path file = ledgerFile();
        Path aside = file.resolveSibling("aside");
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            Files.move(file, aside);
        }
        Files.createDirectory(file); // the ledger's file cannot be opened for writing
        MockHttpServletResponse refused;
        try {
            refused = mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse();
            JsonNode health = json.readTree(mvc.perform(get("/actuator/health/erasureLedger")).andReturn().getResponse()
                    .getContentAsString());
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
        } finally {
            Files.delete(file);
            if (Files.exists(aside)) {
                Files.move(aside, file);
            }
        }

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("30");
        JsonNode problem = json.readTree(refused.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:erasure-ledger-unavailable");
        assertThat(problem.get("detail").asText()).contains("nothing was erased");
        assertThat(storedEvents(person)).hasSize(1);
        assertThat(keys.findAll(List.of(person))).containsKey(person);
        assertThat(mvc.perform(history(person)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(ledger.erasures()).noneMatch(erasure -> erasure.personId().equals(person));
    }

    @Test
    void anErasureTheEventStoreLostIsAppliedAgainAtStartOnce() throws Exception {
        String person = registered();
        String idempotencyKey = UUID.randomUUID().toString();
        mvc.perform(record(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2016-01-04", "teamId": "team-x"}""")
                .header("Idempotency-Key", idempotencyKey)).andReturn();
        // what a backup taken now holds of the person besides their events: their key and a stored answer
        String saved = "saved_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE TABLE " + saved + "_keys AS SELECT * FROM person_keys WHERE person_id = '" + person + "'");
        jdbc.execute("CREATE TABLE " + saved + "_answers AS SELECT * FROM idempotency_keys WHERE person_id = '" + person + "'");
        assertThat(mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse().getStatus()).isEqualTo(204);
        String erasureId = storedEvents(person).get(2).eventId();

        // the event store restored from that backup: the person as they were, key and answer included
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?", person,
                PersonErased.class.getName());
        jdbc.execute("INSERT INTO person_keys SELECT * FROM " + saved + "_keys");
        jdbc.execute("INSERT INTO idempotency_keys SELECT * FROM " + saved + "_answers");
        jdbc.execute("DROP TABLE " + saved + "_keys");
        jdbc.execute("DROP TABLE " + saved + "_answers");
        assertThat(mvc.perform(history(person)).andReturn().getResponse().getStatus()).isEqualTo(200);

        restart();

        List<CareerEvent> stored = storedEvents(person);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(2)).as("recorded again with the ledger's event id and time")
                .isEqualTo(new PersonErased(person, erasureId, LocalDate.of(2025, 6, 15), LEDGER_RECORDER, NOW));
        assertThat(keys.findAll(List.of(person))).isEmpty();
        assertThat(storedIdempotencyKeys(idempotencyKey)).isZero();
        assertThat(mvc.perform(history(person)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(atStart()).containsEntry("recordedAgain", 1).containsEntry("keysDeleted", 1);

        restart();

        assertThat(storedEvents(person)).hasSize(3);
        assertThat(atStart()).containsEntry("recordedAgain", 0).containsEntry("keysDeleted", 0);
    }

    /** What a start of the service does about the ledger. */
    private void restart() {
        reapplyAtStart.stop();
        reapplyAtStart.start();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> atStart() throws Exception {
        JsonNode health = json.readTree(mvc.perform(get("/actuator/health/erasureLedger")).andReturn().getResponse()
                .getContentAsString());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        return json.convertValue(health.at("/details/atStart"), Map.class);
    }

    private String registered() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                        .content(body(Map.of("displayName", name, "teamId", "team-ledger", "effectiveDate", "2014-01-06"))))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString()).get("personId").asText();
    }

    private Path ledgerFile() {
        return ledger.directory().resolve("erasures-test.jsonl");
    }
}
