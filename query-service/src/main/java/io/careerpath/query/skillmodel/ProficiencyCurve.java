package io.careerpath.query.skillmodel;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Proficiency of one skill sampled on ascending dates. Immutable. */
public final class ProficiencyCurve {

    private final List<LocalDate> dates;
    private final double[] values;

    /** {@code values} is taken over, not copied: only the model builds curves. */
    ProficiencyCurve(List<LocalDate> dates, double[] values) {
        if (dates.size() != values.length) {
            throw new IllegalArgumentException(dates.size() + " dates for " + values.length + " values");
        }
        this.dates = dates;
        this.values = values;
    }

    public int size() {
        return values.length;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    public LocalDate date(int index) {
        return dates.get(index);
    }

    /** Proficiency, 0..1, on {@link #date(int) date(index)}. */
    public double value(int index) {
        return values[index];
    }

    /** A copy of the values, in date order. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProficiencyCurve other && dates.equals(other.dates) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * dates.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ProficiencyCurve[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(dates.get(i)).append('=').append(String.format("%.3f", values[i]));
        }
        return text.append(']').toString();
    }
}
