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
 * Kafka is the bus, not the store: with the broker process stopped, the command service stays ready and keeps
 * recording (the backlog shows in readiness), the query service stays ready and keeps answering reads, each
 * answer saying how stale it may be; once the broker is back every acknowledged event is in the event store, on
 * the topic and in the read model ({@link EventAccounting}: once in the store and the read model).
 */
@Tag("bad-day")
class KafkaOutageTest {

    private static final String OUTAGE = "outage";
    private static final String RECOVERY = "recovery";
    private static final String LAG = "Careerpath-Read-Model-Lag";

    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass()
            .beforeClose(running -> running.infrastructure.startKafka());

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void whileKafkaIsAwayBothServicesStayReadyRecordAndAnswerSayingHowStaleAndEverythingArrivesOnceWhenItReturns() {
        List<String> people = List.of(platform.client.register("Margaret Hamilton", "team-apollo", "2015-01-01"),
                platform.client.register("Katherine Johnson", "team-apollo", "2015-01-01"),
                platform.client.register("Dorothy Vaughan", "team-gemini", "2015-01-01"));
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        Map<String, Set<String>> acknowledged = new HashMap<>(EventAccounting.storedNow(platform, people));
        await().atMost(Duration.ofSeconds(10)).until(() -> lag(platform.queryApi.get()
                .uri("/api/people/{id}/timeline", people.get(0)).retrieve().toBodilessEntity().getHeaders()
                .getFirst(LAG)) <= 1);

        PlatformLoad load = new PlatformLoad(platform, people, RunningPlatform.HR_ADMIN).start(3, Duration.ofMillis(50));
        load.awaitMore(10, Request::acknowledged);

        platform.infrastructure.stopKafka();
        load.phase(OUTAGE);
        // recording goes on into the outbox: the command service stays ready and its readiness shows the backlog
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.commandHealth("/readiness").getBody()
                .at("/components/publishing/components/outbox/details/waiting").asLong() > 0);
        assertThat(platform.commandHealth("/readiness").getStatusCode().value()).isEqualTo(200);
        // reads go on from MongoDB: the query service stays ready, and its answers grow staler
        assertThat(platform.queryHealth("/readiness").getStatusCode().value()).isEqualTo(200);
        load.awaitMore(1, request -> request.phase().equals(OUTAGE) && request.operation() == Operation.TIMELINE
                && lag(request.readModelLag()) >= 8);
        assertThat(platform.commandHealth("/readiness").getStatusCode().value()).isEqualTo(200);
        assertThat(platform.queryHealth("/readiness").getStatusCode().value()).isEqualTo(200);

        load.phase(RECOVERY);
        load.awaitFinished(OUTAGE);
        platform.infrastructure.startKafka();
        load.phase("returned");
        // fresh again within seconds
        load.awaitMore(1, request -> request.phase().equals("returned") && request.operation() == Operation.TIMELINE
                && lag(request.readModelLag()) <= 1);
        load.stop();

        String answers = load.summary();
        assertThat(load.requests(OUTAGE, Operation.RECORD)).as(answers).isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isIn(201, 409));
        assertThat(load.requests(OUTAGE, Operation.AUDIT)).as(answers)
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        for (Operation read : List.of(Operation.TIMELINE, Operation.SKILLS)) {
            assertThat(load.requests(OUTAGE, read)).as(answers).isNotEmpty().allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(200);
                assertThat(request.readModelLag()).as("every read answer says how stale it may be").isNotNull();
            });
        }

        load.retryUnacknowledged();
        load.acknowledged().forEach((person, events) -> acknowledged.computeIfAbsent(person, p -> new HashSet<>())
                .addAll(events));
        EventAccounting.Result result = EventAccounting.check(platform, acknowledged, Duration.ofSeconds(90));
        System.out.println("Kafka outage: " + answers.replace("\n", "; ") + " => " + result);
        assertThat(result.everyAcknowledgedEventAccountedFor()).as(result.toString()).isTrue();
    }

    private static long lag(String header) {
        return header == null ? Long.MAX_VALUE : Long.parseLong(header);
    }
}
