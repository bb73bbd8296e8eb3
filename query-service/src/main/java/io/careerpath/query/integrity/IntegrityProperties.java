package io.careerpath.query.integrity;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the read models are compared with the event store.
 *
 * @param atStart     once the service is ready (after a crash or a restore, this is when drift shows)
 * @param every       then every so often; zero: only at start and on demand
 * @param catchUpWait how long a check waits for the projection to reach the topic's end before comparing
 */
@Validated
@ConfigurationProperties("careerpath.read-models.integrity")
record IntegrityProperties(
        @DefaultValue("true") boolean atStart,
        @NotNull @DefaultValue("1h") Duration every,
        @NotNull @DefaultValue("60s") Duration catchUpWait) {
}
