package io.careerpath.query.skillmodel;

/**
 * Every number the skill model uses, with a cited or documented default (see docs/skill-model.md).
 *
 * <p>Proficiency is on a 0..1 scale; durations are in mean Gregorian months (30.436875 days). The
 * record is meant to be bound from configuration, so it holds plain numbers only and
 * rejects a bad value at construction with an {@link IllegalArgumentException} naming the parameter.
 *
 * @param halfLifeMonths          months of complete disuse after which half of the gain above the baseline
 *                                is lost (Tatel &amp; Ackerman 2025: 6.5 accuracy, 11 mixed, 13 speed)
 * @param decayExponent           shape {@code f} of the power-law forgetting curve {@code (1 + h·t)^(−f)}
 *                                (Wixted &amp; Ebbesen 1991, 1997); {@code h} follows from the half-life
 * @param floorFraction           share of the gain above the baseline that is never forgotten (Bahrick 1984);
 *                                below 0.5, otherwise half of the gain could never be lost
 * @param baselineProficiency     proficiency of a skill never practised nor assessed (level 1 on the scale)
 * @param ceiling                 the level full practice tends to, with diminishing returns
 * @param learningRatePerMonth    rate {@code r} of the pull towards the sustained level, per month and per
 *                                unit of effective intensity
 * @param relearningBoost         extra pull {@code κ} on the part of the gap below the peak already reached
 *                                (relearning is faster than first learning: Mincer &amp; Ofek; Globerson et al.)
 * @param fullPracticeIntensity   effective intensity at and above which practice sustains the ceiling and
 *                                stops the disuse clock; lower intensities sustain a proportionally lower level
 * @param rotateBackRetention     delivery retention (current/peak) below which a person should rotate back
 * @param forecastHorizonMonths   how far ahead the rotate-back date is searched
 * @param currencyPracticeMonths  months of delivery practice (time × effective intensity) needed within the
 *                                window to be current (in the spirit of 14 CFR 61.57, NMC, PMP)
 * @param currencyWindowMonths    the look-back window of the currency rule
 * @param trendWindowMonths       the look-back over which the trend (change per month) is measured
 */
public record SkillModelParameters(
        double halfLifeMonths,
        double decayExponent,
        double floorFraction,
        double baselineProficiency,
        double ceiling,
        double learningRatePerMonth,
        double relearningBoost,
        double fullPracticeIntensity,
        double rotateBackRetention,
        int forecastHorizonMonths,
        double currencyPracticeMonths,
        int currencyWindowMonths,
        int trendWindowMonths) {

    /** Longest horizon or window accepted: a century, to keep loops bounded. */
    private static final int MAX_MONTHS = 1200;

    public SkillModelParameters {
        requireInRange("halfLifeMonths", halfLifeMonths, 0.1, MAX_MONTHS);
        requireInRange("decayExponent", decayExponent, 0.01, 10);
        // Strictly below 0.5: the half-life is "half of the gain lost", impossible if half is kept forever.
        requireInRange("floorFraction", floorFraction, 0, 0.49);
        requireInRange("ceiling", ceiling, 0.01, 1);
        if (!(baselineProficiency >= 0 && baselineProficiency < ceiling)) {
            throw new IllegalArgumentException("baselineProficiency must be within [0, ceiling = " + ceiling
                    + "), was " + baselineProficiency);
        }
        requireInRange("learningRatePerMonth", learningRatePerMonth, 0.0001, 10);
        requireInRange("relearningBoost", relearningBoost, 0, 100);
        requireInRange("fullPracticeIntensity", fullPracticeIntensity, 0.01, 1);
        requireInRange("rotateBackRetention", rotateBackRetention, 0.01, 0.99);
        requireInRange("forecastHorizonMonths", forecastHorizonMonths, 1, MAX_MONTHS);
        requireInRange("currencyWindowMonths", currencyWindowMonths, 1, MAX_MONTHS);
        requireInRange("currencyPracticeMonths", currencyPracticeMonths, 0, currencyWindowMonths);
        requireInRange("trendWindowMonths", trendWindowMonths, 1, MAX_MONTHS);
    }

    /** The defaults documented, with their sources, in docs/skill-model.md. */
    public static SkillModelParameters defaults() {
        return new SkillModelParameters(
                11.0,  // Tatel & Ackerman 2025, mixed measures
                1.0,   // hyperbolic member of the Wixted & Ebbesen power family: modelling choice
                0.25,  // Bahrick 1984 shows a floor; its height for PM skills is a modelling choice
                0.1,   // level 1 (awareness) on the assessment scale
                1.0,
                0.04,  // three years of full-time delivery take a novice to about level 4 (0.7)
                2.0,   // below the previous peak, the gap closes three times as fast
                0.5,   // half of one's time on a skill is full practice
                0.6,   // about where half of a typical delivery gain is gone
                120,
                6.0,   // about 7½ months in a delivery role within 3 years; NMC asks 450 h in 3 years
                36,    // the 3-year cycles of NMC revalidation and PMP renewal
                3);
    }

    private static void requireInRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], was " + value);
        }
    }
}
