package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.TeamChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptorSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Two writers on one person: one succeeds, the other gets 409 and records nothing; never a lost or a
 * duplicated event. Both ways a conflict arises are covered: a client's stale {@code If-Match}, and two
 * servers appending the same sequence number at the same moment (the event store's unique key).
 */
class ConcurrentWritersTest extends CommandApiTest {

    @Autowired
    CommandBus commandBus;
    @Autowired
    EventStorageEngine storageEngine;

    @Test
    void anIfMatchWithThePersonsCurrentSequenceIsRecorded() throws Exception {
        String person = register();

        MockHttpServletResponse response = mvc.perform(record(person, team("team-b")).header("If-Match", "\"0\""))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void anIfMatchThePersonMovedPastIsAConflictAndRecordsNothing() throws Exception {
        String person = register();
        recorded(person, team("team-b"));

        MockHttpServletResponse stale = mvc.perform(record(person, team("team-c")).header("If-Match", "\"0\""))
                .andReturn().getResponse();
        MockHttpServletResponse ahead = mvc.perform(record(person, team("team-c")).header("If-Match", "7"))
                .andReturn().getResponse();

        assertThat(stale.getStatus()).isEqualTo(409);
        JsonNode problem = json.readTree(stale.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:sequence-mismatch");
        assertThat(problem.get("currentSequence").asLong()).isEqualTo(1);
        assertThat(ahead.getStatus()).isEqualTo(409);
        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void ofConcurrentCommandsExpectingTheSameSequenceExactlyOneIsRecorded() throws Exception {
        String person = register();
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String teamId = "team-" + i;
                Callable<Integer> writer = () -> {
                    start.await();
                    return mvc.perform(record(person, team(teamId)).header("If-Match", "\"0\""))
                            .andReturn().getResponse().getStatus();
                };
                answers.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(storedEvents(person)).hasSize(2);
    }

    /**
     * Another server appends the person's next event after this one loaded the person and before it
     * appends its own (simulated in the moment before this unit of work commits, from another thread
     * and transaction): the event store's unique (person, sequence) key refuses the second append.
     */
    @Test
    void twoServersAppendingTheSameSequenceNumberConflictAndTheLoserRecordsNothing() throws Exception {
        String person = register();
        DomainEventMessage<TeamChanged> rival = new GenericDomainEventMessage<>("Person", person, 1,
                new TeamChanged(person, UUID.randomUUID().toString(), LocalDate.of(2024, 1, 1), "other-server",
                        Instant.now(), "team-rival", null));
        MessageHandlerInterceptor<CommandMessage<?>> otherServer = (unitOfWork, chain) -> {
            unitOfWork.onPrepareCommit(uow -> CompletableFuture.runAsync(() -> storageEngine.appendEvents(rival)).join());
            return chain.proceed();
        };
        @SuppressWarnings("unchecked")
        Registration registration = ((MessageHandlerInterceptorSupport<CommandMessage<?>>) commandBus)
                .registerHandlerInterceptor(otherServer);
        MockHttpServletResponse loser;
        try {
            loser = mvc.perform(record(person, team("team-loser"))).andReturn().getResponse();
        } finally {
            registration.cancel();
        }

        assertThat(loser.getStatus()).as(loser.getContentAsString()).isEqualTo(409);
        assertThat(json.readTree(loser.getContentAsString()).get("type").asText())
                .isEqualTo("urn:careerpath:problem:concurrent-modification");
        List<CareerEvent> stored = storedEvents(person);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1)).isEqualTo(rival.getPayload());
    }

    private static String team(String teamId) {
        return """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "%s"}""".formatted(teamId);
    }
}
