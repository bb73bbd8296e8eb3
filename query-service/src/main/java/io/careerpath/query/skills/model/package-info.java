/**
 * The skill-retention model: a pure, dependency-free function from a person's career history to
 * the proficiency of each skill over time, the delivery retention, currency and rotate-back date,
 * and what-if projections.
 *
 * <p>Entry point: {@link io.careerpath.query.skills.model.SkillModel}. Inputs are the records
 * {@link io.careerpath.query.skills.model.CareerHistory} (made of
 * {@link io.careerpath.query.skills.model.AssignmentPeriod},
 * {@link io.careerpath.query.skills.model.AdminLoadObservation} and
 * {@link io.careerpath.query.skills.model.SkillAssessment}) and
 * {@link io.careerpath.query.skills.model.ProposedAssignment}; parameters are
 * {@link io.careerpath.query.skills.model.SkillModelParameters} and the data file read by
 * {@link io.careerpath.query.skills.model.PracticeMatrix}. Nothing here depends on Spring, Mongo or
 * Axon; the only imports outside {@code java.*} are the shared-events enums. The formulas and the
 * research behind every default are in docs/skill-model.md.
 */
package io.careerpath.query.skills.model;
