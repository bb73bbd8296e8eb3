package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.TeamChanged;
import io.careerpath.query.keys.TestKeys;
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
    private final TestKeys keys = new TestKeys();

    @BeforeEach
    void connect() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        MongoDatabase database = client.getDatabase("careerpath");
        generations = new ReadModelGenerations(database);
        projection = new PersonHistoryProjection(generations, keys.personKeys());
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
                PmoType.PROGRAM, "PMO " + n, DeliveryResponsibility.NONE);
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

    private static PersonErased erased(String personId) {
        return new PersonErased(personId, "erased-" + personId, LocalDate.parse("2024-05-02"), "hr", RECORDED);
    }

    private static TeamChanged moved(String personId, String teamId) {
        return new TeamChanged(personId, "moved-" + personId, LocalDate.parse("2022-01-01"), "hr", RECORDED, teamId, null);
    }

    private java.util.List<String> membersOf(String teamId) {
        Document team = generations.teamMembers(generations.active()).find(eq("_id", teamId)).first();
        return team == null ? java.util.List.of() : team.getList("members", String.class);
    }

    @Test
    void anErasureLeavesOnlyATombstoneAndNoMembership() {
        deliver(registered("p1", "t1"), 0L);
        deliver(moved("p1", "t2"), 1L);
        deliver(registered("p2", "t1"), 0L);

        deliver(erased("p1"), 2L);

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).containsExactly("p2");
        assertThat(membersOf("t2")).isEmpty();
        assertThat(stored("p2")).isNotNull();
    }

    @Test
    void anEventDeliveredAgainAfterTheErasureDoesNotBringThePersonBack() {
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 1), 1L);
        deliver(erased("p1"), 2L);

        // the batch is resent from an older token: the events before the erasure arrive again
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 1), 1L);

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).isEmpty();
    }

    @Test
    void withinOneBatchTheErasureWinsWhateverTheOrderOfTheBulkWrite() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(registered("p1", "t1"), 0L);
        projection.on(joined("p1", 1), 1L);
        projection.on(erased("p1"), 2L);
        projection.on(joined("p1", 1), 1L); // resent inside the same batch
        projection.on(registered("p2", "t1"), 0L);
        batch.commit();

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).containsExactly("p2");
    }

    @Test
    void theErasureForgetsThePersonsKey() {
        keys.give("p1", io.careerpath.security.PersonalData.newKey());
        assertThat(keys.personKeys().keyOf("p1")).isPresent();

        deliver(erased("p1"), 0L);

        assertThat(keys.personKeys().keyOf("p1")).isEmpty();
    }

    @Test
    void aRebuildReplayingTheLogEndsWithTheSameTombstone() {
        HistoryWrites rebuild = projection.writesInto(2);
        rebuild.add(registered("p1", "t1"), 0L);
        rebuild.add(joined("p1", 1), 1L);
        rebuild.flush();
        rebuild.add(erased("p1"), 2L);
        rebuild.add(registered("p2", "t1"), 0L);
        rebuild.flush();
        generations.activate(2);

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).containsExactly("p2");
        PersonHistories histories = new PersonHistories(generations, null);
        assertThat(histories.find("p1")).isEmpty();
        assertThat(histories.findAll(java.util.List.of("p1", "p2"))).extracting(StoredHistory::personId).containsExactly("p2");
    }
}
