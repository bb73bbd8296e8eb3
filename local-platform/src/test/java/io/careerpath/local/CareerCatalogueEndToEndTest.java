package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.TeamChanged;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole catalogue on real infrastructure (PostgreSQL event store, Kafka, the Mongo-wire read
 * models): every event type recorded through the command API reaches the query side, and the safety
 * rules hold where they matter most, on PostgreSQL: a retry records once, two servers racing on one
 * person give one event and a 409, a refusal records nothing.
 */
class CareerCatalogueEndToEndTest {

    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void everyEventTypeRecordedThroughTheApiReachesTheTimeline() {
        CareerpathClient client = platform.client;
        String person = client.register("Barbara Liskov", "team-clu", "2012-01-09");
        client.record(person, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2012-02-01",
                "projectName", "Billing replatform"));
        client.record(person, Map.of("type", "TEAM_CHANGED", "effectiveDate", "2013-01-07", "teamId", "team-argus",
                "managerId", "manager-joan"));
        client.record(person, Map.of("type", "JOINED_PMO", "effectiveDate", "2015-03-02", "pmoType", "EXECUTIVE",
                "pmoName", "Office of the CIO", "deliveryResponsibility", false));
        String load = client.record(person, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2015-06-01",
                "percentOfTime", 45)).get("eventId").asText();
        client.record(person, Map.of("type", "SKILL_ASSESSED", "effectiveDate", "2016-01-04",
                "skill", "STRATEGIC_VISIBILITY", "level", 4));
        client.record(person, Map.of("type", "TOOK_TROUBLED_PROGRAM", "effectiveDate", "2017-01-09",
                "programName", "Core banking"));
        client.record(person, Map.of("type", "ASSIGNMENT_ENDED", "effectiveDate", "2018-06-29", "outcome", "HANDED_OVER"));
        client.record(person, Map.of("type", "REGAINED_DELIVERY_ROLE", "effectiveDate", "2018-09-03",
                "projectName", "Mobile onboarding"));
        JsonNode retraction = client.record(person, Map.of("type", "EVENT_RETRACTED",
                "effectiveDate", LocalDate.now(ZoneOffset.UTC).toString(), "eventId", load, "reason", "Someone else's load"));
        long last = retraction.get("sequenceNumber").asLong();

        JsonNode timeline = client.awaitTimeline(person, t -> t.get("sequence").asLong() >= last);

        Set<String> shown = StreamSupport.stream(timeline.get("entries").spliterator(), false)
                .map(entry -> entry.get("type").asText()).collect(Collectors.toSet());
        assertThat(shown).contains("PERSON_REGISTERED", "DELIVERY_ROLE_STARTED", "TEAM_CHANGED", "JOINED_PMO",
                "SKILL_ASSESSED", "TOOK_TROUBLED_PROGRAM", "ASSIGNMENT_ENDED", "REGAINED_DELIVERY_ROLE");
        // the retraction reached the query side too: the load it took back is no longer shown
        assertThat(shown).doesNotContain("ADMINISTRATIVE_LOAD_RECORDED");
        assertThat(timeline.get("teamId").asText()).isEqualTo("team-argus");

        JsonNode audit = client.careerEvents(person);
        List<String> recorded = StreamSupport.stream(audit.get("events").spliterator(), false)
                .map(event -> event.get("type").asText()).toList();
        assertThat(recorded).containsExactly("PERSON_REGISTERED", "DELIVERY_ROLE_STARTED", "TEAM_CHANGED",
                "ASSIGNMENT_ENDED", "JOINED_PMO", "ADMINISTRATIVE_LOAD_RECORDED", "SKILL_ASSESSED",
                "ASSIGNMENT_ENDED", "TOOK_TROUBLED_PROGRAM", "ASSIGNMENT_ENDED", "REGAINED_DELIVERY_ROLE",
                "EVENT_RETRACTED");
        assertThat(audit.get("events").get(5).get("retractedBy").asText()).isEqualTo(retraction.get("eventId").asText());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRecordsOnceEvenWhenTheRetriesRace() throws Exception {
        String person = platform.client.register("Frances Allen", "team-ptran");
        Map<String, Object> event = Map.of("type", "JOINED_PMO", "effectiveDate", "2020-01-06", "pmoType", "PROGRAM");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ResponseEntity<JsonNode>>> retries = new ArrayList<>();
        List<ResponseEntity<JsonNode>> answers;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                retries.add(CompletableFuture.supplyAsync(() -> {
                    RaceHelpers.awaitQuietly(go);
                    return platform.client.tryRecord(person, event, key);
                }, clients));
            }
            go.countDown();
            answers = retries.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        assertThat(platform.client.careerEvents(person).get("events")).hasSize(2);
    }

    /**
     * A second server appends the person's next event and has not committed yet; this server's
     * command, for the same sequence number, waits on PostgreSQL's unique key, and fails once the other
     * commits. One event stands; the loser's answer is 409 and it recorded nothing.
     */
    @Test
    void twoServersRacingOnOnePersonOnPostgresqlGiveOneEventAndA409() throws Exception {
        String person = platform.client.register("Kristen Nygaard", "team-simula");
        ConfigurableApplicationContext commandService = platform.services.commandContext();
        TeamChanged rivalEvent = new TeamChanged(person, UUID.randomUUID().toString(), LocalDate.of(2021, 1, 4),
                "another-server", Instant.now(), "team-rival", null);
        CountDownLatch commitTheRival = new CountDownLatch(1);
        CountDownLatch rivalAppended = new CountDownLatch(1);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        ResponseEntity<JsonNode> loser;
        try {
            // the other server: its append of sequence 1 stays uncommitted until told
            CompletableFuture<Void> otherServer = CompletableFuture.runAsync(() -> new TransactionTemplate(
                    commandService.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
                        commandService.getBean(EventStorageEngine.class)
                                .appendEvents(new GenericDomainEventMessage<>("Person", person, 1, rivalEvent));
                        rivalAppended.countDown();
                        RaceHelpers.awaitQuietly(commitTheRival);
                    }), servers);
            assertThat(rivalAppended.await(30, TimeUnit.SECONDS)).isTrue();

            // this server loads the person at sequence 0 and appends sequence 1 too: it waits on the unique key
            CompletableFuture<ResponseEntity<JsonNode>> thisServer = CompletableFuture.supplyAsync(() ->
                    platform.client.tryRecord(person, Map.of("type", "TEAM_CHANGED", "effectiveDate", "2021-01-04",
                            "teamId", "team-loser"), Map.of()), servers);
            await().atMost(Duration.ofSeconds(30)).until(() -> RaceHelpers.sessionsWaitingOnALock(commandService) > 0);

            commitTheRival.countDown();
            otherServer.get(30, TimeUnit.SECONDS);
            loser = thisServer.get(30, TimeUnit.SECONDS);
        } finally {
            commitTheRival.countDown();
            servers.shutdownNow();
        }

        assertThat(loser.getStatusCode().value()).as("%s", loser.getBody()).isEqualTo(409);
        assertThat(loser.getBody().get("type").asText()).isEqualTo("urn:careerpath:problem:concurrent-modification");
        JsonNode events = platform.client.careerEvents(person).get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).get("eventId").asText()).isEqualTo(rivalEvent.eventId());
    }

    @Test
    void aRefusedEventRecordsNothingAndSaysWhy() {
        String person = platform.client.register("Jean Sammet", "team-cobol");

        ResponseEntity<JsonNode> refused = platform.client.tryRecord(person, Map.of("type", "REGAINED_DELIVERY_ROLE",
                "effectiveDate", "2019-05-06", "projectName", "Compiler"), Map.of());
        ResponseEntity<JsonNode> stale = platform.client.tryRecord(person, Map.of("type", "TEAM_CHANGED",
                "effectiveDate", "2019-05-06", "teamId", "team-b"), Map.of("If-Match", "\"5\""));

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("type").asText()).isEqualTo("urn:careerpath:problem:regain-without-prior-delivery");
        assertThat(refused.getBody().get("detail").asText()).isEqualTo("There is no delivery role before 6 May 2019,"
                + " so none to return to: record a first delivery role as a new delivery role instead.");
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(platform.client.careerEvents(person).get("events")).hasSize(1);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        String person = platform.client.register("Adele Goldberg", "team-smalltalk");
        byte[] huge = ("{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-06\", \"teamId\": \""
                + "x".repeat(100_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.services.commandPort()
                        + "/api/people/" + person + "/career-events"))
                .header("Content-Type", "application/json")
                .header("Authorization", platform.bearer(RunningPlatform.HR_ADMIN))
                // from a stream of unknown length: sent chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("urn:careerpath:problem:body-too-large");
        assertThat(platform.client.careerEvents(person).get("events")).hasSize(1);
    }
}
