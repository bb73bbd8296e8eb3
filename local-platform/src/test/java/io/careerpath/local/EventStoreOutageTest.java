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
 * The event store (PostgreSQL) away, for real: the command service reaches it through a proxy the test cuts
 * (connections closed, new ones refused, as a stopped server does), while clients keep recording and reading.
 * Writes and the audit view answer 503 problem details with Retry-After within two seconds, the query side goes
 * on answering, the command service is not ready; once the database is back everything resumes by itself within
 * seconds, and every event acknowledged is in the store and the read model exactly once and on the topic
 * ({@link EventAccounting}: requests refused meanwhile are sent again with their Idempotency-Key first).
 */
@Tag("bad-day")
class EventStoreOutageTest {

    private static final String OUTAGE = "outage";
    private static final String RECOVERY = "recovery";
    /** The publisher's longest wait between retries here: short, so that a late resumption shows plainly. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

    static TcpProxy database;
    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            (command, query) -> {
                String url = command.get("spring.datasource.url");
                database = TcpProxy.toAddressOf(url);
                command.put("spring.datasource.url", database.inFront(url));
                command.put("careerpath.kafka.max-retry-wait", MAX_RETRY_WAIT.toMillis() + "ms");
            }))
            .beforeClose(running -> database.restore())
            .afterClose(() -> database.close());

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void whileTheEventStoreIsAwayWritesAnswer503AtOnceReadsGoOnAndEverythingResumesByItselfWhenItReturns() {
        List<String> people = List.of(platform.client.register("Grace Hopper", "team-apollo", "2015-01-01"),
                platform.client.register("Edsger Dijkstra", "team-apollo", "2015-01-01"),
                platform.client.register("Barbara Liskov", "team-gemini", "2015-01-01"));
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        Map<String, Set<String>> acknowledged = new HashMap<>(EventAccounting.storedNow(platform, people));

        PlatformLoad load = new PlatformLoad(platform, people, RunningPlatform.HR_ADMIN).start(3, Duration.ofMillis(50));
        load.awaitMore(10, Request::acknowledged);

        database.cut();
        load.phase(OUTAGE);
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.commandHealth("/readiness").getStatusCode().value() == 503);
        var readiness = platform.commandHealth("/readiness");
        assertThat(readiness.getBody().at("/components/db/status").asText()).as(readiness.toString()).isEqualTo("DOWN");
        assertThat(platform.queryHealth("/readiness").getStatusCode().value()).as("the query side still answers").isEqualTo(200);
        // about 25 s (each refusal takes the pool's 750 ms): Axon's own retry wait would have grown to 16 s by now, so
        // the publisher would sit out most of the 5 s the recovery below is given
        load.awaitMore(60, request -> request.phase().equals(OUTAGE) && request.operation() == Operation.RECORD);

        load.phase(RECOVERY);
        load.awaitFinished(OUTAGE);
        long restored = System.nanoTime();
        database.restore();
        load.awaitMore(1, request -> request.phase().equals(RECOVERY) && request.acknowledged());
        Request firstAfterReturn = load.requests().stream()
                .filter(request -> request.phase().equals(RECOVERY) && request.acknowledged()).findFirst().orElseThrow();
        // the publisher resumes within its retry wait: the event reaches the read model within seconds of the return
        await().atMost(Duration.ofSeconds(5).minusNanos(System.nanoTime() - restored)).pollInterval(Duration.ofMillis(100))
                .until(() -> CareerpathClient.eventIds(platform.client.tryTimeline(firstAfterReturn.personId()).getBody())
                        .contains(firstAfterReturn.body().get("eventId").asText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.commandHealth("/readiness").getStatusCode().value() == 200);
        load.awaitMore(10, request -> request.phase().equals(RECOVERY) && request.acknowledged());
        load.stop();

        String answers = load.summary();
        assertThat(load.requests(OUTAGE, Operation.RECORD)).as(answers).isNotEmpty().allSatisfy(request -> {
            assertThat(request.status()).isEqualTo(503);
            assertThat(request.problemType()).isEqualTo("urn:careerpath:problem:event-store-unavailable");
            assertThat(request.retryAfter()).isNotBlank();
            assertThat(request.millis()).as("answered within 2 s").isLessThan(2_000);
        });
        assertThat(load.requests(OUTAGE, Operation.AUDIT)).as(answers).allSatisfy(request -> {
            assertThat(request.status()).isEqualTo(503);
            assertThat(request.problemType()).isEqualTo("urn:careerpath:problem:event-store-unavailable");
            assertThat(request.millis()).isLessThan(2_000);
        });
        assertThat(load.requests(OUTAGE, Operation.TIMELINE)).as(answers).isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        assertThat(load.requests(OUTAGE, Operation.SKILLS)).as(answers)
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));

        // what was refused is sent again with its Idempotency-Key: recorded once, whether or not it was before
        load.retryUnacknowledged();
        load.acknowledged().forEach((person, events) -> acknowledged.computeIfAbsent(person, p -> new HashSet<>())
                .addAll(events));
        EventAccounting.Result result = EventAccounting.check(platform, acknowledged, Duration.ofSeconds(60));
        System.out.println("Event store outage: " + answers.replace("\n", "; ") + " => " + result);
        assertThat(result.everyAcknowledgedEventAccountedFor()).as(result.toString()).isTrue();
        // a batch Kafka acknowledged whose position the publisher could not store is not sent again on its retry
        assertThat(result.publishedAgain()).as("published more than once").isEmpty();
    }
}
