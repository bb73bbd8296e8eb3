package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A career compiled for the integrator: segments of days over which every skill's effective
 * intensity is constant, and the assessments, as epoch days. Only what is effective on or before
 * {@code until} is taken in; the last segment is open-ended, which is what "the current assignment
 * continues" means for a forecast.
 */
final class Timeline {

    static final int SKILLS = Skill.values().length;

    /** Segment {@code i} covers {@code [starts[i], starts[i + 1])}; the last one never ends. */
    private final long[] starts;
    /** {@code effective[i * SKILLS + skill]}: intensity × (1 − load) in segment {@code i}. */
    private final double[] effective;
    private final long[] assessmentDays;
    private final int[] assessmentSkills;
    private final double[] assessmentLevels;
    private final double[] assessmentLows;
    private final double[] assessmentHighs;

    private Timeline(long[] starts, double[] effective, long[] assessmentDays, int[] assessmentSkills,
                     double[] assessmentLevels, double[] assessmentLows, double[] assessmentHighs) {
        this.starts = starts;
        this.effective = effective;
        this.assessmentDays = assessmentDays;
        this.assessmentSkills = assessmentSkills;
        this.assessmentLevels = assessmentLevels;
        this.assessmentLows = assessmentLows;
        this.assessmentHighs = assessmentHighs;
    }

    static Timeline of(CareerHistory history, PracticeMatrix matrix, LocalDate until) {
        long last = until.toEpochDay();
        List<AssignmentPeriod> assignments = history.assignments();
        List<AdminLoadObservation> loads = history.adminLoad();
        List<SkillAssessment> assessments = history.assessments();

        long[] changes = new long[2 * assignments.size() + loads.size() + assessments.size()];
        int n = 0;
        for (AssignmentPeriod a : assignments) {
            n = addIfDue(changes, n, a.start().toEpochDay(), last);
            if (a.end() != null) {
                n = addIfDue(changes, n, a.end().toEpochDay(), last);
            }
        }
        for (AdminLoadObservation o : loads) {
            n = addIfDue(changes, n, o.effectiveDate().toEpochDay(), last);
        }
        int assessmentCount = 0;
        for (SkillAssessment s : assessments) {
            int before = n;
            n = addIfDue(changes, n, s.date().toEpochDay(), last);
            assessmentCount += n - before;
        }
        Arrays.sort(changes, 0, n);
        int segments = 0;
        for (int i = 0; i < n; i++) {
            if (segments == 0 || changes[i] != changes[segments - 1]) {
                changes[segments++] = changes[i];
            }
        }
        long[] starts = Arrays.copyOf(changes, segments);

        double[] effective = new double[segments * SKILLS];
        int load = -1; // index of the load observation in force
        for (int i = 0; i < segments; i++) {
            long day = starts[i];
            while (load + 1 < loads.size() && loads.get(load + 1).effectiveDate().toEpochDay() <= day) {
                load++;
            }
            double available = load < 0 ? 1 : 1 - loads.get(load).percent() / 100;
            for (AssignmentPeriod a : assignments) {
                if (a.start().toEpochDay() > day) {
                    break; // sorted by start
                }
                if (a.end() == null || a.end().toEpochDay() > day) {
                    double[] intensities = matrix.intensities(a.kind(), a.pmoType(), a.deliveryResponsibility());
                    for (int skill = 0; skill < SKILLS; skill++) {
                        effective[i * SKILLS + skill] = Math.max(effective[i * SKILLS + skill],
                                intensities[skill] * available);
                    }
                }
            }
        }

        long[] days = new long[assessmentCount];
        int[] skills = new int[assessmentCount];
        double[] levels = new double[assessmentCount];
        double[] lows = new double[assessmentCount];
        double[] highs = new double[assessmentCount];
        for (int i = 0; i < assessmentCount; i++) { // sorted by date, and the due ones come first
            SkillAssessment s = assessments.get(i);
            days[i] = s.date().toEpochDay();
            skills[i] = s.skill().ordinal();
            levels[i] = s.proficiency();
            lows[i] = s.lowest();
            highs[i] = s.highest();
        }
        return new Timeline(starts, effective, days, skills, levels, lows, highs);
    }

    private static int addIfDue(long[] days, int n, long day, long last) {
        if (day <= last) {
            days[n++] = day;
        }
        return n;
    }

    int segments() {
        return starts.length;
    }

    long start(int segment) {
        return starts[segment];
    }

    /** First day after {@code segment}, or {@link Long#MAX_VALUE} for the last one. */
    long end(int segment) {
        return segment + 1 < starts.length ? starts[segment + 1] : Long.MAX_VALUE;
    }

    double effective(int segment, int skill) {
        return effective[segment * SKILLS + skill];
    }

    /** Months of practice, time × effective intensity, of {@code skill} within {@code [from, to)}. */
    double practiceMonths(int skill, long from, long to) {
        double days = 0;
        for (int i = 0; i < starts.length; i++) {
            long overlap = Math.min(end(i), to) - Math.max(starts[i], from);
            if (overlap > 0) {
                days += overlap * effective(i, skill);
            }
        }
        return days / SkillDynamics.DAYS_PER_MONTH;
    }

    int assessments() {
        return assessmentDays.length;
    }

    long assessmentDay(int i) {
        return assessmentDays[i];
    }

    int assessmentSkill(int i) {
        return assessmentSkills[i];
    }

    double assessmentLevel(int i) {
        return assessmentLevels[i];
    }

    double assessmentLow(int i) {
        return assessmentLows[i];
    }

    double assessmentHigh(int i) {
        return assessmentHighs[i];
    }
}
