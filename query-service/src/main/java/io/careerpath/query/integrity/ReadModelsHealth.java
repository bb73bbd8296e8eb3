package io.careerpath.query.integrity;

import io.careerpath.pipeline.health.TrackingProcessorHealth;
import io.careerpath.query.history.ProjectionAnomalies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code readModels}: whether the read models hold what the event store holds, as the last integrity
 * check found. DEGRADED while people found out of step could not be repaired (the event store was not
 * readable then; the next check tries again); the details say when the check ran, what it found by kind,
 * whether the topic still holds every record the projection has yet to read, and how many events the
 * projection met out of line since start (each repaired from the event store on the spot).
 */
@Component("readModelsHealthIndicator")
class ReadModelsHealth extends AbstractHealthIndicator {

    private final ReadModelIntegrity integrity;
    private final ProjectionAnomalies anomalies;

    ReadModelsHealth(ReadModelIntegrity integrity, ProjectionAnomalies anomalies) {
        this.integrity = integrity;
        this.anomalies = anomalies;
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
        // events the projection met out of line since start, each repaired from the event store on the spot
        Map<String, Long> outOfLine = new LinkedHashMap<>();
        for (ProjectionAnomalies.Kind kind : ProjectionAnomalies.Kind.values()) {
            if (kind != ProjectionAnomalies.Kind.RESENT) {
                outOfLine.put(kind.tag(), (long) anomalies.count(kind.tag()));
            }
        }
        builder.withDetail("projectedOutOfLineSinceStart", outOfLine);
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
