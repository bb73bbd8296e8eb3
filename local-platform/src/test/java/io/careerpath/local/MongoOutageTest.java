package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careerpath.local.PlatformLoad.Operation;
import io.careerpath.local.PlatformLoad.Request;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MongoDB away, for real: the query service reaches it through a proxy the test cuts (connections closed, new
 * ones refused). Reads answer 503 problem details with Retry-After within two seconds and the query service is
 * not ready, while the command service goes on recording; once MongoDB is back the projection catches up by
 * itself within seconds, and every event acknowledged is in the store, on the topic and in the read model
 * ({@link EventAccounting}: once in the store and the read model).
 */
@Tag("bad-day")
class MongoOutageTest {

    private static final String OUTAGE = "outage";
    private static final String RECOVERY = "recovery";
    /** The projection's longest wait between retries here: short, so that a late resumption shows plainly. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

    static TcpProxy mongo;
    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            (command, query) -> {
                String uri = query.get("spring.data.mongodb.uri");
                mongo = TcpProxy.toAddressOf(uri);
                query.put("spring.data.mongodb.uri", mongo.inFront(uri));
                query.put("careerpath.kafka.max-retry-wait", MAX_RETRY_WAIT.toMillis() + "ms");
            }))
            .beforeClose(running -> mongo.restore())
            .afterClose(() -> mongo.close());

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void whileMongoIsAwayReadsAnswer503AtOnceWritesGoOnAndTheReadModelsCatchUpByThemselvesWhenItReturns() {
        List<String> people = List.of(platform.client.register("Frances Allen", "team-apollo", "2015-01-01"),
                platform.client.register("John Backus", "team-apollo", "2015-01-01"),
                platform.client.register("Radia Perlman", "team-gemini", "2015-01-01"));
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        Map<String, Set<String>> acknowledged = new HashMap<>(EventAccounting.storedNow(platform, people));

        PlatformLoad load = new PlatformLoad(platform, people, RunningPlatform.HR_ADMIN).start(3, Duration.ofMillis(50));
        load.awaitMore(10, request -> request.operation() == Operation.TIMELINE && request.status() == 200);

        mongo.cut();
        load.phase(OUTAGE);
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.queryHealth("/readiness").getStatusCode().value() == 503);
        var readiness = platform.queryHealth("/readiness");
        assertThat(readiness.getBody().at("/components/mongo/status").asText()).as(readiness.toString()).isEqualTo("DOWN");
        assertThat(platform.commandHealth("/readiness").getStatusCode().value()).as("recording goes on").isEqualTo(200);
        // about 25 s (each refusal takes the driver's 1 s): Axon's own retry wait would have grown to 16 s by now, so
        // the projection would sit out most of the 5 s the recovery below is given
        load.awaitMore(55, request -> request.phase().equals(OUTAGE) && request.operation() == Operation.TIMELINE);

        load.phase(RECOVERY);
        load.awaitFinished(OUTAGE);
        long restored = System.nanoTime();
        mongo.restore();
        // the projection resumes within its retry wait: what was recorded during the outage shows within seconds
        Request lastDuringOutage = load.requests(OUTAGE, Operation.RECORD).stream().filter(Request::acknowledged)
                .reduce((first, second) -> second).orElseThrow();
        await().atMost(Duration.ofSeconds(5).minusNanos(System.nanoTime() - restored)).pollInterval(Duration.ofMillis(100))
                .until(() -> CareerpathClient.eventIds(platform.client.tryTimeline(lastDuringOutage.personId()).getBody())
                        .contains(lastDuringOutage.body().get("eventId").asText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.queryHealth("/readiness").getStatusCode().value() == 200);
        load.awaitMore(10, request -> request.phase().equals(RECOVERY) && request.operation() == Operation.TIMELINE
                && request.status() == 200);
        load.stop();

        String answers = load.summary();
        for (Operation read : List.of(Operation.TIMELINE, Operation.SKILLS)) {
            assertThat(load.requests(OUTAGE, read)).as(answers).isNotEmpty().allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(503);
                assertThat(request.problemType()).isEqualTo("urn:careerpath:problem:read-models-unavailable");
                assertThat(request.retryAfter()).isNotBlank();
                assertThat(request.millis()).as("answered within 2 s").isLessThan(2_000);
            });
        }
        assertThat(load.requests(OUTAGE, Operation.AUDIT)).as(answers)
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        assertThat(load.requests(OUTAGE, Operation.RECORD)).as(answers).isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isIn(201, 409));

        load.retryUnacknowledged();
        load.acknowledged().forEach((person, events) -> acknowledged.computeIfAbsent(person, p -> new HashSet<>())
                .addAll(events));
        EventAccounting.Result result = EventAccounting.check(platform, acknowledged, Duration.ofSeconds(60));
        System.out.println("MongoDB outage: " + answers.replace("\n", "; ") + " => " + result);
        assertThat(result.everyAcknowledgedEventAccountedFor()).as(result.toString()).isTrue();
    }
}
