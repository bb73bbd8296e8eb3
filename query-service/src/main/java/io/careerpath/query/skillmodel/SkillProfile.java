package io.careerpath.query.skillmodel;

import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the model says about one person on one date.
 *
 * @param asOf                     the evaluation date
 * @param skills                   every skill, in {@link Skill} order
 * @param monthsSinceLastDelivery  months since the last delivery role ended; 0 while in one; empty if
 *                                 the person never held one
 * @param deliveryCurrency         the currency rule applied on {@code asOf}
 * @param rotateBackBy             the first date on which delivery retention is below the configured
 *                                 threshold if the current assignment (and load) goes on: {@code asOf}
 *                                 itself if it already is; empty while delivering, or if that does not
 *                                 happen within the forecast horizon
 * @param deliveryHistory          whether a role answering for delivery (delivery, troubled program, PMO
 *                                 with delivery responsibility) started, or delivery was assessed, by
 *                                 {@code asOf}; without it the delivery retention means nothing (it is 1
 *                                 or close to it by construction)
 * @param delivering               whether a delivery role runs on {@code asOf}
 */
public record SkillProfile(
        LocalDate asOf,
        Map<Skill, SkillStatus> skills,
        OptionalDouble monthsSinceLastDelivery,
        DeliveryCurrency deliveryCurrency,
        Optional<LocalDate> rotateBackBy,
        boolean deliveryHistory,
        boolean delivering) {

    public SkillProfile {
        skills = Collections.unmodifiableMap(new EnumMap<>(skills));
    }

    public SkillStatus skill(Skill skill) {
        return skills.get(skill);
    }

    /** Retention of {@link Skill#DELIVERY_EXECUTION}, the figure the rotation board shows. */
    public double deliveryRetention() {
        return skill(Skill.DELIVERY_EXECUTION).retention();
    }
}
