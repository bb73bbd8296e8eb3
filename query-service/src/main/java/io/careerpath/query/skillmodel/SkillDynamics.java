package io.careerpath.query.skillmodel;

/**
 * The law one skill follows over time (docs/skill-model.md has the formulas and their sources).
 *
 * <p>Practice at effective intensity {@code e} sustains a level
 * {@code S(e) = baseline + (ceiling − baseline) · u}, with {@code u = min(1, e / fullPracticeIntensity)}.
 * <ul>
 *   <li>Below {@code S(e)} the skill is pulled up towards it at rate {@code r·e} (diminishing returns);
 *       the part of the gap below the peak already reached is pulled {@code 1 + κ} times as hard
 *       (relearning).</li>
 *   <li>Above {@code max(floor, S(e))} it decays along the power law
 *       {@code (1 + h·τ)^(−f)}, where {@code τ} is the disuse clock: months without practice, which
 *       partial practice runs at {@code 1 − u}. The floor is {@code baseline + φ·(peak − baseline)}.</li>
 * </ul>
 * Each step applies the exact power-law decay over its disuse time and a backward-Euler step of the
 * pull, so no step can overshoot its target whatever its length.
 */
final class SkillDynamics {

    /** A month is a unit of duration here: the mean Gregorian month. */
    static final double DAYS_PER_MONTH = 365.2425 / 12;

    /**
     * Integration grid: steps of at most 15 days, anchored at each change of inputs. Events fall on
     * grid points, so a date's value never depends on which other dates are asked for.
     */
    static final int STEP_DAYS = 15;

    private final double baseline;
    private final double ceiling;
    private final double floorFraction;
    private final double learningRate;
    private final double relearningBoost;
    private final double fullPracticeIntensity;
    private final double exponent;
    /** {@code h} of the power law, chosen so that half of the gain is gone after one half-life. */
    private final double steepness;

    SkillDynamics(SkillModelParameters p) {
        baseline = p.baselineProficiency();
        ceiling = p.ceiling();
        floorFraction = p.floorFraction();
        learningRate = p.learningRatePerMonth();
        relearningBoost = p.relearningBoost();
        fullPracticeIntensity = p.fullPracticeIntensity();
        exponent = p.decayExponent();
        // Only the part above the floor decays: when half of the gain is gone, the share
        // 1 − 0.5/(1 − φ) of that part is left, so (1 + h·T½)^(−f) must equal it.
        double decayingShareLeft = 1 - 0.5 / (1 - floorFraction);
        steepness = (Math.pow(decayingShareLeft, -1 / exponent) - 1) / p.halfLifeMonths();
    }

    /** The state of one skill; mutable so that a whole career is walked without allocating. */
    static final class State {
        double level;
        double peak;
        /** The disuse clock τ, in months. */
        double disuse;

        void copyFrom(State other) {
            level = other.level;
            peak = other.peak;
            disuse = other.disuse;
        }
    }

    void start(State s) {
        s.level = baseline;
        s.peak = baseline;
        s.disuse = 0;
    }

    /** The level below which disuse never takes a skill that has reached {@code peak}. */
    double floor(double peak) {
        return baseline + floorFraction * Math.max(0, peak - baseline);
    }

    /**
     * An observation of a level whose band is {@code [low, high]}: a modelled level inside the band
     * agrees with it and is kept (re-anchoring it at the band's middle would make a confirming
     * observation move the curve, down as often as up); one outside the band is replaced by
     * {@code level}, the band's middle. The disuse clock keeps running unless the level is a new
     * peak: the history still says how long the skill has been idle.
     */
    void observe(State s, double level, double low, double high) {
        if (s.level >= low && s.level <= high) {
            return;
        }
        s.level = level;
        if (level >= s.peak) {
            s.peak = level;
            s.disuse = 0;
        }
    }

    /** Advances {@code s} by {@code days} of practice at effective intensity {@code intensity}. */
    void step(State s, double intensity, double days) {
        if (days <= 0) {
            return;
        }
        double months = days / DAYS_PER_MONTH;
        double use = Math.min(1, intensity / fullPracticeIntensity);
        double sustained = baseline + (ceiling - baseline) * use;
        if (intensity > 0 && s.level < sustained) {
            practise(s, intensity, months, sustained);
        } else {
            decay(s, months * (1 - use), Math.max(floor(s.peak), sustained));
        }
    }

    private void decay(State s, double idleMonths, double asymptote) {
        if (idleMonths <= 0 || s.level <= asymptote) {
            return;
        }
        double ratio = (1 + steepness * (s.disuse + idleMonths)) / (1 + steepness * s.disuse);
        double left = exponent == 1 ? 1 / ratio : Math.pow(ratio, -exponent);
        s.level = asymptote + (s.level - asymptote) * left;
        s.disuse += idleMonths;
    }

    private void practise(State s, double intensity, double months, double sustained) {
        double before = s.level;
        double pull = learningRate * intensity * months;
        double relearnedUpTo = Math.min(s.peak, sustained);
        double after;
        if (before < relearnedUpTo && relearningBoost > 0) {
            // dP/dt = r·e·[(S − P) + κ·(q − P)]: a pull of r·e·(1 + κ) towards a point between q and S.
            double target = (sustained + relearningBoost * relearnedUpTo) / (1 + relearningBoost);
            double k = pull * (1 + relearningBoost);
            after = (before + k * target) / (1 + k);
            if (after > relearnedUpTo) { // the boost ends at the old peak
                after = Math.max(relearnedUpTo, (before + pull * sustained) / (1 + pull));
            }
        } else {
            after = (before + pull * sustained) / (1 + pull);
        }
        s.level = after;
        if (after >= s.peak) {
            s.peak = after;
            s.disuse = 0;
            return;
        }
        // Regaining ground winds the disuse clock back along the forgetting curve, so that a short
        // return to practice never leaves the skill decaying faster than before it.
        double floor = floor(s.peak);
        if (before > floor) {
            double slope = exponent * steepness * (before - floor) / (1 + steepness * s.disuse);
            s.disuse = Math.max(0, s.disuse - (after - before) / slope);
        } else {
            s.disuse = 0;
        }
    }
}
