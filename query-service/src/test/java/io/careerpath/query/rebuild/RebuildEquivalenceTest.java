package io.careerpath.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import io.careerpath.query.history.InMemoryEventStore;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.history.ProjectionFixture;
import io.careerpath.query.intake.ProjectionInstance;
import io.careerpath.query.intake.ProjectionTokens;
import io.careerpath.query.intake.SegmentBalance;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.query.source.SourceOfTruth;
import io.careerpath.query.source.SourceOfTruthUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rebuild goes around Axon (it reads the event store through the command service and writes a new
 * generation itself, {@link ReadModelRebuild}): this pins that it builds exactly the read models the live path
 * builds from the same events. The live path here is Axon's own: a tracking processor in batches, the
 * projection's annotated handler and the service's end-of-batch interceptor; the rebuild is the service's
 * {@link ReadModelRebuild}, pausing and resuming that same processor.
 */
class RebuildEquivalenceTest {

    private static final Instant RECORDED = Instant.parse("2024-05-01T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private final TestKeys keys = new TestKeys();
    private final InMemoryEventStore eventStore = new InMemoryEventStore();
    private final EmbeddedEventStore axonEventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();
    private ProjectionFixture readModels;
    private TrackingEventProcessor live;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        readModels = new ProjectionFixture(client.getDatabase("careerpath"), eventStore, keys.personKeys(),
                new SimpleMeterRegistry());
        live = TrackingEventProcessor.builder()
                .name(PersonHistoryProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(readModels.projection()).build())
                .messageSource(axonEventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                // small batches, so that a person's events span several of them as on the live topic
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(4))
                .build();
        live.registerHandlerInterceptor(readModels.projection().flushAtEndOfBatch());
    }

    @AfterEach
    void stop() {
        live.shutDown();
        axonEventStore.shutDown();
        client.close();
        server.shutdown();
    }

    @Test
    void theRebuildBuildsTheReadModelsTheLiveProjectionBuilds() {
        List<CareerEvent> events = careers();
        events.forEach(this::store);

        live.start();
        int liveGeneration = readModels.generations().active();
        long kept = events.stream().filter(event -> !event.personId().equals("erased")).count();
        await().atMost(Duration.ofSeconds(20)).until(() -> projectedEvents(liveGeneration) == kept
                && readModels.personHistories(liveGeneration).getOrDefault("erased", new Document())
                        .getBoolean("erased", false));
        Map<String, Document> liveHistories = readModels.personHistories(liveGeneration);
        Map<String, Document> liveTeams = readModels.teamMembers(liveGeneration);

        ReadModelRebuild rebuild = rebuildReading(eventStore);
        RebuildProgress started = rebuild.start().orElseThrow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rebuild.progress().state() != RebuildProgress.State.RUNNING);

        assertThat(rebuild.progress().state()).isEqualTo(RebuildProgress.State.DONE);
        int rebuilt = readModels.generations().active();
        assertThat(rebuilt).isEqualTo(started.generation()).isNotEqualTo(liveGeneration);
        assertThat(liveHistories).hasSize(4).containsKey("erased");
        assertThat(readModels.personHistories(rebuilt)).isEqualTo(liveHistories);
        assertThat(withMembers(readModels.teamMembers(rebuilt))).isEqualTo(withMembers(liveTeams))
                .containsOnlyKeys("t1", "t2", "t3");
    }

    /**
     * The rebuild reads the next step's histories while it writes the step before: a read that fails part way
     * (here the third step's, after two were written) ends the rebuild FAILED, naming why, with the generation
     * the queries use still active and the half-built one gone, and the live projection going on.
     */
    @Test
    void aRebuildWhoseReadFailsPartWayChangesNothingQueriesSee() {
        for (int p = 0; p < 450; p++) {
            store(new PersonRegistered(String.format("person-%03d", p), "r" + p, date("2020-01-01"), "hr", RECORDED,
                    "Person " + p, "t1"));
        }
        live.start();
        int liveGeneration = readModels.generations().active();
        await().atMost(Duration.ofSeconds(20)).until(() -> projectedEvents(liveGeneration) == 450);
        AtomicInteger reads = new AtomicInteger();
        SourceOfTruth failingOnTheThirdRead = new SourceOfTruth() {
            @Override
            public Heads heads(String after, int limit) {
                return eventStore.heads(after, limit);
            }

            @Override
            public Map<String, List<DomainEventMessage<?>>> eventsOf(Collection<String> personIds) {
                if (reads.incrementAndGet() == 3) {
                    throw new SourceOfTruthUnavailable("The event store's histories could not be read: refused", null);
                }
                return eventStore.eventsOf(personIds);
            }
        };

        ReadModelRebuild rebuild = rebuildReading(failingOnTheThirdRead);
        RebuildProgress started = rebuild.start().orElseThrow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rebuild.progress().state() != RebuildProgress.State.RUNNING);

        assertThat(rebuild.progress().state()).isEqualTo(RebuildProgress.State.FAILED);
        assertThat(rebuild.progress().error()).contains("could not be read: refused");
        assertThat(reads).hasValue(3);
        assertThat(readModels.generations().active()).isEqualTo(liveGeneration);
        assertThat(readModels.personHistories(started.generation())).isEmpty();
        store(new DeliveryRoleStarted("person-000", "d0", date("2021-01-01"), "person-000", RECORDED, "Apollo"));
        await().atMost(Duration.ofSeconds(20)).until(() -> projectedEvents(liveGeneration) == 451);
    }

    /** The service's rebuild, pausing the one live processor here (its tokens in memory: none to wait for). */
    private ReadModelRebuild rebuildReading(SourceOfTruth source) {
        SegmentBalance balance = new SegmentBalance(axonWith(live), new ProjectionInstance("the-only-one"),
                new ProjectionTokens(client.getDatabase("careerpath"), JacksonSerializer.defaultSerializer(),
                        Duration.ofSeconds(10)), client.getDatabase("careerpath"), 1, Duration.ofSeconds(2));
        return new ReadModelRebuild(balance, readModels.generations(), readModels.projection(), source,
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /**
     * Four careers covering every kind of event: moves between delivery and PMO roles, team changes, skill
     * assessments, a retraction, an ended assignment, administrative load, and a person erased after joining a
     * team they were the only member of.
     */
    private static List<CareerEvent> careers() {
        List<CareerEvent> events = new ArrayList<>();
        events.add(new PersonRegistered("ada", "a0", date("2015-01-01"), "hr", RECORDED, "Ada", "t1"));
        events.add(new PersonRegistered("bob", "b0", date("2016-01-01"), "hr", RECORDED, "Bob", "t1"));
        events.add(new DeliveryRoleStarted("ada", "a1", date("2015-02-01"), "ada", RECORDED, "Apollo"));
        events.add(new PersonRegistered("cy", "c0", date("2017-01-01"), "hr", RECORDED, "Cy", "t2"));
        events.add(new PersonRegistered("erased", "e0", date("2018-01-01"), "hr", RECORDED, "Eve", "t4"));
        events.add(new JoinedPmo("ada", "a2", date("2019-01-01"), "ada", RECORDED, PmoType.PROGRAM, "PMO North",
                DeliveryResponsibility.PARTIAL));
        events.add(new AdministrativeLoadRecorded("ada", "a3", date("2019-06-01"), "ada", RECORDED, 30));
        events.add(new SkillAssessed("ada", "a4", date("2020-01-01"), "mia", RECORDED, Skill.LEADERSHIP, 4, "Mia"));
        events.add(new TookTroubledProgram("bob", "b1", date("2016-03-01"), "bob", RECORDED, "Rescue"));
        events.add(new AssignmentEnded("bob", "b2", date("2017-03-01"), "bob", RECORDED, "b1",
                AssignmentKind.TROUBLED_PROGRAM, AssignmentOutcome.RESCUED, null));
        events.add(new TeamChanged("bob", "b3", date("2018-01-01"), "hr", RECORDED, "t3", "mia"));
        events.add(new JoinedPmo("cy", "c1", date("2018-01-01"), "cy", RECORDED, PmoType.EXECUTIVE, "Mistake",
                DeliveryResponsibility.NONE));
        events.add(new EventRetracted("cy", "c2", date("2018-01-02"), "cy", RECORDED, "c1", "JOINED_PMO",
                "recorded by mistake"));
        events.add(new TeamChanged("erased", "e1", date("2019-01-01"), "hr", RECORDED, "t2", "mia"));
        events.add(new RegainedDeliveryRole("ada", "a5", date("2022-01-01"), "ada", RECORDED, "Gemini"));
        events.add(new SkillAssessed("cy", "c3", date("2021-01-01"), "mia", RECORDED, Skill.ENTERPRISE_RISK, 3,
                "Mia"));
        events.add(new PersonErased("erased", "e2", date("2023-01-01"), "hr", RECORDED));
        return events;
    }

    /** Into the event store: the source the rebuild reads, and the stream the live processor tracks. */
    private void store(CareerEvent event) {
        long sequence = sequences.merge(event.personId(), 0L, (last, ignored) -> last + 1);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Person", event.personId(), sequence, event,
                MetaData.emptyInstance(), "m-" + event.eventId(), RECORDED);
        eventStore.append(message);
        axonEventStore.publish(message);
    }

    /** Events held in the generation's histories (an erased person's none). */
    private long projectedEvents(int generation) {
        return readModels.personHistories(generation).values().stream()
                .mapToLong(history -> history.get("entries", Document.class) == null ? 0
                        : history.get("entries", Document.class).size())
                .sum();
    }

    /**
     * Teams with at least one member. A team whose only member was erased is left empty by the live path and is
     * never created by the rebuild (the erased person's joining is not replayed): both answer "no members".
     */
    private static Map<String, Object> withMembers(Map<String, Document> teams) {
        Map<String, Object> members = new HashMap<>();
        teams.forEach((teamId, team) -> {
            List<?> list = team.getList("members", Object.class);
            if (!list.isEmpty()) {
                members.put(teamId, list.stream().map(String::valueOf).sorted().toList());
            }
        });
        return members;
    }

    private static Configuration axonWith(TrackingEventProcessor processor) {
        Configuration axon = mock(Configuration.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(axon.eventProcessingConfiguration()).thenReturn(processing);
        when(processing.eventProcessor(PersonHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class))
                .thenReturn(Optional.of(processor));
        return axon;
    }

    private static LocalDate date(String day) {
        return LocalDate.parse(day);
    }
}
