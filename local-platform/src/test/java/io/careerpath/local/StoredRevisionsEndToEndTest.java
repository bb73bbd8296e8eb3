package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.imports.ImportFastPath;
import io.careerpath.command.imports.ImportRows;
import io.careerpath.command.imports.ImportedPersonIds;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportedHistory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.messaging.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JOINED_PMO revision 1, as the platform stored and published it before revision 2, reads as revision 2
 * on every path (docs/events.md): rows already in the event store (PostgreSQL, and the H2 file of the
 * single-machine mode) are loaded by the aggregate and the import's batch path, shown by the audit view,
 * published to Kafka as revision 2 and projected; a record already on the topic is projected and rebuilt.
 * The rows and the record are written as the code before revision 2 wrote them, with a boolean
 * {@code deliveryResponsibility}, by plain JDBC and a plain Kafka producer.
 */
class StoredRevisionsEndToEndTest {

    private static final String JOINED_PMO = "io.careerpath.events.JoinedPmo";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The single-machine mode's data directory: its H2 file event store among the rest. */
    @TempDir
    static Path dataDir;
    static Platform postgresql;
    static Platform h2File;

    /** One platform under test, whichever store it runs on. */
    record Platform(String store, PlatformServices services, CareerpathClient client, String kafka, String topic,
                    AutoCloseable running) {

        JdbcTemplate eventStore() {
            return services.commandContext().getBean(JdbcTemplate.class);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform running = RunningPlatform.start();
        postgresql = new Platform("PostgreSQL", running.services, running.client,
                running.infrastructure.kafkaBootstrapServers(), running.topic, running);
        int kafkaPort = TestInfrastructure.freePort();
        LocalPlatform local = LocalPlatform.start(new LocalPlatform.Settings(dataDir, 0, 0, kafkaPort,
                TestInfrastructure.freePort(), TestInfrastructure.freePort()));
        h2File = new Platform("H2 file", local.services(), CareerpathClient.signedInAt(local, "hana"),
                "127.0.0.1:" + kafkaPort, "careerpath.career-events", local);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Platform platform : new Platform[] {postgresql, h2File}) {
            if (platform != null) {
                platform.running().close();
            }
        }
    }

    static Platform on(String store) {
        return store.equals(postgresql.store()) ? postgresql : h2File;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "H2 file"})
    void revisionOneRowsInTheEventStoreReadAsRevisionTwoOnEveryPath(String store) {
        Platform platform = on(store);
        String person = platform.client().register("Grace Hopper", "team-navy", "2015-01-05");
        String joined = storeAsRevisionOne(platform, person, 1, "2018-01-08", true);

        // the aggregate loads it: the end it records is the end of that PMO role
        platform.client().record(person, Map.of("type", "ASSIGNMENT_ENDED", "effectiveDate", "2019-01-07",
                "outcome", "COMPLETED"));
        JsonNode audit = platform.client().careerEvents(person).get("events");

        assertThat(audit.get(2).get("type").asText()).isEqualTo("ASSIGNMENT_ENDED");
        assertThat(audit.get(2).at("/details/assignmentKind").asText()).isEqualTo("PMO");
        assertThat(audit.get(2).at("/details/assignmentEventId").asText()).isEqualTo(joined);
        // the audit view shows it as revision 2
        assertThat(audit.get(1).at("/details/deliveryResponsibility").asText()).isEqualTo("FULL");

        // the import's batch path (one read for many people) loads it as revision 2 too
        String importedId = platform.services().commandContext().getBean(ImportedPersonIds.class)
                .personId("HR-" + UUID.randomUUID());
        String imported = platform.client().registerWithId(importedId, "Ada Lovelace", "team-apollo");
        String importedJoined = storeAsRevisionOne(platform, imported, 1, "2018-01-08", false);
        ImportedHistory result = importInOneBatch(platform, imported, """
                {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2019-01-07", "outcome": "COMPLETED"}""");

        assertThat(result.outcomes()).singleElement().satisfies(outcome ->
                assertThat(outcome.status()).as(outcome.reason()).isEqualTo(ImportedHistory.Status.RECORDED));
        assertThat(platform.client().careerEvents(imported).get("events").get(2).at("/details/assignmentEventId").asText())
                .isEqualTo(importedJoined);

        // the kafka-publisher processor reads the store and forwards revision 2
        Map<String, ConsumerRecord<String, byte[]>> published = awaitPublished(platform, List.of(joined, importedJoined));

        assertThat(header(published.get(joined), Headers.MESSAGE_REVISION)).isEqualTo("2");
        assertThat(payload(published.get(joined)).get("deliveryResponsibility").asText()).isEqualTo("FULL");
        assertThat(header(published.get(importedJoined), Headers.MESSAGE_REVISION)).isEqualTo("2");
        assertThat(payload(published.get(importedJoined)).get("deliveryResponsibility").asText()).isEqualTo("NONE");

        // and the query side projects what was published
        JsonNode timeline = platform.client().awaitTimeline(person, t -> t.get("sequence").asLong() >= 2);
        assertThat(timeline.at("/assignments/0/kind").asText()).isEqualTo("PMO");
        assertThat(timeline.at("/assignments/0/deliveryResponsibility").asText()).isEqualTo("FULL");
    }

    /**
     * A record the publisher sent before revision 2 stays on the topic as revision 1. The same event is in
     * the store (where the record came from); the record is on the topic first, so it is the one projected,
     * and the publisher's revision-2 copy behind it changes nothing.
     */
    @Test
    void aRevisionOneRecordAlreadyOnTheTopicIsProjectedAndRebuiltAsRevisionTwo() throws Exception {
        Platform platform = postgresql;
        String person = platform.client().register("Frances Allen", "team-ptran", "2015-01-05");
        platform.client().awaitTimeline(person, t -> t.get("entries").size() == 1);
        String joined = UUID.randomUUID().toString();

        publishAsRevisionOne(platform, person, 1, joined, "2018-01-08", true);
        storeAsRevisionOne(platform, person, 1, joined, "2018-01-08", true);

        JsonNode timeline = platform.client().awaitTimeline(person, t -> t.get("sequence").asLong() >= 1);
        assertThat(timeline.at("/assignments/0/deliveryResponsibility").asText()).isEqualTo("FULL");
        assertThat(timeline.at("/entries/1/details/deliveryResponsibility").asText()).isEqualTo("FULL");

        // the rebuild replays the topic from its first record, the revision-1 one included
        RunningPlatform running = (RunningPlatform) platform.running();
        running.queryApi.post().uri("/api/admin/read-models/rebuild").retrieve().toBodilessEntity();
        JsonNode[] progress = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            progress[0] = running.queryApi.get().uri("/api/admin/read-models/rebuild").retrieve().body(JsonNode.class);
            return !progress[0].get("state").asText().equals("RUNNING");
        });

        assertThat(progress[0].get("state").asText()).as("%s", progress[0]).isEqualTo("DONE");
        JsonNode rebuilt = platform.client().awaitTimeline(person, t -> t.get("sequence").asLong() >= 1);
        assertThat(rebuilt.at("/assignments/0/deliveryResponsibility").asText()).isEqualTo("FULL");
    }

    private static String storeAsRevisionOne(Platform platform, String person, long sequence, String effectiveDate,
                                             boolean deliveryResponsibility) {
        String eventId = UUID.randomUUID().toString();
        storeAsRevisionOne(platform, person, sequence, eventId, effectiveDate, deliveryResponsibility);
        return eventId;
    }

    /** A row as the event store held JOINED_PMO before revision 2 (payload as in golden/JoinedPmo-v1.json). */
    private static void storeAsRevisionOne(Platform platform, String person, long sequence, String eventId,
                                           String effectiveDate, boolean deliveryResponsibility) {
        platform.eventStore().update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type,"
                        + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
                        + " VALUES (?, ?, 'Person', ?, ?, ?, '1', ?, ?)",
                person, sequence, eventId, "{}".getBytes(StandardCharsets.UTF_8),
                revisionOnePayload(person, eventId, effectiveDate, deliveryResponsibility), JOINED_PMO,
                Instant.now().toString());
    }

    /** A record as the publisher sent JOINED_PMO before revision 2: Axon's headers, revision 1, the boolean. */
    private static void publishAsRevisionOne(Platform platform, String person, long sequence, String eventId,
                                             String effectiveDate, boolean deliveryResponsibility) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(platform.topic(), person,
                revisionOnePayload(person, eventId, effectiveDate, deliveryResponsibility));
        record.headers()
                .add(new RecordHeader(Headers.MESSAGE_ID, eventId.getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(Headers.MESSAGE_TYPE, JOINED_PMO.getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(Headers.MESSAGE_REVISION, "1".getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(Headers.MESSAGE_TIMESTAMP, longBytes(System.currentTimeMillis())))
                .add(new RecordHeader(Headers.AGGREGATE_ID, person.getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(Headers.AGGREGATE_SEQ, longBytes(sequence)))
                .add(new RecordHeader(Headers.AGGREGATE_TYPE, "Person".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] revisionOnePayload(String person, String eventId, String effectiveDate,
                                             boolean deliveryResponsibility) {
        ObjectNode payload = JSON.createObjectNode().put("personId", person).put("eventId", eventId)
                .put("effectiveDate", effectiveDate).put("recordedBy", "sub:hr-system")
                .put("recordedAt", "2024-03-04T09:15:30.250Z").put("pmoType", "ORGANIZATIONAL")
                .put("deliveryResponsibility", deliveryResponsibility);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The row decided and appended by the import's batch path alone, as a bulk import's batch is. */
    private static ImportedHistory importInOneBatch(Platform platform, String person, String row) {
        ConfigurableApplicationContext command = platform.services().commandContext();
        ImportRows.Decoded decoded;
        try {
            decoded = command.getBean(ImportRows.class).decode(2, person, (ObjectNode) JSON.readTree(row));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(decoded.ok()).as("%s", decoded).isTrue();
        ImportHistory history = new ImportHistory(person, List.of(decoded.row()), "sub:hr-system", Instant.now());
        return new TransactionTemplate(command.getBean(PlatformTransactionManager.class)).execute(status ->
                command.getBean(ImportFastPath.class).importAll(List.of(history), Map.of())).get(0);
    }

    /** The records the topic holds for these event ids, polled from the beginning until all are there. */
    private static Map<String, ConsumerRecord<String, byte[]>> awaitPublished(Platform platform, List<String> eventIds) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(platform.topic()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = header(record, Headers.MESSAGE_ID);
                    if (eventIds.contains(id)) {
                        found.put(id, record);
                    }
                }
                return found.keySet().containsAll(eventIds);
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
