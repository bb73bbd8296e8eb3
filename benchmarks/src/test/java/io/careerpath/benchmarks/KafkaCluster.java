package io.careerpath.benchmarks;

import io.careerpath.local.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Kafka brokers in KRaft mode, each also a controller, from Kafka's own jars, each in its own JVM
 * ({@link KafkaBroker}): one cluster id, one quorum of all of them, three replicas of every topic.
 */
final class KafkaCluster implements AutoCloseable {

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = brokers;
    }

    /** Starts {@code size} brokers together (a controller waits for a majority of the quorum) and waits for all. */
    static KafkaCluster start(Path dir, int size) {
        List<int[]> ports = new ArrayList<>();
        for (int node = 0; node < size; node++) {
            ports.add(new int[] {freePort(), freePort()});
        }
        String voters = "";
        for (int node = 0; node < size; node++) {
            voters += (node == 0 ? "" : ",") + (node + 1) + "@127.0.0.1:" + ports.get(node)[1];
        }
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBroker> brokers = new ArrayList<>();
        for (int node = 0; node < size; node++) {
            brokers.add(new KafkaBroker(dir.resolve("broker-" + (node + 1)), ports.get(node)[0], ports.get(node)[1],
                    new KafkaBroker.Membership(node + 1, voters, clusterId, Math.min(size, 3))));
        }
        KafkaCluster cluster = new KafkaCluster(brokers);
        try {
            CompletableFuture.allOf(brokers.stream()
                    .map(broker -> CompletableFuture.runAsync(broker::start)).toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static int freePort() {
        try {
            return PlatformBenchmark.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    KafkaBroker broker(int nodeId) {
        return brokers.stream().filter(broker -> broker.nodeId() == nodeId).findFirst().orElseThrow();
    }

    /** The broker that leads most of the topic's partitions: killing it moves the most leaders. */
    KafkaBroker leaderOfMostPartitions(String topic) throws Exception {
        Map<Integer, Long> leaders = partitions(topic).stream()
                .filter(partition -> partition.leader() != null)
                .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
        int nodeId = leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return broker(nodeId);
    }

    /** Whether every partition of the topic has every replica in sync. */
    boolean fullyInSync(String topic) {
        try {
            return partitions(topic).stream().allMatch(partition -> partition.isr().size() == partition.replicas().size());
        } catch (Exception notNow) {
            return false;
        }
    }

    /** Records the topic holds, over all partitions (it keeps every record). */
    long records(String topic) throws Exception {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The offset the next record of each partition will get. */
    Map<TopicPartition, Long> ends(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = describe(admin, topic).stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(topic, partition.partition()), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
        }
    }

    Collection<TopicPartitionInfo> partitions(String topic) throws Exception {
        try (Admin admin = admin()) {
            return describe(admin, topic);
        }
    }

    private static Collection<TopicPartitionInfo> describe(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic);
        return description.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition)).toList();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public void close() {
        brokers.forEach(KafkaBroker::stop);
    }
}
