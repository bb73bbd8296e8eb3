package io.careerpath.command.publishing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how career events are published.
 *
 * @param bootstrapServers  the Kafka cluster
 * @param topic             the topic the query side consumes; created here, never by broker auto-creation
 * @param partitions        partitions of that topic: the ceiling on parallel consumers per processor
 * @param replicationFactor replicas of each partition (1 on one machine, 3 in production)
 * @param batchSize         events per publishing batch: the token advances once per batch, after every
 *                          event in it has been acknowledged
 * @param startupTimeout    how long start-up waits for the broker to create or confirm the topic
 * @param noProgressLimit   how long the publisher may publish nothing while events wait before its health is
 *                          DOWN (a batch waits up to 30 s for its acknowledgements)
 * @param maxRetryWait      the longest the publisher waits before it tries again after a failure (the event
 *                          store or Kafka away): how soon it goes on once they are back (Axon's own is 60 s)
 * @param enabled           whether events are published at all (see {@link KafkaPublishingConfiguration})
 */
@Validated
@ConfigurationProperties("careerpath.kafka")
record KafkaPublishingProperties(
        @NotBlank String bootstrapServers,
        @NotBlank String topic,
        @Min(1) @Max(1000) int partitions,
        @Min(1) @Max(5) short replicationFactor,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration startupTimeout,
        @DefaultValue("2m") Duration noProgressLimit,
        @DefaultValue("5s") @NotNull Duration maxRetryWait,
        @DefaultValue("true") boolean enabled) {
}
