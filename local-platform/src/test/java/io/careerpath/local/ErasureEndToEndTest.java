package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Erasure by crypto-shredding, checked below every API: after a person is erased, their name and every
 * piece of free text recorded about them appear nowhere in the raw bytes the platform stored — the
 * PostgreSQL database's files and write-ahead log, the Kafka topic's log segments, MongoDB's files —
 * while the team's views stay correct without them and a replay of the whole log (a read-model
 * rebuild) still shows nothing about them.
 *
 * <p>The platform runs on real infrastructure of its own, so that its files can be scanned: the
 * PostgreSQL server of the tests, a Kafka broker from Kafka's jars and mongo-java-server's file backend
 * (the single-machine mode's MongoDB) in a directory of this test. Each scan has a control: a career
 * fact stored in the clear in the same events (the test's team id) must be found in the same bytes, so
 * a scan that cannot see the data (compression, a file not flushed) fails instead of passing.
 */
class ErasureEndToEndTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "team-erasure-" + RUN;
    /** Everything personal recorded about the person: none of it may survive the erasure in any store. */
    private static final String NAME = "Quintus Erasable " + RUN;
    private static final String PROJECT = "Project Nightjar " + RUN;
    private static final String PMO = "PMO Kestrel " + RUN;
    private static final String PROGRAM = "Program Osprey " + RUN;
    private static final String ASSESSOR = "Assessor Wren " + RUN;
    private static final String REASON = "Reason Heron " + RUN;
    private static final List<String> PERSONAL = List.of(NAME, PROJECT, PMO, PROGRAM, ASSESSOR, REASON);
    /**
     * The name's words on their own, as a search index would hold them if it held plaintext (whole words, and
     * lower-cased as search compares them): the scans cover the name search's index too.
     */
    private static final List<String> NAME_WORDS = List.of("Quintus", "quintus", "Erasable", "erasable");

    private static Path dir;
    private static KafkaBroker kafka;
    private static EmbeddedMongo mongo;
    private static TestInfrastructure.Database database;
    private static PlatformServices services;
    private static SignIn signIn;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dir = Files.createTempDirectory(Path.of("target"), "erasure-").toAbsolutePath();
        kafka = new KafkaBroker(dir.resolve("kafka"), TestInfrastructure.freePort(), TestInfrastructure.freePort()).start();
        mongo = EmbeddedMongo.persistent(dir.resolve("read-models.mv"), TestInfrastructure.freePort());
        database = infrastructure.newDatabase();
        signIn = infrastructure.signIn();
        services = PlatformServices.start(infrastructure.signInServer(),
                Map.of("server.port", "0",
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "careerpath.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "careerpath.kafka.topic", "careerpath.career-events",
                        "careerpath.kafka.partitions", "1",
                        "careerpath.erasure-ledger.directory", dir.resolve("erasure-ledger").toString()),
                Map.of("server.port", "0",
                        "spring.data.mongodb.uri", mongo.uri(),
                        "spring.data.mongodb.database", "careerpath",
                        "careerpath.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "careerpath.kafka.topic", "careerpath.career-events",
                        "careerpath.search.index-secret", RunningPlatform.TEST_SEARCH_INDEX_SECRET),
                context -> {
                });
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void afterErasureNothingPersonalRemainsInAnyStoreAndTheTeamViewsStayCorrect() {
        CareerpathClient hr = client("hana");
        String person = hr.register(NAME, TEAM, "2015-01-05");
        hr.record(person, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2015-01-05", "projectName", PROJECT));
        hr.record(person, Map.of("type", "JOINED_PMO", "effectiveDate", "2018-03-01", "pmoType", "PROGRAM", "pmoName", PMO));
        hr.record(person, Map.of("type", "TOOK_TROUBLED_PROGRAM", "effectiveDate", "2020-06-01", "programName", PROGRAM));
        hr.record(person, Map.of("type", "SKILL_ASSESSED", "effectiveDate", "2020-09-01", "skill", "DELIVERY_EXECUTION",
                "level", 3, "assessor", ASSESSOR));
        String mistake = hr.record(person, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2020-10-01",
                "percentOfTime", 20)).get("eventId").asText();
        hr.record(person, Map.of("type", "EVENT_RETRACTED", "effectiveDate", "2020-10-02", "eventId", mistake,
                "reason", REASON));
        String colleague = hr.register("Colleague Stays " + RUN, TEAM, "2016-01-04");

        // the key path works: the query side shows the name it can only have opened with the person's key
        JsonNode timeline = hr.awaitTimeline(person, t -> t.path("sequence").asLong() >= 6);
        assertThat(timeline.toString()).contains(NAME, PROJECT, PMO, PROGRAM);
        hr.awaitTimeline(colleague, t -> true);
        assertThat(boardMembers()).hasSize(2);

        // found by name (any word, by prefix, case and accents aside), and the colleague too
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> found("QUINT éras " + RUN.substring(0, 4)).equals(List.of(person)));
        await().atMost(Duration.ofSeconds(30)).until(() -> found("colleague stays").equals(List.of(colleague)));

        // sealed at rest even before erasure: the stores hold ciphertext only, and the scans can see them
        awaitControlVisibleInEveryStore();
        assertNothingPersonalInAnyStore("before erasure");

        ResponseEntity<JsonNode> erased = commandApi("paul").delete().uri("/api/people/{id}", person).retrieve()
                .toEntity(JsonNode.class);
        assertThat(erased.getStatusCode().value()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(queryApi("hana").get().uri("/api/people/{id}/timeline", person)) == 404);
        assertThat(boardMembers()).containsExactly("Colleague Stays " + RUN);
        assertThat(status(commandApi("hana").get().uri("/api/people/{id}/career-events", person))).isEqualTo(404);
        assertThat(hr.tryRecord(person, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2021-01-04",
                "percentOfTime", 10), Map.of()).getStatusCode().value()).isEqualTo(404);
        assertThat(keyRows(person)).as("the person's key is destroyed").isZero();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> found("quintus").isEmpty());
        assertThat(found("erasable")).isEmpty();

        // a replay of the whole log (every read model rebuilt from the topic) shows nothing about them either
        rebuildReadModels();
        assertThat(status(queryApi("hana").get().uri("/api/people/{id}/timeline", person))).isEqualTo(404);
        assertThat(boardMembers()).containsExactly("Colleague Stays " + RUN);
        // the rebuilt name index finds the colleague again, and still not them
        await().atMost(Duration.ofSeconds(30)).until(() -> found("colleague stays").equals(List.of(colleague)));
        assertThat(found("quintus")).isEmpty();

        awaitControlVisibleInEveryStore();
        assertNothingPersonalInAnyStore("after erasure and a replay");
    }

    private static void assertNothingPersonalInAnyStore(String when) {
        List<String> found = new ArrayList<>();
        for (String text : java.util.stream.Stream.concat(PERSONAL.stream(), NAME_WORDS.stream()).toList()) {
            StoredBytes.inPostgres(database, text).forEach(where -> found.add(text + " in " + where));
            StoredBytes.inFiles(dir.resolve("kafka"), text).forEach(where -> found.add(text + " in " + where));
            StoredBytes.inFiles(dir.resolve("read-models.mv"), text).forEach(where -> found.add(text + " in " + where));
        }
        assertThat(found).as("personal data readable in the raw bytes " + when).isEmpty();
    }

    /** The team id is stored in the clear in the same events and documents: each scan must find it. */
    private static void awaitControlVisibleInEveryStore() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(StoredBytes.inPostgres(database, TEAM)).as("control in PostgreSQL").isNotEmpty();
            assertThat(StoredBytes.inFiles(dir.resolve("kafka"), TEAM)).as("control in the Kafka segments")
                    .anyMatch(file -> file.endsWith(".log"));
            // mongo-java-server's file store commits about once a second
            assertThat(StoredBytes.inFiles(dir.resolve("read-models.mv"), TEAM)).as("control in MongoDB's files").isNotEmpty();
        });
    }

    /** The ids of the people the search by name finds for the HR administrator. */
    private static List<String> found(String q) {
        JsonNode answer = queryApi("hana").get().uri(uri -> uri.path("/api/people").queryParam("q", q).build())
                .retrieve().body(JsonNode.class);
        return StreamSupport.stream(answer.get("people").spliterator(), false)
                .map(person -> person.get("personId").asText()).toList();
    }

    private static List<String> boardMembers() {
        JsonNode board = queryApi("hana").get().uri("/api/teams/{team}/rotation-board", TEAM).retrieve().body(JsonNode.class);
        return StreamSupport.stream(board.get("members").spliterator(), false)
                .map(member -> member.get("displayName").asText()).toList();
    }

    private static void rebuildReadModels() {
        RestClient query = queryApi("hana");
        query.post().uri("/api/admin/read-models/rebuild").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                "DONE".equals(query.get().uri("/api/admin/read-models/rebuild").retrieve().body(JsonNode.class)
                        .path("state").asText()));
    }

    private static long keyRows(String person) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM person_keys WHERE person_id = ?")) {
            count.setString(1, person);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().onStatus(HttpStatusCode::isError, (req, res) -> {
        }).toBodilessEntity().getStatusCode().value();
    }

    private static CareerpathClient client(String account) {
        return new CareerpathClient(commandApi(account), queryApi(account));
    }

    private static RestClient commandApi(String account) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + services.commandPort())
                .defaultHeader("Content-Type", "application/json")
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().setBearerAuth(signIn.accessToken(account));
                    return execution.execute(request, body);
                }).build();
    }

    private static RestClient queryApi(String account) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + services.queryPort())
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().setBearerAuth(signIn.accessToken(account));
                    return execution.execute(request, body);
                }).build();
    }
}
