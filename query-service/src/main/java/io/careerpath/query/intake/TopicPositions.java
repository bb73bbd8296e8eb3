package io.careerpath.query.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where the projection stands on the topic, and what the topic holds: per partition, the offset of the
 * last record projected, the first record the topic still holds (earlier ones were deleted by retention)
 * and the offset the next record will get.
 */
@Component
public class TopicPositions implements DisposableBean {

    private final ProjectionTokens tokens;
    private final String topic;
    private final Admin admin;

    TopicPositions(ProjectionTokens tokens, KafkaIntakeProperties properties) {
        this.tokens = tokens;
        this.topic = properties.topic();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
    }

    /**
     * The offset of the last record every segment of the projection has passed, per partition (absent: none yet),
     * whichever instance holds the segments; empty before the projection's first start.
     */
    public Optional<Map<TopicPartition, Long>> projected() {
        return tokens.projected();
    }

    /** The offset the next record of each partition will get. */
    public Map<TopicPartition, Long> ends() {
        return offsets(OffsetSpec.latest());
    }

    /** The first offset each partition still holds: records before it were deleted. */
    public Map<TopicPartition, Long> starts() {
        return offsets(OffsetSpec.earliest());
    }

    /** Records published and not yet projected, summed over partitions (deleted records count as passed). */
    public long lag() {
        Map<TopicPartition, Long> processed = projected().orElse(Map.of());
        Map<TopicPartition, Long> ends = ends();
        Map<TopicPartition, Long> starts = null;
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long next = processed.getOrDefault(end.getKey(), -1L) + 1;
            if (next < end.getValue()) {
                starts = starts == null ? starts() : starts;
                next = Math.max(next, starts.getOrDefault(end.getKey(), 0L));
            }
            lag += Math.max(0, end.getValue() - next);
        }
        return lag;
    }

    /**
     * Whether the projection has passed every record that the given end offsets were the end of. Records that
     * retention deleted count as passed: a partition whose every record was deleted before the projection read
     * it is caught up, though the projection holds no position for it (it never will, until a new record comes).
     */
    public boolean projectedUpTo(Map<TopicPartition, Long> ends) {
        return projected().map(processed -> passed(processed, ends)).orElse(false);
    }

    /** As {@link #projectedUpTo(Map)}, given where the projection stands ({@link #projected()}, read once for many). */
    public boolean passed(Map<TopicPartition, Long> processed, Map<TopicPartition, Long> ends) {
        List<TopicPartition> behind = ends.entrySet().stream()
                .filter(end -> processed.getOrDefault(end.getKey(), -1L) + 1 < end.getValue())
                .map(Map.Entry::getKey).toList();
        if (behind.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> starts = starts();
        return behind.stream().allMatch(partition -> starts.getOrDefault(partition, 0L) >= ends.get(partition));
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(3, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                    .all().get(3, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not tell where topic " + topic + " stands: " + e, e);
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
