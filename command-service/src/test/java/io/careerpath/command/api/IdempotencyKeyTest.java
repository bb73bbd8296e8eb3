package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.command.idempotency.ExpiredKeysPruner;
import io.careerpath.command.idempotency.IdempotentRequests.Answer;
import io.careerpath.command.idempotency.IdempotentRequests;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A retried request with the same Idempotency-Key returns the first answer and records nothing new, within the
 * key's window (24 hours); after it the key belongs to a new request, and the pruner deletes the old one.
 */
class IdempotencyKeyTest extends CommandApiTest {

    /** careerpath.idempotency.keys-expire-after, by default. */
    private static final Duration WINDOW = Duration.ofHours(24);
    /** An event that may be recorded twice on one day, unlike an assignment. */
    private static final String LOAD_40 = """
            {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-03-01", "percentOfTime": 40}""";
    private static final String PMO = """
            {"type": "JOINED_PMO", "effectiveDate": "2024-03-01", "pmoType": "PROGRAM"}""";

    @Autowired
    IdempotentRequests idempotency;
    @Autowired
    CommandGateway commands;
    @Autowired
    ExpiredKeysPruner pruner;

    @Test
    void aRetriedEventReturnsTheFirstAnswerAndIsRecordedOnce() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();

        MockHttpServletResponse first = perform(record(person, PMO).header("Idempotency-Key", key));
        MockHttpServletResponse retry = perform(record(person, PMO).header("Idempotency-Key", key));

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(retry.getHeader("Location")).isEqualTo(first.getHeader("Location"));
        assertThat(first.getHeader("Idempotent-Replayed")).isNull();
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void aRetriedRegistrationReturnsTheSamePersonAndRegistersNobodyElse() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = allStoredEvents();
        MockHttpServletRequestBuilder registration = post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content("""
                        {"displayName": "Grace Hopper", "teamId": "team-navy"}""");

        MockHttpServletResponse first = perform(registration);
        MockHttpServletResponse retry = perform(registration);

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(allStoredEvents()).isEqualTo(before + 1);
        String personId = json.readTree(first.getContentAsString()).get("personId").asText();
        assertThat(jdbc.queryForObject("SELECT person_id FROM idempotency_keys WHERE idempotency_key = ?", String.class,
                key)).isEqualTo(personId);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndRecordsNothing() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();
        perform(record(person, PMO).header("Idempotency-Key", key));

        MockHttpServletResponse reused = perform(record(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2024-03-01", "pmoType": "EXECUTIVE"}""").header("Idempotency-Key", key));

        assertThat(reused.getStatus()).isEqualTo(409);
        assertThat(json.readTree(reused.getContentAsString()).get("type").asText())
                .isEqualTo("urn:careerpath:problem:idempotency-key-reused");
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void theSameKeyForAnotherPersonIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        String ada = register();
        String grace = register();
        perform(record(ada, PMO).header("Idempotency-Key", key));

        MockHttpServletResponse reused = perform(record(grace, PMO).header("Idempotency-Key", key));

        assertThat(reused.getStatus()).isEqualTo(409);
        assertThat(storedEvents(grace)).hasSize(1);
    }

    @Test
    void retriesInFlightAtTheSameTimeRecordOnceAndAllGetTheFirstAnswer() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();
        int clients = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<MockHttpServletResponse> retry = () -> {
                    start.await();
                    return perform(record(person, PMO).header("Idempotency-Key", key));
                };
                answers.add(pool.submit(retry));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<MockHttpServletResponse> answer : answers) {
                MockHttpServletResponse response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
                bodies.add(response.getContentAsString());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeSoThatACorrectedRetryIsDecidedAfresh() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();

        MockHttpServletResponse refused = perform(record(person, """
                {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2024-03-01"}""").header("Idempotency-Key", key));
        MockHttpServletResponse accepted = perform(record(person, PMO).header("Idempotency-Key", key));

        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(accepted.getStatus()).isEqualTo(201);
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void theKeyAndTheEventsCommitTogetherOrNotAtAll() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();

        // the command succeeds, then answering fails before the transaction commits
        assertThatThrownBy(() -> idempotency.answer(key, List.of("test"), () -> {
            commands.sendAndWait(io.careerpath.command.person.domain.TestCommands.changeTeam(person, LocalDate.of(2024, 1, 1),
                    Instant.now()));
            throw new IllegalStateException("the answer could not be written");
        })).hasMessage("the answer could not be written");

        assertThat(storedEvents(person)).hasSize(1);
        assertThat(storedIdempotencyKeys(key)).isZero();

        JsonNode answer = idempotency.answer(key, List.of("test"), () -> {
            commands.sendAndWait(io.careerpath.command.person.domain.TestCommands.changeTeam(person, LocalDate.of(2024, 1, 1),
                    Instant.now()));
            return new Answer(HttpStatus.CREATED, URI.create("/somewhere"), person, java.util.Map.of("ok", true));
        }).getBody();
        assertThat(answer.get("ok").asBoolean()).isTrue();
        assertThat(storedEvents(person)).hasSize(2);
        assertThat(storedIdempotencyKeys(key)).isOne();
    }

    @Test
    void withinItsWindowAKeyReplaysTheFirstAnswer() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse first = perform(record(person, LOAD_40).header("Idempotency-Key", key));

        clock.add(WINDOW.minusSeconds(1));
        MockHttpServletResponse retry = perform(record(person, LOAD_40).header("Idempotency-Key", key));

        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void afterItsWindowTheSameKeyAndRequestAreRecordedAnew() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse first = perform(record(person, LOAD_40).header("Idempotency-Key", key));

        clock.add(WINDOW);
        MockHttpServletResponse again = perform(record(person, LOAD_40).header("Idempotency-Key", key));
        MockHttpServletResponse retry = perform(record(person, LOAD_40).header("Idempotency-Key", key));

        assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(201);
        assertThat(again.getHeader("Idempotent-Replayed")).isNull();
        assertThat(again.getContentAsString()).isNotEqualTo(first.getContentAsString());
        assertThat(storedEvents(person)).hasSize(3);
        // the key now answers for its new request, for a window of its own
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getContentAsString()).isEqualTo(again.getContentAsString());
        assertThat(storedIdempotencyKeys(key)).isOne();
    }

    @Test
    void afterItsWindowTheKeyWithAnotherRequestIsNoConflict() throws Exception {
        String person = register();
        String key = UUID.randomUUID().toString();
        perform(record(person, LOAD_40).header("Idempotency-Key", key));

        clock.add(WINDOW.plusHours(1));
        MockHttpServletResponse other = perform(record(person, """
                {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-04-01", "percentOfTime": 60}""")
                .header("Idempotency-Key", key));

        assertThat(other.getStatus()).as(other.getContentAsString()).isEqualTo(201);
        assertThat(storedEvents(person)).hasSize(3);
    }

    @Test
    void thePrunerDeletesTheExpiredKeysOnly() throws Exception {
        String person = register();
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        perform(record(person, LOAD_40).header("Idempotency-Key", old));
        clock.add(Duration.ofHours(12));
        perform(record(person, LOAD_40).header("Idempotency-Key", recent));
        clock.add(Duration.ofHours(12));

        long deleted = pruner.prune();

        assertThat(deleted).isPositive();
        assertThat(storedIdempotencyKeys(old)).isZero();
        assertThat(storedIdempotencyKeys(recent)).isOne();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_keys WHERE created_at <= ?", Long.class,
                Timestamp.from(clock.instant().minus(WINDOW)))).as("expired keys left").isZero();
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }
}
