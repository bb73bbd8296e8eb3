package io.careerpath.command.publishing;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher owns the topic: it creates it with the configured partitions before the first event
 * is sent, instead of trusting broker auto-creation (which would pick the broker's defaults, and
 * which production clusters switch off). The topic keeps every record forever: consumers replay it from
 * the start (a new query-service instance, a rebuild) and it is the company's integration feed, while a
 * broker's default deletes records after 7 days. A topic found keeping less (a finite retention, or
 * compaction, which keeps one record per person) is set to keep everything from now on, with a warning:
 * records already deleted cannot come back.
 */
final class CareerEventsTopic {

    private static final Logger log = LoggerFactory.getLogger(CareerEventsTopic.class);
    /** What keeping every record forever takes. */
    static final Map<String, String> KEEP_EVERYTHING = Map.of(
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    private final String topic;
    private final Map<String, Object> repair;

    /**
     * What the topic is created with: it keeps everything, and with three replicas or more a record is acknowledged
     * (the producer asks for all in-sync replicas) only once two brokers hold it, whatever the brokers' default: so
     * an acknowledged event survives the loss of any one broker, and one broker away does not stop publishing.
     */
    static Map<String, String> configs(short replicationFactor) {
        Map<String, String> configs = new TreeMap<>(KEEP_EVERYTHING);
        if (replicationFactor >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return configs;
    }

    private CareerEventsTopic(String topic, Map<String, Object> repair) {
        this.topic = topic;
        this.repair = repair;
    }

    /**
     * Creates the topic, or finds it and makes it keep everything; waits for the broker up to the
     * configured start-up timeout, trying again every second (Failsafe's retry policy: the broker not there
     * yet is the one failure worth waiting out; a topic found but not repairable fails start-up at once).
     */
    static CareerEventsTopic ensureExists(KafkaPublishingProperties properties) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor())
                    .configs(configs(properties.replicationFactor()));
            RetryPolicy<CareerEventsTopic> untilTheBrokerAnswers = RetryPolicy.<CareerEventsTopic>builder()
                    .handle(ExecutionException.class, TimeoutException.class)
                    .withDelay(Duration.ofSeconds(1))
                    .withMaxRetries(-1)
                    .withMaxDuration(properties.startupTimeout())
                    .onRetry(retry -> log.warn("Waiting for Kafka at {} to create topic {}: {}",
                            properties.bootstrapServers(), properties.topic(), cause(retry.getLastException()).toString()))
                    .build();
            try {
                return Failsafe.with(untilTheBrokerAnswers).get(() -> createOrRepair(admin, topic));
            } catch (FailsafeException e) {
                if (e.getCause() instanceof InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topic " + properties.topic(), interrupted);
                }
                throw new IllegalStateException("Kafka at " + properties.bootstrapServers() + " did not confirm topic "
                        + properties.topic() + " within " + properties.startupTimeout(), cause(e.getCause()));
            }
        }
    }

    private static CareerEventsTopic createOrRepair(Admin admin, NewTopic topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            log.info("Created topic {} with {} partitions, keeping every record", topic.name(), topic.numPartitions());
            return new CareerEventsTopic(topic.name(), null);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        try {
            return new CareerEventsTopic(topic.name(), keepEverything(admin, topic.name()));
        } catch (ExecutionException | TimeoutException e) {
            // not retried: the broker answered, and the topic it has cannot be made to keep every record
            throw new IllegalStateException("Could not check or repair the retention of topic " + topic.name(), e);
        }
    }

    /** What an {@link ExecutionException} wraps: the broker's own answer. */
    private static Throwable cause(Throwable failure) {
        return failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** @return what was repaired, or null when the topic already kept everything */
    private static Map<String, Object> keepEverything(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        Map<String, String> found = new TreeMap<>();
        KEEP_EVERYTHING.keySet().forEach(name -> found.put(name, config.get(name).value()));
        if (found.equals(new TreeMap<>(KEEP_EVERYTHING))) {
            return null;
        }
        Map<Integer, Long> logStartOffsets = logStartOffsets(admin, topic);
        Collection<AlterConfigOp> keep = KEEP_EVERYTHING.entrySet().stream()
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(resource, keep)).all().get(10, TimeUnit.SECONDS);
        log.warn("Topic {} did not keep every record ({}); it keeps them forever from now on. Log start offset per"
                        + " partition: {}. Records deleted before now cannot come back: a consumer replaying the topic"
                        + " from the start misses them, and the read side completes those histories from the event store.",
                topic, found.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue())
                        .collect(Collectors.joining(", ")), logStartOffsets);
        Map<String, Object> repair = new LinkedHashMap<>();
        repair.put("found", found);
        repair.put("setTo", new TreeMap<>(KEEP_EVERYTHING));
        repair.put("logStartOffsets", logStartOffsets);
        repair.put("note", "records deleted before the repair cannot come back; the read side completes those histories"
                + " from the event store");
        return repair;
    }

    /** The first offset each partition still holds: above 0 where records were deleted. */
    private static Map<Integer, Long> logStartOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(partition -> earliest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.earliest()));
        Map<Integer, Long> offsets = new TreeMap<>();
        admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, offset) -> offsets.put(partition.partition(), offset.offset()));
        return offsets;
    }

    String name() {
        return topic;
    }

    /** For the publishing health: what the topic keeps, and what start-up repaired. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", topic);
        details.put("retention", "every record, forever");
        if (repair != null) {
            details.put("retentionRepairedAtStartup", repair);
        }
        return details;
    }
}
