package io.careerpath.query.planning;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted plans are compared with what is recorded.
 *
 * @param driftGrace   how long around a planned quarter's start a move may be recorded late (or early) before the
 *                     person counts as off plan: a plan says "from quarter 3", a move is recorded on the day it happened
 * @param plansRefresh how often each instance reads the accepted plans again, so that a plan accepted on another
 *                     instance shows its drift here within this time
 */
@Validated
@ConfigurationProperties("careerpath.planning")
record PlanningProperties(@NotNull Duration driftGrace, @NotNull Duration plansRefresh) {
}
