package io.careerpath.query.reminders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The daily reminders run ({@code careerpath.reminders.*}, docs/reminders.md).
 *
 * @param enabled   whether the run is scheduled (the cron, and the catch-up at start); the on-demand run works either way
 * @param cron      when the daily run starts (Spring's six-field cron)
 * @param zone      the time zone of {@code cron}
 * @param lease     how long a claimed run may go without news before another instance takes it over (its owner renews
 *                  the lease after every batch)
 * @param batchSize people read and evaluated at a time
 */
@Validated
@ConfigurationProperties("careerpath.reminders")
public record RemindersProperties(
        boolean enabled,
        @NotBlank String cron,
        @NotBlank String zone,
        @NotNull Duration lease,
        @Min(1) @Max(10_000) int batchSize) {
}
