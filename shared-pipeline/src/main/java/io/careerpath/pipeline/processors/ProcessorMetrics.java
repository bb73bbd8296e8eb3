package io.careerpath.pipeline.processors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * The metrics a busy processor keeps per event: its throughput ({@code eventProcessor.processedCounter} and the
 * other counters, tagged by payload type and processor) and how far behind it is ({@code eventProcessor.latency},
 * tagged by processor), under the names and tags Axon's dimensional Micrometer set-up gives them.
 *
 * <p>Axon's default set also keeps a timer and a capacity gauge per event. Flight recordings of the benchmark's
 * publishing and catch-up rows put those two at about 15 % of the publisher's and the projection's thread
 * (docs/performance.md), for figures nobody reads: a batch's time is the processor's, not the event's, and the
 * latency says whether a processor keeps up.
 */
public final class ProcessorMetrics {

    private static final String PREFIX = "eventProcessor";

    private ProcessorMetrics() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static MessageMonitor<Message<?>> throughputAndLatency(String processorName, MeterRegistry registry) {
        MessageMonitor<Message<?>> throughput = MessageCountingMonitor.buildMonitor(PREFIX, registry,
                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName(), "processorName", processorName));
        // the latency monitor is typed for event messages; a processor only ever hands it events
        MessageMonitor<Message<?>> latency = (MessageMonitor) EventProcessorLatencyMonitor.builder()
                .meterNamePrefix(PREFIX)
                .meterRegistry(registry)
                .tagsBuilder(message -> Tags.of("processorName", processorName))
                .build();
        return new MultiMessageMonitor<>(List.of(throughput, latency));
    }
}
