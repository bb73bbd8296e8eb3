package io.careerpath.command.idempotency;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long an {@code Idempotency-Key} answers for its first request, and how its table is kept small.
 *
 * @param keysExpireAfter a key replays its first answer for this long after that request; later the same key
 *                        is a new request (24 hours, as payment APIs keep theirs)
 * @param pruneEvery      how often expired keys are deleted from {@code idempotency_keys}
 * @param pruneBatch      rows deleted per statement: each batch is its own short transaction, so pruning never
 *                        holds many locks while requests run
 */
@Validated
@ConfigurationProperties("careerpath.idempotency")
record IdempotencyProperties(
        @NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration keysExpireAfter,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration pruneEvery,
        @Min(1) @Max(10_000) @DefaultValue("500") int pruneBatch) {
}
