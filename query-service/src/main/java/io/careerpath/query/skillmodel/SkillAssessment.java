package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An observed level of one skill on a date. An observation outranks the model: the curve passes
 * through it and goes on from there.
 *
 * <p>The scale splits proficiency into five equal bands and maps each level to its band's middle:
 * <table>
 *   <caption>Assessment levels</caption>
 *   <tr><th>level</th><th>meaning</th><th>proficiency</th></tr>
 *   <tr><td>1</td><td>awareness: knows the terms, needs guidance</td><td>0.1</td></tr>
 *   <tr><td>2</td><td>working knowledge: does routine work with support</td><td>0.3</td></tr>
 *   <tr><td>3</td><td>practitioner: does the work unaided</td><td>0.5</td></tr>
 *   <tr><td>4</td><td>advanced: handles hard cases, coaches others</td><td>0.7</td></tr>
 *   <tr><td>5</td><td>expert: sets practice for others</td><td>0.9</td></tr>
 * </table>
 *
 * @param date  the day the level was observed
 * @param skill the skill observed
 * @param level 1 to 5
 */
public record SkillAssessment(LocalDate date, Skill skill, int level) {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 5;

    public SkillAssessment {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(skill, "skill");
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be within [1, 5], was " + level);
        }
    }

    /** The lowest proficiency the level covers: the bottom of its fifth of the 0..1 scale. */
    public double lowest() {
        return (level - 1) / 5.0;
    }

    /** The highest proficiency the level covers: the top of its fifth of the 0..1 scale. */
    public double highest() {
        return level / 5.0;
    }

    /** The proficiency the level stands for: the middle of its fifth of the 0..1 scale. */
    public double proficiency() {
        return (2 * level - 1) / 10.0;
    }
}
