package io.careerpath.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, Kafka's own server code) inside the test JVM, one per test class, with the
 * Admin API and a plain consumer to look at what the publisher did to the topic.
 */
final class RealBroker implements AutoCloseable {

    /** A record on the topic, as a consumer sees it. */
    record Published(String key, String eventId, int partition, long offset, int size) {
    }

    private final EmbeddedKafkaKraftBroker broker;

    private RealBroker(Map<String, String> brokerProperties) {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(brokerProperties);
        broker.afterPropertiesSet();
    }

    static RealBroker start(Map<String, String> brokerProperties) {
        return new RealBroker(brokerProperties);
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        }
    }

    void setTopicConfig(String topic, String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(name, value),
                    AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        }
    }

    /** Every record the topic holds now, partition by partition in offset order. */
    List<Published> records(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Published> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " up to " + ends);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader("axon-message-id");
                    records.add(new Published(record.key(), id == null ? null : new String(id.value(), StandardCharsets.UTF_8),
                            record.partition(), record.offset(), record.serializedValueSize()));
                }
            }
            return records;
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
