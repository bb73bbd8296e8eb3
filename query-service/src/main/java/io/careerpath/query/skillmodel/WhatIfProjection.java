package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The answer to "what if I take this role for N months?".
 *
 * @param from   when the proposed assignment would start
 * @param until  when it would end
 * @param skills every skill, with its level at both ends
 */
public record WhatIfProjection(LocalDate from, LocalDate until, Map<Skill, SkillChange> skills) {

    public WhatIfProjection {
        skills = Collections.unmodifiableMap(new EnumMap<>(skills));
    }

    public SkillChange skill(Skill skill) {
        return skills.get(skill);
    }
}
