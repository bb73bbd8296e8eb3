package io.careerpath.query.integrity;

import io.careerpath.pipeline.health.TrackingProcessorHealth;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code readModels}: whether the read models hold what the event store holds, as the last integrity
 * check found. DEGRADED while people found out of step could not be repaired (the event store was not
 * readable then; the next check tries again); the details say when the check ran, what it found by kind,
 * and whether the topic still holds every record the projection has yet to read.
 */
@Component("readModelsHealthIndicator")
class ReadModelsHealth extends AbstractHealthIndicator {

    private final ReadModelIntegrity integrity;

    ReadModelsHealth(ReadModelIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        IntegrityReport report = integrity.lastReport();
        builder.withDetail("lastCheck", report.state());
        if (report.finishedAt() != null) {
            builder.withDetail("checkedAt", report.finishedAt().toString())
                    .withDetail("peopleChecked", report.peopleChecked())
                    .withDetail("outOfStep", report.outOfStepByKind())
                    .withDetail("repaired", report.repaired());
        }
        if (report.topic() != null) {
            builder.withDetail("topicHoldsEverything", report.topic().holdsEverything());
        }
        if (report.notRepaired() > 0) {
            builder.status(TrackingProcessorHealth.DEGRADED).withDetail("notRepaired", report.notRepaired());
        } else {
            builder.up();
        }
    }
}
