package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A topic found keeping records for a limited time (the broker's default is 7 days) is repaired at start-up:
 * here the topic exists before the service starts, with a one-second retention and small segments, and the
 * broker has really deleted its oldest records. The service sets it to keep everything, warns with the old
 * setting and each partition's log start offset, and its publishing health shows the repair.
 */
@ExtendWith(OutputCaptureExtension.class)
class TopicRetentionTest extends PublisherTest {

    private static final String TOPIC = "career-events-retention";
    private static RealBroker broker;
    private static long deletedFromPartitionZero;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) throws Exception {
        // the broker looks for records past their retention every 200 ms instead of every 5 minutes
        broker = RealBroker.start(Map.of("log.retention.check.interval.ms", "200", "log.segment.delete.delay.ms", "0"));
        deletedFromPartitionZero = topicThatHasForgotten();
        properties.add("careerpath.kafka.bootstrap-servers", broker::bootstrapServers);
        properties.add("careerpath.kafka.topic", () -> TOPIC);
        properties.add("spring.datasource.url", () -> eventStore("retention"));
    }

    /** Creates the topic with a 1 s retention and fills partition 0 until the broker deleted some of it. */
    private static long topicThatHasForgotten() throws Exception {
        try (Admin admin = broker.admin();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "1000",
                    TopicConfig.SEGMENT_BYTES_CONFIG, "1024")))).all().get(10, TimeUnit.SECONDS);
            TopicPartition zero = new TopicPartition(TOPIC, 0);
            long[] logStart = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "old-" + i, new byte[200])).get();
                }
                logStart[0] = admin.listOffsets(Map.of(zero, OffsetSpec.earliest())).all().get(10, TimeUnit.SECONDS)
                        .get(zero).offset();
                return logStart[0] > 0;
            });
            return logStart[0];
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aTopicThatForgetsIsSetToKeepEveryRecordAtStartUp() throws Exception {
        Config config = broker.topicConfig(TOPIC);

        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
    }

    @Test
    void theRepairIsWarnedWithTheOldSettingAndWhereEachPartitionNowStarts(CapturedOutput output) {
        assertThat(output.getOut()).contains("WARN").contains("Topic " + TOPIC + " did not keep every record")
                .contains("retention.ms=1000")
                .containsPattern("Log start offset per partition: \\{0=[1-9][0-9]*, 1=0, 2=0}")
                .contains("Records deleted before now cannot come back");
    }

    @Test
    void thePublishingHealthShowsTheRepair() throws Exception {
        JsonNode repair = health("").path("components").path("publishing").path("components").path("outbox")
                .path("details").path("retentionRepairedAtStartup");

        assertThat(repair.path("found").path(TopicConfig.RETENTION_MS_CONFIG).asText()).as(repair.toString()).isEqualTo("1000");
        assertThat(repair.path("setTo").path(TopicConfig.RETENTION_MS_CONFIG).asText()).isEqualTo("-1");
        // the broker went on deleting until the repair: at least what the test saw deleted
        assertThat(repair.path("logStartOffsets").path("0").asLong()).isGreaterThanOrEqualTo(deletedFromPartitionZero);
        assertThat(deletedFromPartitionZero).isPositive();
        assertThat(repair.path("note").asText()).contains("cannot come back");
    }
}
