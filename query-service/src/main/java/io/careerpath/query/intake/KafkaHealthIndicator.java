package io.careerpath.query.intake;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Kafka is up when the cluster answers and the career-events topic exists. Outside readiness: reads are answered
 * from MongoDB while Kafka is away, each saying how stale it may be ({@link ReadModelStaleness}).
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final String topic;

    KafkaHealthIndicator(KafkaIntakeProperties properties) {
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
