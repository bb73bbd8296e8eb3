package io.careerpath.query.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where career events come from.
 *
 * @param bootstrapServers the Kafka cluster
 * @param topic            the topic the command service publishes to (and creates)
 * @param batchSize        events per projection batch: one token write per batch, not per event
 * @param startupTimeout   how long start-up waits for the topic to exist; its partitions are read
 *                         once, at start, so the consumer must not start before it
 * @param maxRetryWait     the longest the projection waits before it tries again after a failure (MongoDB or
 *                         Kafka away): how soon it goes on once they are back (Axon's own is 60 s)
 * @param segments         the projection's segments, and its threads per instance: how many instances (or threads)
 *                         can project at once. A new installation's token store is created with this many; one found
 *                         with another count is split or merged to it while a single instance runs ({@link SegmentBalance})
 * @param balanceInterval  how often each instance beats its heartbeat, gives back a segment beyond its fair share and
 *                         checks for a rebuild's pause ({@link SegmentBalance})
 */
@Validated
@ConfigurationProperties("careerpath.kafka")
record KafkaIntakeProperties(
        @NotBlank String bootstrapServers,
        @NotBlank String topic,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration startupTimeout,
        @DefaultValue("5s") @NotNull Duration maxRetryWait,
        @DefaultValue("2") @Min(1) @Max(32) int segments,
        @DefaultValue("2s") @NotNull Duration balanceInterval) {
}
