package io.careerpath.pipeline.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The gauge {@value #NAME}: letters parked per processing group and cause type, counted every
 * {@code refresh} (one count query per group while nothing is parked). A cause once seen stays at 0 when
 * its letters are gone, so that a dashboard sees the series fall instead of vanish.
 */
class DeadLetterMetrics implements MeterBinder, DisposableBean {

    static final String NAME = "careerpath.dead-letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final DeadLetterAdministration deadLetters;
    private final Duration refresh;
    private final Map<String, Set<String>> seenCauses = new HashMap<>();
    private ScheduledExecutorService counting;

    DeadLetterMetrics(DeadLetterAdministration deadLetters, Duration refresh) {
        this.deadLetters = deadLetters;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (deadLetters.processingGroups().isEmpty()) {
            return;
        }
        MultiGauge gauge = MultiGauge.builder(NAME)
                .description("Events parked in a processing group's dead-letter queue, by cause type")
                .baseUnit("letters")
                .register(registry);
        counting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-metrics");
            thread.setDaemon(true);
            return thread;
        });
        // the first count once the processors have had time to start; the queues exist only then
        counting.scheduleWithFixedDelay(() -> count(gauge), refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void count(MultiGauge gauge) {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String group : deadLetters.processingGroups()) {
                Map<String, Long> counts = deadLetters.countsByCause(group);
                Set<String> causes = seenCauses.computeIfAbsent(group, g -> new TreeSet<>());
                causes.addAll(counts.keySet());
                causes.forEach(cause -> rows.add(MultiGauge.Row.of(Tags.of("processingGroup", group, "cause", cause),
                        counts.getOrDefault(cause, 0L))));
            }
            gauge.register(rows, true);
        } catch (RuntimeException e) {
            log.warn("Could not count the dead letters: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        if (counting != null) {
            counting.shutdownNow();
        }
    }
}
