package io.careerpath.command.publishing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.security.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The command service with its Kafka publisher switched on, against a real broker of the test class's own
 * ({@link RealBroker}, started by each class's {@code @DynamicPropertySource} with the event store's database
 * and topic), so that what the publisher does to the topic is seen by a plain consumer. Requests carry
 * claims as a validated token would (spring-security-test's {@code jwt()}).
 */
@SpringBootTest(properties = {
        "spring.config.name=command-service",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "careerpath.kafka.partitions=3",
        "careerpath.kafka.batch-size=50",
        "careerpath.dead-letters.metric-refresh=200ms",
        "spring.main.banner-mode=off",
        // never fetched: MockMvc's jwt() stands for a validated token
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"})
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class PublisherTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    /** An in-memory event store of the class's own, as the single-machine mode configures H2. */
    static String eventStore(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    static JwtRequestPostProcessor as(String role) {
        return jwt().jwt(token -> token.subject("user-" + role).claim(Caller.ROLES_CLAIM, List.of(role))
                .claim(Caller.MANAGED_TEAMS_CLAIM, List.of()).audience(List.of(Caller.AUDIENCE)));
    }

    static JwtRequestPostProcessor hrAdministrator() {
        return as("HR_ADMIN");
    }

    String register(String name) throws Exception {
        return answer(mvc.perform(post("/api/people").with(hrAdministrator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\": \"" + name + "\", \"teamId\": \"team-pub\", \"effectiveDate\": \"2014-01-06\"}"))
                .andReturn().getResponse(), 201).get("personId").asText();
    }

    /**
     * A recorded event's ids.
     *
     * @param eventId   as the API answers it (and retractions name it)
     * @param messageId as the event store stores it and the topic's records carry it (header axon-message-id)
     */
    record Recorded(String eventId, String messageId) {
    }

    /** Records an event that must be accepted (and records nothing besides it). */
    Recorded record(String personId, String body) throws Exception {
        JsonNode answer = answer(mvc.perform(post("/api/people/{id}/career-events", personId).with(hrAdministrator())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse(), 201);
        return new Recorded(answer.get("eventId").asText(), jdbc.queryForObject("SELECT eventidentifier FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = ?", String.class, personId,
                answer.get("sequenceNumber").asLong()));
    }

    Recorded recordLoad(String personId, int percent, String date) throws Exception {
        return record(personId, "{\"type\": \"ADMINISTRATIVE_LOAD_RECORDED\", \"effectiveDate\": \"" + date
                + "\", \"percentOfTime\": " + percent + "}");
    }

    JsonNode health(String path) throws Exception {
        return json.readTree(mvc.perform(get("/actuator/health" + path)).andReturn().getResponse().getContentAsString());
    }

    JsonNode answer(MockHttpServletResponse response, int status) throws Exception {
        if (response.getStatus() != status) {
            throw new AssertionError("expected " + status + " but got " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        return json.readTree(response.getContentAsString());
    }

    /** The ids of the person's events in the order the topic holds them. */
    static List<String> onTopic(List<RealBroker.Published> records, String personId) {
        return records.stream().filter(record -> personId.equals(record.key())).map(RealBroker.Published::eventId).toList();
    }
}
