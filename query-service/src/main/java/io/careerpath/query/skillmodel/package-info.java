/**
 * The skill-retention model: a pure, dependency-free function from a person's career history to
 * the proficiency of each skill over time, the delivery retention, currency and rotate-back date,
 * and what-if projections.
 *
 * <p>Entry point: {@link io.careerpath.query.skillmodel.SkillModel}. Inputs are the records
 * {@link io.careerpath.query.skillmodel.CareerHistory} (made of
 * {@link io.careerpath.query.skillmodel.AssignmentPeriod},
 * {@link io.careerpath.query.skillmodel.AdminLoadObservation} and
 * {@link io.careerpath.query.skillmodel.SkillAssessment}) and
 * {@link io.careerpath.query.skillmodel.ProposedAssignment}; parameters are
 * {@link io.careerpath.query.skillmodel.SkillModelParameters} and the data file read by
 * {@link io.careerpath.query.skillmodel.PracticeMatrix}. Nothing here depends on Spring, Mongo or
 * Axon; the only imports outside {@code java.*} are the shared-events enums and Jackson's CSV reader (for
 * the matrix file). The formulas and the
 * research behind every default are in docs/skill-model.md.
 */
package io.careerpath.query.skillmodel;
