/**
 * The skills API: a person's skill profile, delivery retention and rotate-back date, and what-if projections,
 * computed at query time by the pure {@link io.careerpath.query.skillmodel} from the person's history; the model's
 * parameters and practice matrix ({@code careerpath.skill-model.*}, docs/skill-model.md).
 */
package io.careerpath.query.skills;
