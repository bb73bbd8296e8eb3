package io.careerpath.query.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the query API answers.
 *
 * @param consistencyWait         how long a query that asks for a sequence not yet projected waits
 *                                for it before answering 503 with Retry-After
 * @param adminOverloadPercent    administrative load at or above which a person is flagged as overloaded
 * @param troubledProgramStreak   consecutive troubled programs from which a person is flagged
 * @param rotateBackWarningMonths how long before the rotate-back date a person is flagged as at risk
 * @param minimumAggregateSize    team aggregates describing fewer people than this are withheld
 */
@Validated
@ConfigurationProperties("careerpath.query")
public record QueryProperties(
        @NotNull Duration consistencyWait,
        @Min(1) @Max(100) int adminOverloadPercent,
        @Min(2) @Max(20) int troubledProgramStreak,
        @Min(0) @Max(24) int rotateBackWarningMonths,
        @Min(1) @Max(100) int minimumAggregateSize) {
}
