package io.careerpath.query.planning;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Solves a {@link RotationPlan} with Timefold, and explains a plan's score.
 *
 * <p>Same problem, same seed, same plan: the environment is {@link EnvironmentMode#NO_ASSERT} (reproducible), and
 * the local search stops after a fixed amount of work ({@value #UNIMPROVED_STEPS} steps without a better plan, or
 * {@value #MOVES_PER_SEAT_QUARTER} moves evaluated per seat-quarter, within [{@value #MIN_MOVES}, {@value #MAX_MOVES}]),
 * never after a time, which would depend on the machine's load. The time limit is a safety cap only: a plan cut short
 * by it says so ({@link Solved#cutShortByTimeLimit}), since another run may then stop elsewhere.
 */
@Component
class RotationPlanner {

    static final int UNIMPROVED_STEPS = 1_000;
    static final long MOVES_PER_SEAT_QUARTER = 1_000;
    static final long MIN_MOVES = 20_000;
    static final long MAX_MOVES = 500_000;

    /** Scores and explains plans; the seed and the limits do not matter to that. */
    private final SolutionManager<RotationPlan, HardMediumSoftScore> solutions =
            SolutionManager.create(SolverFactory.create(config(0, Duration.ofSeconds(1), MIN_MOVES)));

    /** A solved plan, and whether the time cap (rather than the fixed budget) ended the search. */
    record Solved(RotationPlan plan, boolean cutShortByTimeLimit, Duration spent) {
    }

    Solved solve(RotationPlan problem, long seed, Duration timeLimit) {
        long started = System.nanoTime();
        long moves = Math.max(MIN_MOVES, Math.min(MAX_MOVES, MOVES_PER_SEAT_QUARTER * problem.seatQuarters().size()));
        RotationPlan solved = SolverFactory.<RotationPlan>create(config(seed, timeLimit, moves)).buildSolver()
                .solve(problem);
        Duration spent = Duration.ofNanos(System.nanoTime() - started);
        return new Solved(solved, spent.compareTo(timeLimit) >= 0, spent);
    }

    /** The plan's score with every match justified ({@link RuleBreach}); the plan keeps its assignments. */
    ScoreAnalysis<HardMediumSoftScore> explain(RotationPlan plan) {
        return solutions.analyze(plan);
    }

    private static SolverConfig config(long seed, Duration timeLimit, long moves) {
        return new SolverConfig()
                .withSolutionClass(RotationPlan.class)
                .withEntityClasses(SeatQuarter.class)
                .withConstraintProviderClass(RotationConstraints.class)
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT)
                .withRandomSeed(seed)
                .withTerminationConfig(new TerminationConfig().withSpentLimit(timeLimit))
                .withPhases(new ConstructionHeuristicPhaseConfig(),
                        new LocalSearchPhaseConfig().withTerminationConfig(new TerminationConfig()
                                .withUnimprovedStepCountLimit(UNIMPROVED_STEPS)
                                .withMoveCountLimit(moves)));
    }
}
