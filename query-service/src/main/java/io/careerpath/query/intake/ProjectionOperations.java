package io.careerpath.query.intake;

import io.careerpath.pipeline.deadletters.DeadLetterAdministration;
import io.careerpath.pipeline.deadletters.DeadLetterConfiguration;
import io.careerpath.pipeline.deadletters.ProcessingGroupDeadLetters;
import io.careerpath.pipeline.health.ProcessorState;
import io.careerpath.pipeline.health.TrackingProcessorHealth;
import io.careerpath.query.history.PersonHistoryProjection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What an operator sees of the projection: its health ({@code projection}: DOWN when stuck or in error,
 * DEGRADED while people are parked) and the administration of its dead letters
 * ({@code /api/admin/dead-letters}, shared with the command service's publisher).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Import(DeadLetterConfiguration.class)
class ProjectionOperations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOperations.class);

    @Bean
    ProcessingGroupDeadLetters projectionDeadLetters(Configuration axon) {
        return ProcessingGroupDeadLetters.of(PersonHistoryProjection.PROCESSING_GROUP, axon::eventProcessingConfiguration);
    }

    @Bean
    HealthIndicator projectionHealthIndicator(Configuration axon, TopicPositions positions, ProjectionTokens tokens,
                                              DeadLetterAdministration deadLetters,
                                              @Value("${careerpath.kafka.no-progress-limit:60s}") Duration noProgressLimit) {
        return TrackingProcessorHealth.forState(PersonHistoryProjection.PROCESSING_GROUP, () -> everywhere(axon, tokens))
                .waitingWork(() -> {
                    try {
                        return positions.lag();
                    } catch (RuntimeException kafkaAway) {
                        // how much waits is unknown while Kafka is away (its own indicator says so): not stuck
                        log.debug("Projection lag unknown: {}", kafkaAway.toString());
                        return 0;
                    }
                })
                .noProgressLimit(noProgressLimit)
                .deadLetters(() -> deadLetters.countsByCause(PersonHistoryProjection.PROCESSING_GROUP))
                .build();
    }

    /**
     * This instance's processor (running, in error, the segments it holds), with the position of the projection as a
     * whole: the sum of every segment's offsets, whichever instance holds them. An instance that holds no segment
     * (another instance holds them all) thus sees the projection's progress, and is not taken for stuck; a
     * projection that makes none is, on every instance.
     */
    private static Optional<ProcessorState> everywhere(Configuration axon, ProjectionTokens tokens) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(PersonHistoryProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(ProcessorState::of)
                .map(here -> {
                    List<ProjectionTokens.SegmentToken> segments = tokens.segments();
                    OptionalLong position = segments.isEmpty() ? OptionalLong.empty() : OptionalLong.of(segments.stream()
                            .flatMap(segment -> segment.positions().values().stream()).mapToLong(Long::longValue).sum());
                    return new ProcessorState(here.running(), here.stoppedByError(), here.segmentsClaimed(), position,
                            here.retrying());
                });
    }
}
