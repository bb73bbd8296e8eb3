package io.careerpath.query.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * How far the projections trail the topic, in events: the records published but not yet projected,
 * summed over partitions. (How far in seconds is Axon's {@code eventProcessor.latency} metric.)
 * Computed when scraped, at most every two seconds.
 */
@Component
class ProjectionLag implements DisposableBean {

    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final Configuration axon;
    private final String topic;
    private final Admin admin;
    private volatile long lastComputed;
    private volatile double lastLag = Double.NaN;

    ProjectionLag(Configuration axon, KafkaIntakeProperties properties, MeterRegistry meters) {
        this.axon = axon;
        this.topic = properties.topic();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        Gauge.builder("careerpath.projection.lag.events", this, ProjectionLag::events)
                .description("career events published to Kafka and not yet projected")
                .register(meters);
    }

    synchronized double events() {
        if (System.nanoTime() - lastComputed < REFRESH.toNanos()) {
            return lastLag;
        }
        lastComputed = System.nanoTime();
        try {
            TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(Projections.PROCESSING_GROUP, TrackingEventProcessor.class).orElse(null);
            if (processor == null || processor.processingStatus().isEmpty()) {
                return lastLag = Double.NaN;
            }
            EventTrackerStatus status = processor.processingStatus().values().iterator().next();
            // unwrapped: while catching up with what the topic held at its first start the token is a ReplayToken
            Map<TopicPartition, Long> processed = KafkaTrackingToken.from(
                    WrappedToken.unwrapLowerBound(status.getTrackingToken())).getPositions();
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(3, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                    .all().get(3, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                long next = processed.getOrDefault(partition, -1L) + 1;
                lag += Math.max(0, ends.get(partition).offset() - next);
            }
            return lastLag = lag;
        } catch (Exception e) {
            return lastLag = Double.NaN;
        } finally {
            lastComputed = System.nanoTime();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
