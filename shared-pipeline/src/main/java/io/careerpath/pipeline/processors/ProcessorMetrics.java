package io.careerpath.pipeline.processors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
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

    /**
     * The same counters and latency for a processor of the service's own that handles whole batches (the command
     * side's Kafka forwarder): counted once per batch and payload type instead of once per event, which in the
     * forwarder's flight recordings cost a tenth of its thread (registry look-ups per event).
     */
    public static BatchMetrics perBatch(String processorName, MeterRegistry registry) {
        return new BatchMetrics(processorName, registry, Clock.systemUTC());
    }

    public static final class BatchMetrics {

        private final String processorName;
        private final MeterRegistry registry;
        private final Clock clock;
        private final AtomicLong latencyMillis = new AtomicLong();

        private BatchMetrics(String processorName, MeterRegistry registry, Clock clock) {
            this.processorName = processorName;
            this.registry = registry;
            this.clock = clock;
            Gauge.builder(PREFIX + ".latency", latencyMillis, AtomicLong::get)
                    .tags(Tags.of("processorName", processorName)).register(registry);
        }

        /** A batch done, in the order it was read: each event went through or was ignored (parked, say). */
        public void report(List<? extends EventMessage<?>> batch, Predicate<? super EventMessage<?>> wentThrough) {
            Map<String, Integer> handled = new TreeMap<>();
            Map<String, Integer> ignored = new TreeMap<>();
            for (EventMessage<?> event : batch) {
                (wentThrough.test(event) ? handled : ignored).merge(event.getPayloadType().getSimpleName(), 1, Integer::sum);
            }
            count(handled, ".successCounter");
            count(ignored, ".ignoredCounter");
            if (!batch.isEmpty()) {
                Instant latest = batch.get(batch.size() - 1).getTimestamp();
                latencyMillis.set(Math.max(0, clock.millis() - latest.toEpochMilli()));
            }
        }

        private void count(Map<String, Integer> byType, String outcome) {
            byType.forEach((type, count) -> {
                Tags tags = Tags.of("payloadType", type, "processorName", processorName);
                for (String counter : List.of(".ingestedCounter", outcome, ".processedCounter")) {
                    Counter.builder(PREFIX + counter).tags(tags).register(registry).increment(count);
                }
            });
        }
    }
}
