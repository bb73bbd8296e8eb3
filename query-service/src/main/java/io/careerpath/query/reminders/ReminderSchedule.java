package io.careerpath.query.reminders;

import io.careerpath.query.api.AsOf;
import io.careerpath.query.intake.ReadModelStaleness;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the daily run happens by itself ({@code careerpath.reminders.enabled}): every instance fires on the cron and
 * the claim lets one of them run the day; and once at start, as soon as the read models have caught up with the
 * topic, today is run if no instance has run it yet (the service was down at the cron's hour, say).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "careerpath.reminders.enabled", havingValue = "true", matchIfMissing = true)
class ReminderSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);
    /** How often the start-up catch-up looks whether the read models have caught up. */
    private static final Duration CATCH_UP_CHECK = Duration.ofSeconds(5);

    private final DailyReminders reminders;
    private final AsOf asOf;
    private final ObjectProvider<ReadModelStaleness> staleness;
    private final TaskScheduler scheduler;
    private final AtomicReference<ScheduledFuture<?>> catchUp = new AtomicReference<>();

    ReminderSchedule(DailyReminders reminders, AsOf asOf, ObjectProvider<ReadModelStaleness> staleness,
                     TaskScheduler scheduler) {
        this.reminders = reminders;
        this.asOf = asOf;
        this.staleness = staleness;
        this.scheduler = scheduler;
    }

    @Scheduled(cron = "${careerpath.reminders.cron}", zone = "${careerpath.reminders.zone}")
    void daily() {
        runToday("scheduled");
    }

    /** Today's run at start, once the read models hold what the topic held: not on half-projected figures. */
    @EventListener(ApplicationReadyEvent.class)
    void catchUpAtStart() {
        catchUp.set(scheduler.scheduleWithFixedDelay(() -> {
            ReadModelStaleness lag = staleness.getIfAvailable();
            if (lag == null || lag.lagSeconds().isPresent()) {
                catchUp.get().cancel(false);
                runToday("catch-up at start");
            }
        }, Instant.now().plus(CATCH_UP_CHECK), CATCH_UP_CHECK));
    }

    private void runToday(String why) {
        try {
            DailyReminders.Outcome outcome = reminders.run(asOf.today());
            log.debug("Reminders run ({}): {}", why, outcome);
        } catch (RuntimeException e) {
            // the next cron (or another instance, once the lease expires) tries again
            log.warn("Reminders run ({}) failed: {}", why, e.toString());
        }
    }
}
