/**
 * The rotation planner (issue 19): who should hold which PMO and troubled-program seat in each of the coming
 * quarters, so that the seats are staffed, nobody's delivery retention falls below the rotate-back threshold, and
 * the team is not churned. A Timefold constraint-streams model ({@link io.careerpath.query.planning.RotationConstraints})
 * over tables the skill model fills before the search ({@link io.careerpath.query.planning.PlanningProblems}); each
 * answer's retention figures come from the skill model itself, the way the what-if computes them.
 * {@code POST /api/plans} records nothing; an accepted plan is saved as a plan (intent), never as career events.
 */
package io.careerpath.query.planning;
