package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoPreferenceStated;
import io.careerpath.events.PmoType;
import io.careerpath.events.TeamChanged;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.query.source.SourceOfTruth;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
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
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** What the event store holds, per person: the source repairs read from. */
    private final InMemoryEventStore eventStore = new InMemoryEventStore();
    private ProjectionAnomalies anomalies;
    private ReadModelRepair repair;

    @BeforeEach
    void connect() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        MongoDatabase database = client.getDatabase("careerpath");
        generations = new ReadModelGenerations(database);
        anomalies = new ProjectionAnomalies(meters);
        repair = new ReadModelRepair(eventStore, generations, keys.personKeys(), meters);
        projection = new PersonHistoryProjection(generations, keys.personKeys(), repair, anomalies, event -> {
        });
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
        DefaultUnitOfWork.startAndGet(null).execute(() -> handle(event, sequence));
    }

    /** The event as the topic carries it, under the id the event store gave it. */
    private void handle(io.careerpath.events.CareerEvent event, long sequence) {
        projection.on(event, message(event, sequence));
    }

    private static DomainEventMessage<?> message(io.careerpath.events.CareerEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Person", event.personId(), sequence, event, MetaData.emptyInstance(),
                "m-" + event.eventId(), RECORDED);
    }

    @Test
    void aBatchIsWrittenWhenItsUnitOfWorkCommits() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handle(registered("p1", "t1"), 0L);
        handle(joined("p1", 1), 1L);
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

        PersonHistory history = PersonHistory.fromDocument(stored("p1"), new io.careerpath.query.api.Viewpoint(LocalDate.parse("2024-06-01"), LocalDate.parse("2024-06-01")));

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
    void theLatestStatedPmoPreferenceIsKeptAndReadAsOfADay() {
        deliver(registered("p1", "t1"), 0L);
        deliver(new PmoPreferenceStated("p1", "pref-1", LocalDate.parse("2021-01-01"), "p1", RECORDED, false), 1L);
        deliver(new PmoPreferenceStated("p1", "pref-2", LocalDate.parse("2023-01-01"), "p1", RECORDED, true), 2L);

        Document stored = stored("p1");
        java.util.function.Function<String, PersonHistory> asOf = day -> PersonHistory.fromDocument(stored,
                new io.careerpath.query.api.Viewpoint(LocalDate.parse(day), LocalDate.parse("2024-06-01")));

        assertThat(asOf.apply("2020-06-01").willingToJoinPmo()).isEmpty();
        assertThat(asOf.apply("2022-06-01").willingToJoinPmo()).contains(false);
        assertThat(asOf.apply("2024-06-01").willingToJoinPmo()).contains(true);
        assertThat(asOf.apply("2024-06-01").entries()).filteredOn(entry -> entry.type().equals("PMO_PREFERENCE_STATED"))
                .extracting(HistoryEntry::details).containsExactly(Map.of("willing", false), Map.of("willing", true));
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
    void aBatchOfSeveralPeoplesEventsStoresWhatDeliveringThemOneByOneStores() {
        List<io.careerpath.events.CareerEvent> events = List.of(registered("p1", "t1"), joined("p1", 1),
                registered("p2", "t1"), joined("p1", 2), new TeamChanged("p2", "moved-p2", LocalDate.parse("2022-01-01"),
                        "hr", RECORDED, "t2", null, "Team Two"), joined("p2", 3));
        long[] sequences = {0, 1, 0, 2, 1, 2};
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            for (int i = 0; i < events.size(); i++) {
                handle(events.get(i), sequences[i]);
            }
        });
        List<Document> batched = List.of(stored("p1"), stored("p2"), team("t1"), team("t2"));
        List<Document> oneByOne = readModelAfter(() -> {
            for (int i = 0; i < events.size(); i++) {
                deliver(events.get(i), sequences[i]);
            }
        });

        assertThat(batched).isEqualTo(oneByOne);
        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(2);
        assertThat(membersOf("t1")).containsExactlyInAnyOrder("p1", "p2");
        assertThat(team("t2").get(TeamNames.NAMES, Document.class).values()).containsExactly("Team Two");
    }

    private Document team(String teamId) {
        return generations.teamMembers(generations.active()).find(eq("_id", teamId)).first();
    }

    /** The two people's and two teams' documents after {@code delivery}, into emptied collections (put back after). */
    private List<Document> readModelAfter(Runnable delivery) {
        int generation = generations.active();
        List<Document> histories = generations.personHistories(generation).find().into(new java.util.ArrayList<>());
        List<Document> teams = generations.teamMembers(generation).find().into(new java.util.ArrayList<>());
        generations.personHistories(generation).deleteMany(new Document());
        generations.teamMembers(generation).deleteMany(new Document());
        delivery.run();
        List<Document> after = List.of(stored("p1"), stored("p2"), team("t1"), team("t2"));
        generations.personHistories(generation).deleteMany(new Document());
        generations.teamMembers(generation).deleteMany(new Document());
        generations.personHistories(generation).insertMany(histories);
        generations.teamMembers(generation).insertMany(teams);
        return after;
    }

    @Test
    void aRebuildWritesIntoItsOwnGenerationUntilItIsActivated() {
        deliver(registered("p1", "t1"), 0L);

        projection.writesInto(2).replace(Map.of("p2", List.of(message(registered("p2", "t2"), 0))));

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
        handle(registered("p1", "t1"), 0L);
        handle(joined("p1", 1), 1L);
        handle(erased("p1"), 2L);
        handle(joined("p1", 1), 1L); // resent inside the same batch
        handle(registered("p2", "t1"), 0L);
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
    void aRebuildFromTheEventStoreEndsWithTheSameTombstone() {
        projection.writesInto(2).replace(Map.of(
                "p1", List.of(message(registered("p1", "t1"), 0), message(joined("p1", 1), 1), message(erased("p1"), 2)),
                "p2", List.of(message(registered("p2", "t1"), 0))));
        generations.activate(2);

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).containsExactly("p2");
        HistoryReads histories = new HistoryReads(generations, null);
        assertThat(histories.find("p1")).isEmpty();
        assertThat(histories.findAll(java.util.List.of("p1", "p2"))).extracting(StoredHistory::personId).containsExactly("p2");
    }

    // --- events out of line: the read model is repaired from the event store

    private void store(io.careerpath.events.CareerEvent... events) {
        for (io.careerpath.events.CareerEvent event : events) {
            eventStore.append(message(event, eventStore.eventsOf(List.of(event.personId())).get(event.personId()).size()));
        }
    }

    private List<String> entryIds(String personId) {
        return PersonHistory.fromDocument(stored(personId), new io.careerpath.query.api.Viewpoint(LocalDate.parse("2030-01-01"),
                LocalDate.parse("2030-01-01"))).entries().stream().map(HistoryEntry::eventId).toList();
    }

    @Test
    void anEventBeyondTheNextHasThePersonRepairedFromTheEventStore() {
        store(registered("p1", "t1"), joined("p1", 1), joined("p1", 2));
        deliver(registered("p1", "t1"), 0L);

        // event 1 never arrived (a skipped batch); event 2 shows the gap
        deliver(joined("p1", 2), 2L);

        assertThat(entryIds("p1")).containsExactly("reg-p1", "pmo-1", "pmo-2");
        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(2);
        assertThat(anomalies.count("gap")).isEqualTo(1);
    }

    @Test
    void anotherEventAtANumberAlreadyHeldHasThePersonRepairedAndTheEventStoresOneWins() {
        // the read model holds, as number 1, an event the store does not have (lost from it, or stale)
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 7), 1L);
        store(registered("p1", "t1"), joined("p1", 1));

        deliver(joined("p1", 1), 1L);

        assertThat(entryIds("p1")).containsExactly("reg-p1", "pmo-1");
        assertThat(anomalies.count("conflict")).isEqualTo(1);
    }

    // --- a repair by another instance (the integrity check's), which shares no lock with this one's projection

    /**
     * Another instance's repair, whose every reading of the event store is followed, before its write, by
     * {@code meanwhile}: what this instance's projection writes in that moment.
     */
    private ReadModelRepair anotherInstancesRepair(int interruptions, Runnable meanwhile) {
        int[] left = {interruptions};
        SourceOfTruth slowReader = new SourceOfTruth() {
            @Override
            public io.careerpath.pipeline.eventstore.EventStoreReads.Heads heads(String after, int limit) {
                return eventStore.heads(after, limit);
            }

            @Override
            public Map<String, List<DomainEventMessage<?>>> eventsOf(java.util.Collection<String> personIds) {
                Map<String, List<DomainEventMessage<?>>> read = eventStore.eventsOf(personIds);
                if (left[0]-- > 0) {
                    meanwhile.run();
                }
                return read;
            }
        };
        return new ReadModelRepair(slowReader, AnotherInstance.generations(client.getDatabase("careerpath")),
                keys.personKeys(), meters);
    }

    @Test
    void aRepairByAnotherInstanceDoesNotOverwriteEventsProjectedWhileItReadTheEventStore() {
        store(registered("p1", "t1"), joined("p1", 1));
        deliver(registered("p1", "t1"), 0L);
        ReadModelRepair repair = anotherInstancesRepair(1, () -> {
            store(joined("p1", 2));
            deliver(joined("p1", 1), 1L);
            deliver(joined("p1", 2), 2L);
        });

        Map<String, ReadModelRepair.Head> repaired = repair.repair(List.of("p1"), generations.active());

        assertThat(entryIds("p1")).containsExactly("reg-p1", "pmo-1", "pmo-2");
        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(2);
        assertThat(repaired.get("p1").lastSequence()).as("read again, after the projection's write").isEqualTo(2);
    }

    @Test
    void aPersonAnotherInstanceKeepsWritingIsLeftToItNotRepairedFromAnOlderReading() {
        store(registered("p1", "t1"));
        deliver(registered("p1", "t1"), 0L);
        long[] next = {1};
        ReadModelRepair repair = anotherInstancesRepair(Integer.MAX_VALUE, () -> {
            store(joined("p1", (int) next[0]));
            deliver(joined("p1", (int) next[0]), next[0]++);
        });

        Map<String, ReadModelRepair.Head> repaired = repair.repair(List.of("p1"), generations.active());

        assertThat(repaired).isEmpty();
        assertThat(stored("p1").get("lastSequence", Number.class).longValue()).isEqualTo(next[0] - 1);
        assertThat(entryIds("p1")).hasSize((int) next[0]);
    }

    @Test
    void aRepairOfAnErasedPersonByAnotherInstanceLeavesTheTombstone() {
        store(registered("p1", "t1"));
        deliver(registered("p1", "t1"), 0L);
        ReadModelRepair repair = anotherInstancesRepair(1, () -> {
            store(erased("p1"));
            deliver(erased("p1"), 1L);
        });

        repair.repair(List.of("p1"), generations.active());

        assertThat(stored("p1")).isEqualTo(new Document("_id", "p1").append("erased", true));
        assertThat(membersOf("t1")).isEmpty();
    }

    @Test
    void aRecordTheEventStoreDoesNotHoldIsNotProjected() {
        store(registered("p1", "t1"), joined("p1", 1));
        deliver(registered("p1", "t1"), 0L);
        deliver(joined("p1", 1), 1L);

        // a stale record on the topic claims number 1 for another event
        deliver(joined("p1", 9), 1L);

        assertThat(entryIds("p1")).containsExactly("reg-p1", "pmo-1");
        assertThat(anomalies.count("not-in-event-store")).isEqualTo(1);
    }

    @Test
    void whenTheEventStoreCannotBeReadThePersonIsParkedNotSkipped() {
        deliver(registered("p1", "t1"), 0L);
        eventStore.available = false;

        assertThatThrownBy(() -> deliver(joined("p1", 2), 2L)).isInstanceOf(PersonOutOfStep.class)
                .hasMessageContaining("p1").hasMessageContaining("cannot be read now");
        assertThat(entryIds("p1")).containsExactly("reg-p1");
    }

    @Test
    void anEventTheEventStoreDoesNotHoldYetIsParked() {
        store(registered("p1", "t1"));
        deliver(registered("p1", "t1"), 0L);

        assertThatThrownBy(() -> deliver(joined("p1", 2), 2L)).isInstanceOf(PersonOutOfStep.class)
                .hasMessageContaining("holds their history only up to event 0");
    }

    @Test
    void whatIsNotACareerEventOfAPersonFailsItsHandlerInsteadOfBeingDropped() {
        assertThatThrownBy(() -> projection.on("a stray payload", message(registered("p1", "t1"), 0)))
                .isInstanceOf(UnprojectableEvent.class).hasMessageContaining("a stray payload");
    }

    @Test
    void aBatchWrittenAfterItsLastEventIsNotWrittenAgainAtCommit() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handle(registered("p1", "t1"), 0L);
        projection.flushBatch(batch);
        assertThat(stored("p1")).isNotNull();
        generations.personHistories(generations.active()).deleteMany(new Document());

        batch.commit();

        assertThat(stored("p1")).as("the writes were sent once, before the commit").isNull();
    }
}
