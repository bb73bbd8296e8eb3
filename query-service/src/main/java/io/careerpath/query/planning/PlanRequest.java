package io.careerpath.query.planning;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.pipeline.upcasting.DeliveryResponsibilityJson;
import io.careerpath.query.api.IdPatterns;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A planning problem as a client states it. Quarters are numbered from 1; quarter 1 starts on the day the plan is
 * made. Everything optional has the default named in its schema.
 */
@Schema(description = "Seats to staff over the coming quarters, for the people of one or more teams; nothing is recorded")
record PlanRequest(
        @NotEmpty @Size(max = 10) @Schema(example = "[\"t1\"]")
        List<@NotNull @Pattern(regexp = IdPatterns.TEAM, message = "must be a team id") String> teams,
        @NotEmpty @Size(max = 50) @Valid List<@NotNull SeatRequest> seats,
        @Min(1) @Max(MAX_QUARTERS) @Schema(description = "quarters planned, from today; default 8", example = "8")
        Integer horizonQuarters,
        @Min(0) @Max(36) @Schema(description = "months a role must last before its holder moves on; default 6")
        Integer minimumMonthsInRole,
        @Min(0) @Max(100) @Schema(description = "moves a team absorbs per quarter; default 2")
        Integer maxMovesPerQuarter,
        @Size(max = 500) @Schema(description = "people who said they do not want a PMO role but have no preference"
                + " recorded. Whoever's recorded preference in force today (PMO_PREFERENCE_STATED) is not willing counts as"
                + " unwilling without being listed; listing someone makes them unwilling for this plan whatever they recorded")
        List<@NotNull @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String> unwilling,
        @Schema(description = "rule id -> weight; rules not named keep their default (see the rules of any answer)")
        Map<String, @NotNull @Valid RuleWeight> weights,
        @Min(1) @Max(MAX_TIME_LIMIT_SECONDS)
        @Schema(description = "the most the solver may search, in seconds; default 10. A safety cap: the search itself stops "
                + "after a fixed amount of work, so that the same request with the same seed gives the same plan")
        Integer timeLimitSeconds,
        @Schema(description = "the solver's random seed; default 0. Same request, same seed: same plan")
        Long seed) {

    static final int MAX_QUARTERS = 16;
    static final int MAX_TIME_LIMIT_SECONDS = 60;

    int horizon() {
        return Objects.requireNonNullElse(horizonQuarters, 8);
    }

    int minimumMonths() {
        return Objects.requireNonNullElse(minimumMonthsInRole, 6);
    }

    int maxMoves() {
        return Objects.requireNonNullElse(maxMovesPerQuarter, 2);
    }

    List<String> unwillingPeople() {
        return unwilling == null ? List.of() : unwilling;
    }

    PlanRequest withUnwilling(List<String> people) {
        return new PlanRequest(teams, seats, horizonQuarters, minimumMonthsInRole, maxMovesPerQuarter, people, weights,
                timeLimitSeconds, seed);
    }

    Map<String, RuleWeight> weightOverrides() {
        return weights == null ? Map.of() : weights;
    }

    int timeLimit() {
        return Objects.requireNonNullElse(timeLimitSeconds, 10);
    }

    long randomSeed() {
        return Objects.requireNonNullElse(seed, 0L);
    }

    /**
     * Seats alike: {@code count} PMO seats of one type, or one troubled program to staff.
     *
     * @param firstQuarter 1 is the quarter that starts today
     */
    @Schema(description = "count seats alike, open from firstQuarter for quarters quarters")
    record SeatRequest(
            @NotNull @Schema(example = "PMO", description = "PMO or TROUBLED_PROGRAM") AssignmentKind kind,
            @Schema(example = "PROGRAM") PmoType pmoType,
            @Size(max = 100) @Schema(description = "what people call it, e.g. the troubled program's name") String name,
            @Min(1) @Max(20) @Schema(description = "how many seats alike; default 1 (a troubled program is always one)")
            Integer count,
            @Min(1) @Max(MAX_QUARTERS) @Schema(description = "default 1: the quarter that starts today") Integer firstQuarter,
            @Min(1) @Max(MAX_QUARTERS) @Schema(description = "how many quarters it is open; default: to the end of the horizon")
            Integer quarters,
            @JsonDeserialize(using = DeliveryResponsibilityJson.class)
            @Schema(implementation = DeliveryResponsibilityJson.Documented.class)
            DeliveryResponsibility deliveryResponsibility,
            @DecimalMin("0") @DecimalMax("100")
            @Schema(description = "administrative load expected in the seat; default: each holder's current load")
            Double adminLoadPercent) {
    }

    /** A rule's weight: at which level it counts, and how much per unit (0 turns it off). */
    @Schema(description = "HARD: never traded (breaking it makes the plan infeasible); MEDIUM: staffing; SOFT: traded by weight")
    record RuleWeight(@NotNull Level level, @NotNull @Min(0) @Max(1_000_000) Integer weight) {

        enum Level { HARD, MEDIUM, SOFT }
    }
}
