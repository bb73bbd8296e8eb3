package io.careerpath.command.publishing;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Kafka is up when the cluster answers and the career-events topic exists. Outside readiness: the service
 * records while Kafka is away (the outbox waits), so the broker's absence must not take it out of traffic.
 */
@Component("kafkaHealthIndicator")
@ConditionalOnProperty(name = "careerpath.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final String topic;

    KafkaHealthIndicator(KafkaPublishingProperties properties) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        this.topic = properties.topic();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
        int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(3, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        builder.up().withDetail("clusterId", clusterId).withDetail("topic", topic).withDetail("partitions", partitions);
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
