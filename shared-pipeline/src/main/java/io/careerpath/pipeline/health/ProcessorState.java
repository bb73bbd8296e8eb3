package io.careerpath.pipeline.health;

import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * What {@link TrackingProcessorHealth} reads of a processor at one moment, whether it is one of Axon's streaming
 * processors (the projection) or a loop of the service's own (the command side's Kafka forwarder).
 *
 * @param running         whether it runs at all
 * @param stoppedByError  whether it stopped for good after an error
 * @param segmentsClaimed how many of its segments this instance holds
 * @param position        the sum of the positions of the segments claimed here; empty while it holds none
 * @param retrying        the failure it is retrying after, or null
 */
public record ProcessorState(boolean running, boolean stoppedByError, int segmentsClaimed, OptionalLong position,
                             Throwable retrying) {

    /** Axon's view of a streaming processor: a segment in error is retrying its batch. */
    public static ProcessorState of(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long sum = 0;
        boolean any = false;
        Throwable retrying = null;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong current = status.getCurrentPosition();
            if (current.isPresent()) {
                sum += current.getAsLong();
                any = true;
            }
            if (retrying == null && status.isErrorState()) {
                retrying = status.getError() != null ? status.getError() : new IllegalStateException("unknown");
            }
        }
        return new ProcessorState(processor.isRunning(), processor.isError(), segments.size(),
                any ? OptionalLong.of(sum) : OptionalLong.empty(), retrying);
    }
}
