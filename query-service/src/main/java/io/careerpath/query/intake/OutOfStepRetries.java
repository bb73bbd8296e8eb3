package io.careerpath.query.intake;

import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.history.PersonOutOfStep;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * People parked only because their read model could not be repaired at that moment (the event store
 * unreachable, or not yet holding what the topic delivered) are retried by themselves, every
 * {@code careerpath.kafka.out-of-step-retry}: such a cause passes. Anything else parked waits for an
 * administrator (a fix, then a retry; or an eviction).
 */
@Component
class OutOfStepRetries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutOfStepRetries.class);
    /** Sequences retried per round at most, so that one round stays short. */
    private static final int PER_ROUND = 100;

    private final Configuration axon;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "out-of-step-retries");
        thread.setDaemon(true);
        return thread;
    });

    OutOfStepRetries(Configuration axon, @Value("${careerpath.kafka.out-of-step-retry:30s}") Duration interval) {
        this.axon = axon;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::retry, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void retry() {
        try {
            SequencedDeadLetterProcessor<EventMessage<?>> parked = axon.eventProcessingConfiguration()
                    .sequencedDeadLetterProcessor(PersonHistoryProjection.PROCESSING_GROUP).orElse(null);
            if (parked == null) {
                return;
            }
            int retried = 0;
            while (retried < PER_ROUND && parked.process(OutOfStepRetries::outOfStep)) {
                retried++;
            }
            if (retried > 0) {
                log.info("{} people parked out of step were projected on retry", retried);
            }
        } catch (RuntimeException e) {
            log.warn("Retrying the people parked out of step failed: {}", e.toString());
        }
    }

    private static boolean outOfStep(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.cause().map(cause -> cause.type().equals(PersonOutOfStep.class.getName())).orElse(false);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
