package io.careerpath.pipeline.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Kafka is up when the cluster answers and the career-events topic exists; both services report it as
 * {@code kafka} (a bean named {@code kafkaHealthIndicator}). Outside readiness in both: the command service
 * records while Kafka is away (its publisher waits), and the query service answers from MongoDB, each read
 * saying how stale it may be. So the broker's absence must not take either out of traffic.
 */
public final class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    /** The bean name both services give it, so that the indicator is {@code kafka} in /actuator/health. */
    public static final String BEAN_NAME = "kafkaHealthIndicator";

    private final Admin admin;
    private final String topic;

    public KafkaHealthIndicator(String bootstrapServers, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        this.topic = topic;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(3, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        builder.up().withDetail("clusterId", clusterId).withDetail("topic", topic).withDetail("partitions", partitions);
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
