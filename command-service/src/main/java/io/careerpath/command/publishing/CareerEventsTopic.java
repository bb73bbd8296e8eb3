package io.careerpath.command.publishing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher owns the topic: it creates it with the configured partitions before the first event
 * is sent, instead of trusting broker auto-creation (which would pick the broker's defaults, and
 * which production clusters switch off).
 */
final class CareerEventsTopic {

    private static final Logger log = LoggerFactory.getLogger(CareerEventsTopic.class);

    private CareerEventsTopic() {
    }

    static void ensureExists(KafkaPublishingProperties properties) {
        long deadline = System.nanoTime() + properties.startupTimeout().toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor());
            while (true) {
                try {
                    admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                    log.info("Created topic {} with {} partitions", properties.topic(), properties.partitions());
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    waitOrFail(deadline, properties, e.getCause());
                } catch (TimeoutException e) {
                    waitOrFail(deadline, properties, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + properties.topic(), e);
        }
    }

    private static void waitOrFail(long deadline, KafkaPublishingProperties properties, Throwable cause)
            throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka at " + properties.bootstrapServers() + " did not confirm topic "
                    + properties.topic() + " within " + properties.startupTimeout(), cause);
        }
        log.warn("Waiting for Kafka at {} to create topic {}: {}", properties.bootstrapServers(), properties.topic(),
                cause.toString());
        Thread.sleep(1_000);
    }
}
