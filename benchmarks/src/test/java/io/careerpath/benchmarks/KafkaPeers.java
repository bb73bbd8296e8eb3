package io.careerpath.benchmarks;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.careerpath.events.CareerEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.HeaderUtils;
import org.axonframework.messaging.Headers;
import io.careerpath.query.history.PackedEntries;
import io.careerpath.query.history.ReadModelGenerations;
import org.bson.Document;

/** The Kafka side's peers: what the platform's Kafka work costs with nothing but the clients. */
final class KafkaPeers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON_FIELDS = Set.of("personId", "eventId", "effectiveDate", "recordedBy", "recordedAt");
    private static final Map<String, String> TYPE_NAMES = new ConcurrentHashMap<>();

    private KafkaPeers() {
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
    }

    /** Records in a topic: the sum of its partitions' end offsets. */
    static long recordsIn(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * The raw asynchronous producer: the same records the publisher sends (built by the same
     * converter), sent without waiting, then every acknowledgement awaited. Records per second.
     */
    static double produce(String bootstrapServers, String topic, List<? extends EventMessage<?>> events) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            records.add(AxonFormat.CONVERTER.createKafkaMessage(event, topic));
        }
        try (Producer<String, byte[]> producer = AxonFormat.producer(bootstrapServers)) {
            producer.partitionsFor(topic); // metadata fetched before the clock starts
            long start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The raw consumer: reads the topic from the start and bulk-writes the same documents the
     * projection writes (an entry per event under its sequence number, the last sequence, team
     * membership), one unordered bulk per poll, with no Axon and no model in between. Events per second.
     */
    static double consumeAndBulkWrite(String bootstrapServers, String topic, long records, MongoDatabase into,
                                      Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long done = 0;
            long start = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (done < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The raw consumer read " + done + " of " + records + " records in " + timeout);
                }
                List<WriteModel<Document>> histories = new ArrayList<>();
                List<WriteModel<Document>> teams = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    addWrites(record, histories, teams);
                    done++;
                }
                BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
                if (!histories.isEmpty()) {
                    into.getCollection("person_histories").bulkWrite(histories, unordered);
                }
                if (!teams.isEmpty()) {
                    into.getCollection("team_members").bulkWrite(teams, unordered);
                }
            }
            return done / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Reads what is published from now on, until {@code running} turns false and the topic is drained:
     * each event's id with the record's timestamp (set when the publisher handed it to its producer), and with
     * the time this plain consumer (no processing, in the benchmark's JVM) had it: the Kafka hop alone.
     */
    static Thread tap(String bootstrapServers, String topic, Map<String, Long> sentAt, Map<String, Long> tappedAt,
                      java.util.concurrent.atomic.AtomicBoolean running) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the first event is sent
        Thread tap = new Thread(() -> {
            try (consumer) {
                long quietSince = System.nanoTime();
                while (running.get() || System.nanoTime() - quietSince < 2_000_000_000L) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    if (!records.isEmpty()) {
                        quietSince = System.nanoTime();
                    }
                    long polledAt = System.currentTimeMillis();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        try {
                            String eventId = JSON.readTree(record.value()).get("eventId").asText();
                            sentAt.put(eventId, record.timestamp());
                            tappedAt.put(eventId, polledAt);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }
        }, "kafka-tap");
        tap.start();
        return tap;
    }

    private static void addWrites(ConsumerRecord<String, byte[]> record, List<WriteModel<Document>> histories,
                                  List<WriteModel<Document>> teams) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(record.value());
            long sequence = HeaderUtils.valueAsLong(record.headers(), Headers.AGGREGATE_SEQ);
            String type = TYPE_NAMES.computeIfAbsent(HeaderUtils.valueAsString(record.headers(), Headers.MESSAGE_TYPE),
                    KafkaPeers::typeName);
            Map<String, Object> details = new LinkedHashMap<>();
            event.properties().forEach(field -> {
                if (!COMMON_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                    details.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
                }
            });
            Document entry = new Document("eventId", event.get("eventId").asText())
                    .append("sequence", sequence)
                    .append("type", type)
                    .append("effectiveDate", event.get("effectiveDate").asText())
                    .append("recordedBy", event.get("recordedBy").asText())
                    .append("recordedAt", Date.from(Instant.parse(event.get("recordedAt").asText())))
                    .append("details", new Document(details))
                    .append("messageId", HeaderUtils.valueAsString(record.headers(), Headers.MESSAGE_ID));
            String personId = event.get("personId").asText();
            histories.add(new UpdateOneModel<>(eq("_id", personId), Updates.combine(
                    Updates.set("entries." + sequence, PackedEntries.pack(entry)), Updates.max("lastSequence", sequence),
                    Updates.set("layout", ReadModelGenerations.LAYOUT)), new UpdateOptions().upsert(true)));
            if (details.get("teamId") instanceof String teamId) {
                teams.add(new UpdateOneModel<>(eq("_id", teamId), Updates.addToSet("members", personId),
                        new UpdateOptions().upsert(true)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typeName(String className) {
        try {
            return CareerEvent.typeOf(Class.forName(className).asSubclass(CareerEvent.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
