package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

/**
 * How one skill would move over a proposed assignment.
 *
 * @param skill   the skill
 * @param atStart proficiency when the assignment would start
 * @param atEnd   projected proficiency when it would end
 */
public record SkillChange(Skill skill, double atStart, double atEnd) {

    /** Positive when the skill is gained, negative when it is lost. */
    public double change() {
        return atEnd - atStart;
    }
}
