package io.careerpath.query.skillmodel;

/**
 * Walks one skill forward along a {@link Timeline} on the fixed step grid, and reads its state at
 * any later day without disturbing the walk. Days asked for must not go backwards.
 */
final class SkillCursor {

    private final SkillDynamics dynamics;
    private final Timeline timeline;
    private final int skill;
    /** The state at the start of {@link #day}, a grid point, with that day's assessments applied. */
    private final SkillDynamics.State state = new SkillDynamics.State();
    private final SkillDynamics.State peek = new SkillDynamics.State();
    private int segment;
    private long day;
    private int nextAssessment;

    SkillCursor(SkillDynamics dynamics, Timeline timeline, int skill) {
        this.dynamics = dynamics;
        this.timeline = timeline;
        this.skill = skill;
        dynamics.start(state);
        if (timeline.segments() > 0) {
            day = timeline.start(0);
            applyAssessments();
        }
    }

    /**
     * The state at the start of {@code target} (after its assessments). The returned object is
     * reused by the next call: copy what you need.
     */
    SkillDynamics.State at(long target) {
        if (timeline.segments() == 0 || target < timeline.start(0)) {
            dynamics.start(peek); // before anything is known: the baseline
            return peek;
        }
        if (target < day) {
            throw new IllegalStateException("cursor is at day " + day + ", cannot go back to " + target);
        }
        for (long next = nextGridPoint(); next <= target; next = nextGridPoint()) {
            advanceTo(next);
        }
        return peekAt(target);
    }

    /**
     * The first day in {@code (from, until]} on which retention (level / peak) is below
     * {@code threshold}, or -1. Used past the last event, where the inputs of the last segment go
     * on unchanged; call {@link #at(long) at(from)} first.
     */
    long firstDayBelow(double threshold, long from, long until) {
        if (timeline.segments() == 0) {
            return -1; // nothing practised, nothing to lose
        }
        while (true) {
            long next = Math.min(nextGridPoint(), until);
            if (below(threshold, peekAt(next))) {
                for (long d = Math.max(from, day) + 1; d <= next; d++) {
                    if (below(threshold, peekAt(d))) {
                        return d;
                    }
                }
            }
            if (next >= until) {
                return -1;
            }
            advanceTo(next);
        }
    }

    /** The state on {@code target}, stepped from the committed state at the current intensity. */
    private SkillDynamics.State peekAt(long target) {
        peek.copyFrom(state);
        dynamics.step(peek, intensity(), target - day);
        return peek;
    }

    private static boolean below(double threshold, SkillDynamics.State s) {
        return s.peak > 0 && s.level < threshold * s.peak;
    }

    private long nextGridPoint() {
        long segmentStart = timeline.start(segment);
        long grid = segmentStart + ((day - segmentStart) / SkillDynamics.STEP_DAYS + 1) * SkillDynamics.STEP_DAYS;
        return Math.min(grid, timeline.end(segment));
    }

    private void advanceTo(long next) {
        dynamics.step(state, intensity(), next - day);
        day = next;
        if (next == timeline.end(segment)) {
            segment++;
            applyAssessments();
        }
    }

    private double intensity() {
        return timeline.effective(segment, skill);
    }

    private void applyAssessments() {
        while (nextAssessment < timeline.assessments() && timeline.assessmentDay(nextAssessment) <= day) {
            if (timeline.assessmentSkill(nextAssessment) == skill) {
                dynamics.observe(state, timeline.assessmentLevel(nextAssessment),
                        timeline.assessmentLow(nextAssessment), timeline.assessmentHigh(nextAssessment));
            }
            nextAssessment++;
        }
    }
}
