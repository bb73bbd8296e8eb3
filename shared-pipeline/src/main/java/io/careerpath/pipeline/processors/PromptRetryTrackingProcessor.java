package io.careerpath.pipeline.processors;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * A tracking event processor that retries promptly once the component it failed on is back.
 *
 * <p>Axon's tracking processor waits after an error before it tries again, doubling the wait from 1 s up to a
 * fixed 60 s (and the same when it cannot even read its segments from the token store). After an outage of a
 * minute or more, the processor would sit out up to another minute after the database, MongoDB or Kafka came
 * back, with its health DOWN and its work waiting. Here every such wait is capped at {@code maxRetryWait}:
 * while the component is away this costs one failed attempt per {@code maxRetryWait}, and the processor goes on
 * within that time of its return. Axon documents {@link #doSleepFor} as the place to change how it sleeps.
 */
public class PromptRetryTrackingProcessor extends TrackingEventProcessor {

    private final long maxRetryWaitMillis;

    protected PromptRetryTrackingProcessor(Builder builder, Duration maxRetryWait) {
        super(builder);
        this.maxRetryWaitMillis = maxRetryWait.toMillis();
    }

    /**
     * Registers processor {@code name} as {@link EventProcessingConfigurer#registerTrackingEventProcessor} does,
     * with the same components from the configuration (error handler, token store, transaction manager, monitor),
     * but retrying within {@code maxRetryWait}.
     */
    public static EventProcessingConfigurer register(
            EventProcessingConfigurer processing, String name,
            Function<Configuration, StreamableMessageSource<TrackedEventMessage<?>>> source,
            Function<Configuration, TrackingEventProcessorConfiguration> settings, Duration maxRetryWait) {
        return processing.registerEventProcessor(name, (processorName, configuration, handlers) -> {
            var eventProcessing = configuration.eventProcessingConfiguration();
            Builder builder = TrackingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(handlers)
                    .rollbackConfiguration(eventProcessing.rollbackConfiguration(processorName))
                    .errorHandler(eventProcessing.errorHandler(processorName))
                    .messageMonitor(eventProcessing.messageMonitor(TrackingEventProcessor.class, processorName))
                    .messageSource(source.apply(configuration))
                    .tokenStore(eventProcessing.tokenStore(processorName))
                    .transactionManager(eventProcessing.transactionManager(processorName))
                    .trackingEventProcessorConfiguration(settings.apply(configuration))
                    .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class));
            return new PromptRetryTrackingProcessor(builder, maxRetryWait);
        });
    }

    /** The wait after a failed batch. */
    @Override
    protected void doSleepFor(long millisToSleep) {
        super.doSleepFor(Math.min(millisToSleep, maxRetryWaitMillis));
    }

    /** The wait after a failure to read the token store's segments (and between claims, 5 s by default). */
    @Override
    protected void doSleepFor(long millisToSleep, AtomicBoolean interruptFlag) {
        super.doSleepFor(Math.min(millisToSleep, maxRetryWaitMillis), interruptFlag);
    }
}
