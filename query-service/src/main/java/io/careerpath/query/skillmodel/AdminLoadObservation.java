package io.careerpath.query.skillmodel;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The share of a person's time pulled into administrative work from {@code effectiveDate} on, until
 * the next observation. Before the first observation the load is taken to be zero.
 *
 * <p>Administrative work displaces practice: every skill is practised at
 * {@code intensity × (1 − percent / 100)}.
 *
 * @param effectiveDate the day the load starts to hold
 * @param percent       share of working time, 0 to 100
 */
public record AdminLoadObservation(LocalDate effectiveDate, double percent) {

    public AdminLoadObservation {
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be within [0, 100], was " + percent);
        }
    }
}
