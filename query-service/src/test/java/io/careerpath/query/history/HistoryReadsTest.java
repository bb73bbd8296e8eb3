package io.careerpath.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.PersonRegistered;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.api.NotYetProjected;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.keys.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-your-writes: a read that names the event it must see waits for it, boundedly. */
class HistoryReadsTest {

    private static final Instant RECORDED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofMillis(1_500);

    private MongoServer server;
    private MongoClient client;
    private ProjectionFixture readModels;
    private HistoryReads reads;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        readModels = new ProjectionFixture(client.getDatabase("careerpath"), new InMemoryEventStore(),
                new TestKeys().personKeys(), new SimpleMeterRegistry());
        reads = new HistoryReads(readModels.generations(), new QueryProperties(WAIT, 50, 3, 6, 3));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void aReadWaitsForTheEventItNamesWhileItIsProjected() {
        deliver(new PersonRegistered("p1", "e0", LocalDate.parse("2020-01-01"), "hr", RECORDED, "Ada", "t1"), 0);
        CompletableFuture<StoredHistory> read = CompletableFuture.supplyAsync(() -> reads.await("p1", 1L, h -> true));

        CompletableFuture.runAsync(() -> deliver(new DeliveryRoleStarted("p1", "e1", LocalDate.parse("2020-02-01"),
                "p1", RECORDED, "Apollo"), 1), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)).join();

        assertThat(read.join().lastSequence()).isEqualTo(1);
    }

    @Test
    void anEventThatDoesNotArriveInTimeIsNotYetProjected() {
        deliver(new PersonRegistered("p1", "e0", LocalDate.parse("2020-01-01"), "hr", RECORDED, "Ada", "t1"), 0);
        long started = System.nanoTime();

        assertThatThrownBy(() -> reads.await("p1", 1L, h -> true)).isInstanceOf(NotYetProjected.class)
                .hasMessageContaining("reached event 0 of person p1, not yet 1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(WAIT)
                .isLessThan(WAIT.multipliedBy(3));
    }

    @Test
    void aPersonNobodyMaySeeIsNotFoundAtOnceWithoutASequence() {
        deliver(new PersonRegistered("p1", "e0", LocalDate.parse("2020-01-01"), "hr", RECORDED, "Ada", "t1"), 0);
        long started = System.nanoTime();

        assertThatThrownBy(() -> reads.await("p1", null, h -> false)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> reads.await("unknown", null, h -> true)).isInstanceOf(NotFound.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
        assertThat(reads.await("p1", 0L, h -> true).lastSequence()).isZero();
    }

    private void deliver(CareerEvent event, long sequence) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> readModels.projection().on(event,
                new GenericDomainEventMessage<>("Person", event.personId(), sequence, event, MetaData.emptyInstance(),
                        "m-" + event.eventId(), RECORDED)));
    }
}
