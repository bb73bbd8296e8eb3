package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection's writes through the real MongoDB driver, against an in-process Mongo-wire server. */
class PersonHistoryProjectionTest {

    private static final Instant RECORDED = Instant.parse("2024-05-01T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private ReadModelGenerations generations;
    private PersonHistoryProjection projection;

    @BeforeEach
    void connect() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        MongoDatabase database = client.getDatabase("careerpath");
        generations = new ReadModelGenerations(database);
        projection = new PersonHistoryProjection(generations);
    }

    @AfterEach
    void disconnect() {
        client.close();
        server.shutdown();
    }

    private static PersonRegistered registered(String personId, String teamId) {
        return new PersonRegistered(personId, "reg-" + personId, LocalDate.parse("2015-01-01"), "hr", RECORDED, "Ada", teamId);
    }

    private static JoinedPmo joined(String personId, int n) {
        return new JoinedPmo(personId, "pmo-" + n, LocalDate.parse("2020-01-01").plusMonths(n), "hr", RECORDED,
                PmoType.PROGRAM, "PMO " + n, false);
    }

    /** As the live processor does: inside a unit of work, whose commit sends the batch's writes. */
    private void deliver(io.careerpath.events.CareerEvent event, long sequence) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> projection.on(event, sequence));
    }

    @Test
    void aBatchIsWrittenWhenItsUnitOfWorkCommits() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(registered("p1", "t1"), 0L);
        projection.on(joined("p1", 1), 1L);
        assertThat(stored("p1")).isNull();

        batch.commit();

        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(1);
    }

    private Document stored(String personId) {
        return generations.personHistories(generations.active()).find(eq("_id", personId)).first();
    }

    @Test
    void anEventDeliveredTwiceIsKeptOnce() {
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 1), 1L);
        deliver(joined("p1", 1), 1L);

        PersonHistory history = PersonHistory.fromDocument(stored("p1"), new io.careerpath.query.Viewpoint(LocalDate.parse("2024-06-01"), LocalDate.parse("2024-06-01")));

        assertThat(history.entries()).extracting(HistoryEntry::eventId).containsExactly("reg-p1", "pmo-1");
        assertThat(history.sequence()).isEqualTo(1);
    }

    @Test
    void aBatchReplayedAfterLaterEventsChangesNothing() {
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 1), 1L);
        deliver(joined("p1", 2), 2L);
        Document before = stored("p1");

        // a resent batch: older events arrive again after newer ones were stored
        deliver(joined("p1", 1), 1L);
        deliver(registered("p1", "t1"), 0L);

        assertThat(stored("p1")).isEqualTo(before);
        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void teamMembershipCollectsEveryoneOnce() {
        deliver(registered("p1", "t1"), 0L);
        deliver(registered("p2", "t1"), 0L);
        deliver(registered("p2", "t1"), 0L);

        Document team = generations.teamMembers(generations.active()).find(eq("_id", "t1")).first();

        assertThat(team.getList("members", String.class)).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void aRebuildWritesIntoItsOwnGenerationUntilItIsActivated() {
        deliver(registered("p1", "t1"), 0L);

        HistoryWrites rebuild = projection.writesInto(2);
        rebuild.add(registered("p2", "t2"), 0L);
        rebuild.flush();

        assertThat(stored("p2")).isNull();
        generations.activate(2);
        assertThat(stored("p2")).isNotNull();
        assertThat(stored("p1")).isNull();
    }
}
