package io.careerpath.query.webhooks;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reminders by webhook ({@code careerpath.webhooks.*}; docs/reminders.md#webhooks).
 *
 * @param pollInterval   how often each instance looks for deliveries due (0: only when asked, for tests)
 * @param firstRetryDelay the wait after a first failed attempt; each later wait is {@code backoffFactor} times the last
 * @param backoffFactor  how much longer each wait is than the one before
 * @param maxAttempts    attempts before a delivery is given up as failed (the defaults retry for about 45 hours)
 * @param connectTimeout how long an attempt waits to connect to the receiver
 * @param readTimeout    how long an attempt waits for the receiver's answer once connected
 * @param lease          how long a claimed delivery stays with the instance that claimed it; after that (the
 *                       instance died mid-send) another instance takes it over. Longer than an attempt can last
 */
@Validated
@ConfigurationProperties("careerpath.webhooks")
record WebhookProperties(@DefaultValue("5s") Duration pollInterval,
                         @DefaultValue("30s") Duration firstRetryDelay,
                         @DefaultValue("4") @DecimalMin("1.0") double backoffFactor,
                         @DefaultValue("8") @Min(1) int maxAttempts,
                         @DefaultValue("5s") Duration connectTimeout,
                         @DefaultValue("10s") Duration readTimeout,
                         @DefaultValue("2m") Duration lease) {

    WebhookProperties {
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("careerpath.webhooks.lease must be longer than connect-timeout plus "
                    + "read-timeout: otherwise a second instance could send an attempt still under way");
        }
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration retryDelayAfter(int attempt) {
        return Duration.ofMillis(Math.round(firstRetryDelay.toMillis() * Math.pow(backoffFactor, attempt - 1)));
    }
}
