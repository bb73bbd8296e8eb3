package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.careerpath.local.signin.SignInServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/**
 * Both services on a real broker, PostgreSQL and a Mongo-wire server: an event recorded is an event shown.
 * Both take tokens from a real sign-in server (docs/security.md): what a token says decides who records
 * and who sees what, and anything but a valid token for the APIs is refused.
 */
class PlatformEndToEndTest {

    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void aPmoRoleRecordedForARegisteredPersonAppearsInTheirTimeline() {
        String personId = platform.client.register("Grace Hopper", "team-navy");
        JsonNode recorded = platform.client.joinPmo(personId, "PROGRAM", "2024-03-01");
        assertThat(recorded.get("sequenceNumber").asLong()).isEqualTo(1);

        JsonNode timeline = platform.client.awaitTimeline(personId, t -> t.get("entries").size() == 2);

        assertThat(timeline.get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(timeline.get("teamId").asText()).isEqualTo("team-navy");
        assertThat(timeline.get("sequence").asLong()).isEqualTo(1);
        JsonNode joined = timeline.get("entries").get(0);
        assertThat(joined.get("type").asText()).isEqualTo("JOINED_PMO");
        assertThat(joined.get("effectiveDate").asText()).isEqualTo("2024-03-01");
        assertThat(joined.get("details").get("pmoType").asText()).isEqualTo("PROGRAM");
        assertThat(joined.get("eventId").asText()).isEqualTo(recorded.get("eventId").asText());
    }

    @Test
    void bothServicesReportReadyWithEveryDependencyChecked() {
        JsonNode command = platform.commandApi.get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class);
        JsonNode query = platform.queryApi.get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class);

        assertThat(command.get("status").asText()).isEqualTo("UP");
        assertThat(command.get("components").get("db").get("details").get("database").asText()).isEqualTo("PostgreSQL");
        // readiness shows the outbox's backlog, not Kafka: recording goes on while Kafka is away
        assertThat(command.get("components").get("publishing").get("components").get("outbox").get("status").asText())
                .isEqualTo("UP");
        assertThat(command.get("components").has("kafka")).isFalse();
        assertThat(query.get("status").asText()).isEqualTo("UP");
        assertThat(query.get("components").get("mongo").get("status").asText()).isEqualTo("UP");
        // nor on the query side: reads are answered from MongoDB while Kafka is away, saying how stale they are
        assertThat(query.get("components").has("kafka")).isFalse();
    }

    @Test
    void bothServicesPublishTheirOpenApiDocuments() {
        JsonNode command = platform.commandApi.get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        JsonNode query = platform.queryApi.get().uri("/v3/api-docs").retrieve().body(JsonNode.class);

        assertThat(command.get("paths").has("/api/people/{personId}/career-events")).isTrue();
        assertThat(query.get("paths").has("/api/people/{personId}/timeline")).isTrue();
    }

    @Test
    void badQueriesAreRefusedWithProblemDetailsThatNameWhatWasWrong() {
        // person ids are the UUIDs the command service gives out: anything else is refused before a lookup
        String nobody = UUID.randomUUID().toString();
        assertProblem(() -> platform.queryApi.get().uri("/api/people/{id}/timeline", "x$ne").retrieve().toBodilessEntity(),
                400, "urn:careerpath:problem:validation", "personId");
        assertProblem(() -> platform.queryApi.get().uri("/api/people/{id}/skills?asOf=2999-01-01", nobody).retrieve().toBodilessEntity(),
                400, "urn:careerpath:problem:validation", "asOf");
        assertProblem(() -> platform.queryApi.get().uri("/api/people/{id}/timeline", nobody).retrieve().toBodilessEntity(),
                404, "urn:careerpath:problem:person-not-found", null);
        assertProblem(() -> platform.queryApi.post().uri("/api/people/{id}/what-if", nobody)
                        .header("Content-Type", "application/json")
                        .body(Map.of("kind", "PMO", "months", 12)).retrieve().toBodilessEntity(),
                400, "urn:careerpath:problem:validation", "pmoType");
    }

    @Test
    void aClientThatJustRecordedAnEventCanAskForAnAnswerThatIncludesIt() {
        String personId = platform.client.register("Edsger Dijkstra", "team-eindhoven");
        long sequence = platform.client.joinPmo(personId, "EXECUTIVE", "2022-02-01").get("sequenceNumber").asLong();

        JsonNode timeline = platform.queryApi.get().uri("/api/people/{id}/timeline?minSequence={s}", personId, sequence)
                .retrieve().body(JsonNode.class);

        assertThat(timeline.get("sequence").asLong()).isGreaterThanOrEqualTo(sequence);
        assertProblem(() -> platform.queryApi.get().uri("/api/people/{id}/timeline?minSequence=999", personId)
                .retrieve().toBodilessEntity(), 503, "urn:careerpath:problem:not-yet-projected", null);
    }

    @Test
    void kafkaRecordsAreKeyedByPersonAndCarryTheAxonMessageIdentityTypeRevisionAndSequence() {
        String personId = platform.client.register("Barbara Liskov", "team-mit");
        String eventId = platform.client.joinPmo(personId, "PROGRAM", "2021-09-01").get("eventId").asText();
        platform.client.awaitTimeline(personId, t -> t.get("entries").size() == 2);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infrastructure.kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(platform.topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        List<ConsumerRecord<String, byte[]>> hers = records.stream().filter(r -> personId.equals(r.key())).toList();

        assertThat(hers).hasSize(2);
        assertThat(hers.stream().map(ConsumerRecord::partition).distinct()).as("one person, one partition").hasSize(1);
        ConsumerRecord<String, byte[]> joined = hers.get(1);
        assertThat(header(joined, "axon-message-type")).isEqualTo("io.careerpath.events.JoinedPmo");
        assertThat(header(joined, "axon-message-revision")).isEqualTo("2");
        assertThat(header(joined, "axon-message-aggregate-id")).isEqualTo(personId);
        assertThat(ByteBuffer.wrap(joined.headers().lastHeader("axon-message-aggregate-seq").value()).getLong()).isEqualTo(1);
        assertThat(header(joined, "axon-message-id")).isNotBlank();
        assertThat(new String(joined.value(), StandardCharsets.UTF_8)).contains(eventId);
    }

    @Test
    void withoutATokenOnlyTheOpenEndpointsAnswer() {
        RestClient command = platform.anonymousCommandApi();
        RestClient query = platform.anonymousQueryApi();

        assertUnauthorized(() -> command.post().uri("/api/people")
                .body(Map.of("displayName", "Nobody", "teamId", "team-x")).retrieve().toBodilessEntity());
        assertUnauthorized(() -> command.get().uri("/api/imports").retrieve().toBodilessEntity());
        assertUnauthorized(() -> query.get().uri("/api/teams").retrieve().toBodilessEntity());
        assertUnauthorized(() -> query.get().uri("/api/people/{id}/timeline", UUID.randomUUID()).retrieve().toBodilessEntity());

        assertThat(command.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(query.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(command.get().uri("/v3/api-docs").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(query.get().uri("/api/config").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aTokenThatIsExpiredForAnotherAudienceFromAnotherIssuerOrTamperedWithIsRefused() {
        SignInServer signIn = platform.signInServer();
        String valid = signIn.mintFor("hana");
        String[] parts = valid.split("\\.");
        // Hana's signature over Erin's claims
        String tampered = parts[0] + "." + signIn.mintFor("erin").split("\\.")[1] + "." + parts[2];
        Map<String, String> refused = Map.of(
                "expired", signIn.mintExpiredFor("hana"),
                "another audience", signIn.mintForAudience("hana", "another-api"),
                "another issuer", signIn.mintFor("hana", claims -> claims.issuer("http://127.0.0.1:1")),
                "tampered with", tampered);

        assertThat(platform.commandApiWithToken(valid).get().uri("/api/imports").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);
        refused.forEach((why, token) -> {
            assertUnauthorized(() -> platform.commandApiWithToken(token).get().uri("/api/imports").retrieve().toBodilessEntity());
            assertUnauthorized(() -> platform.queryApiWithToken(token).get().uri("/api/teams").retrieve().toBodilessEntity());
        });
    }

    @Test
    void whoRecordedIsThePersonTheCallersTokenNamesAndEachRoleSeesWhatThePermissionTableSays() {
        String team = "team-apollo";
        String erin = platform.personIdOf("erin");
        String elsewhere = "team-elsewhere-" + System.nanoTime();
        platform.client.registerWithId(erin, "Erin Employee", team);
        // Maria manages team-apollo: she may register people into it, and records as herself
        String colleague = platform.clientAs("maria").register("Ada Colleague", team);
        String stranger = platform.client.register("Sam Stranger", elsewhere);
        JsonNode recorded = platform.clientAs("erin").joinPmo(erin, "PROGRAM", "2024-02-01");
        platform.client.awaitTimeline(stranger, t -> t.get("entries").size() == 1);
        platform.client.awaitTimeline(colleague, t -> t.get("entries").size() == 1);
        JsonNode hers = platform.clientAs("erin").awaitTimeline(erin, t -> t.get("sequence").asLong()
                >= recorded.get("sequenceNumber").asLong());

        assertThat(hers.get("entries").findValuesAsText("recordedBy"))
                .containsExactlyInAnyOrder(platform.personIdOf("hana"), erin);
        assertThat(platform.client.awaitTimeline(colleague, t -> true).get("entries").get(0).get("recordedBy").asText())
                .isEqualTo(platform.personIdOf("maria"));

        CareerpathClient asErin = platform.clientAs("erin");
        CareerpathClient asMaria = platform.clientAs("maria");
        CareerpathClient asPaul = platform.clientAs("paul");
        // an employee: her own career only; someone else is "not found", exactly like nobody
        assertThat(asErin.tryTimeline(colleague).getStatusCode().value()).isEqualTo(404);
        assertThat(asErin.tryTimeline(colleague).getBody().get("type").asText())
                .isEqualTo("urn:careerpath:problem:person-not-found");
        assertThat(asErin.tryRegister(Map.of("displayName", "Nope", "teamId", team)).getStatusCode().value()).isEqualTo(403);
        assertThat(platform.queryApiAs("erin").get().uri("/api/teams").retrieve().body(JsonNode.class)).isEmpty();
        // a manager: her team's people, not others
        assertThat(asMaria.tryTimeline(erin).getStatusCode().value()).isEqualTo(200);
        assertThat(asMaria.tryTimeline(stranger).getStatusCode().value()).isEqualTo(404);
        assertThat(asMaria.tryRegister(Map.of("displayName", "Nope", "teamId", elsewhere)).getStatusCode().value())
                .isEqualTo(403);
        assertThat(platform.queryApiAs("maria").get().uri("/api/teams").retrieve().body(JsonNode.class)
                .findValuesAsText("teamId")).containsExactly(team);
        assertThat(catchStatus(() -> platform.queryApiAs("maria").get()
                .uri("/api/teams/{team}/rotation-board", elsewhere).retrieve().toBodilessEntity())).isEqualTo(403);
        // a PMO lead sees everyone, but imports are the HR administrator's
        assertThat(asPaul.tryTimeline(stranger).getStatusCode().value()).isEqualTo(200);
        assertThat(catchStatus(() -> platform.commandApiAs("paul").get().uri("/api/imports").retrieve().toBodilessEntity()))
                .isEqualTo(403);
    }

    private static void assertUnauthorized(Runnable request) {
        org.springframework.web.client.RestClientResponseException refused = org.assertj.core.api.Assertions
                .catchThrowableOfType(request::run, org.springframework.web.client.RestClientResponseException.class);
        assertThat(refused).as("the request should have been refused").isNotNull();
        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    private static int catchStatus(Runnable request) {
        org.springframework.web.client.RestClientResponseException refused = org.assertj.core.api.Assertions
                .catchThrowableOfType(request::run, org.springframework.web.client.RestClientResponseException.class);
        return refused == null ? 200 : refused.getStatusCode().value();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void assertProblem(Runnable request, int status, String type, String field) {
        org.springframework.web.client.RestClientResponseException refused = org.assertj.core.api.Assertions
                .catchThrowableOfType(request::run, org.springframework.web.client.RestClientResponseException.class);
        assertThat(refused).as("the request should have been refused").isNotNull();
        assertThat(refused.getStatusCode().value()).isEqualTo(status);
        JsonNode problem = refused.getResponseBodyAs(JsonNode.class);
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        }
        if (status == 503) {
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        }
    }
}
