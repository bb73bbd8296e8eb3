package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

/**
 * One skill of one person on the evaluation date.
 *
 * @param skill         the skill
 * @param current       proficiency on the evaluation date, 0..1
 * @param peak          the highest proficiency reached up to then, modelled or observed
 * @param retention     {@code current / peak}, 0..1; 1 when the peak is 0 (nothing gained, nothing lost)
 * @param trendPerMonth change of proficiency per month over the trend window (negative while it decays)
 * @param curve         proficiency monthly from the start of the history (or the trend window, if
 *                      longer) to the evaluation date, which is the last point
 */
public record SkillStatus(
        Skill skill,
        double current,
        double peak,
        double retention,
        double trendPerMonth,
        ProficiencyCurve curve) {
}
