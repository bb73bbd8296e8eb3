package io.careerpath.local;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.intake.ProjectionInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The projection in two segments, spread over the query-service instances that share one MongoDB: alone, one
 * instance projects everyone, each person's events in order; a second instance takes one segment over; when an
 * instance stops, the other takes its segment; an instance that holds none still tells the true lag; and a rebuild
 * pauses the projection on every instance, so that nothing recorded while it runs is missing from the new
 * generation.
 */
class ProjectionSegmentsTest {

    static RunningPlatform platform;
    static MongoClient mongo;
    static final ReadModelRebuildTest.RebuildGate gate = new ReadModelRebuildTest.RebuildGate();

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            context -> context.addBeanFactoryPostProcessor(beanFactory -> beanFactory.addBeanPostProcessor(gate))));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        mongo = MongoClients.create(platform.infrastructure.mongoUri());
    }

    @AfterAll
    static void stop() {
        gate.release.countDown();
        mongo.close();
    }

    @Test
    void theSegmentsAreSpreadOverTheInstancesAndFollowThemAsTheyComeAndGo() {
        String first = instanceOf(platform.services.queryContext());
        awaitOwners(Map.of(0, first, 1, first));
        List<String> people = recordCareers("Alone", 12);
        people.forEach(platform.client::awaitTimelineHoldingTheStore);

        try (ConfigurableApplicationContext second = anotherInstance()) {
            String secondId = instanceOf(second);
            awaitOwnedOnceEach(first, secondId);
            people.addAll(recordCareers("Both", 12));
            people.forEach(platform.client::awaitTimelineHoldingTheStore);
            people.forEach(clientOf(second)::awaitTimelineHoldingTheStore);
        }
        // stopped: its segment is given back, and the instance left takes it
        awaitOwners(Map.of(0, first, 1, first));

        try (ConfigurableApplicationContext third = anotherInstance()) {
            awaitOwnedOnceEach(first, instanceOf(third));
            try (ConfigurableApplicationContext fourth = anotherInstance()) {
                // three instances, two segments: the fourth holds none, and still sees where the projection stands
                String fourthId = instanceOf(fourth);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> !owners().containsValue(fourthId));
                people.addAll(recordCareers("Three", 6));
                people.forEach(platform.client::awaitTimelineHoldingTheStore);
                RestClient fourthApi = queryApi(fourth);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "0".equals(
                        fourthApi.get().uri("/api/people/{id}/timeline", people.get(0)).retrieve().toBodilessEntity()
                                .getHeaders().getFirst("Careerpath-Read-Model-Lag")));
                JsonNode projection = fourthApi.get().uri("/actuator/health").retrieve()
                        .onStatus(status -> true, (request, response) -> {
                        }).body(JsonNode.class).at("/components/projection");
                assertThat(projection.at("/status").asText()).isEqualTo("UP");
                assertThat(projection.at("/details/segmentsClaimed").asInt()).isZero();
                assertThat(projection.at("/details/waiting").asLong()).isZero();
                assertThat(projection.at("/details/position").asLong()).isPositive();
            }
        }
    }

    @Test
    void aRebuildPausesTheProjectionOnEveryInstanceAndMissesNothing() throws Exception {
        List<String> people = recordCareers("Rebuilt", 10);
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        try (ConfigurableApplicationContext second = anotherInstance()) {
            awaitOwnedOnceEach(instanceOf(platform.services.queryContext()), instanceOf(second));
            List<String> writersPeople = recordCareers("Writer", 4);
            writersPeople.forEach(platform.client::awaitTimelineHoldingTheStore);

            // writers record from before the rebuild until it is done: their events reach both segments throughout
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
            ExecutorService writers = Executors.newFixedThreadPool(writersPeople.size());
            List<Future<?>> written = new ArrayList<>();
            for (String personId : writersPeople) {
                written.add(writers.submit(() -> {
                    int n = 0;
                    while (writing.get()) {
                        var answer = platform.client.tryRecord(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                                "effectiveDate", "2024-03-01", "percentOfTime", 1 + n++ % 50), Map.of());
                        if (answer.getStatusCode().value() != 201) {
                            refused.add(personId + ": " + answer.getStatusCode().value() + " " + answer.getBody());
                        }
                    }
                }));
            }
            platform.queryApi.post().uri("/api/admin/read-models/rebuild").retrieve().toBodilessEntity();
            assertThat(gate.rebuildHoldsItsPlan.await(60, TimeUnit.SECONDS)).as("the rebuild reads the event store").isTrue();
            // it reads the store only once no instance projects any more
            assertThat(owners().values()).containsOnlyNulls();
            gate.release.countDown();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> platform.queryApi.get()
                    .uri("/api/admin/read-models/rebuild").retrieve().body(JsonNode.class).get("state").asText()
                    .equals("DONE"));
            writing.set(false);
            for (Future<?> writer : written) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();
            assertThat(refused).isEmpty();

            // both instances project again, into the new generation, which holds every event the store holds
            awaitOwnedOnceEach(instanceOf(platform.services.queryContext()), instanceOf(second));
            CareerpathClient secondClient = clientOf(second);
            for (String personId : writersPeople) {
                platform.client.awaitTimelineHoldingTheStore(personId);
                secondClient.awaitTimelineHoldingTheStore(personId);
            }
            people.forEach(platform.client::awaitTimelineHoldingTheStore);
        }
    }

    /** People with a few events each, recorded through the command API. */
    private static List<String> recordCareers(String name, int count) {
        List<String> people = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            String personId = platform.client.register(name + " " + p, "team-segments");
            for (int e = 0; e < 3; e++) {
                platform.client.joinPmo(personId, e % 2 == 0 ? "PROGRAM" : "EXECUTIVE", "201" + e + "-01-01");
            }
            people.add(personId);
        }
        return people;
    }

    private static ConfigurableApplicationContext anotherInstance() {
        return platform.startAnotherQueryService(platform.readModelDatabase, null, Map.of());
    }

    private static String instanceOf(ConfigurableApplicationContext queryService) {
        return queryService.getBean(ProjectionInstance.class).id();
    }

    /** Segment id → the instance that claims it (null: nobody), as the token store holds them. */
    private static Map<Integer, String> owners() {
        Map<Integer, String> owners = new TreeMap<>();
        platform.readModels(mongo).getCollection("tracking_tokens")
                .find(eq("processorName", PersonHistoryProjection.PROCESSING_GROUP))
                .forEach((Document token) -> owners.put(token.getInteger("segment"), token.getString("owner")));
        return owners;
    }

    private static void awaitOwners(Map<Integer, String> expected) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(owners()).isEqualTo(expected));
    }

    private static void awaitOwnedOnceEach(String one, String other) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(owners().values()).containsExactlyInAnyOrder(one, other));
    }

    private static RestClient queryApi(ConfigurableApplicationContext queryService) {
        int port = ((WebServerApplicationContext) queryService).getWebServer().getPort();
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set("Authorization", platform.bearer(RunningPlatform.HR_ADMIN));
                    return execution.execute(request, body);
                }).build();
    }

    private static CareerpathClient clientOf(ConfigurableApplicationContext queryService) {
        return new CareerpathClient(platform.commandApi, queryApi(queryService));
    }
}
