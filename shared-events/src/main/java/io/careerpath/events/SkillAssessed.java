package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An observed level of one skill on the effective date. An observation outranks the skill model: it
 * re-anchors the person's curve for that skill.
 *
 * <p>The scale, {@value #MIN_LEVEL} to {@value #MAX_LEVEL}:
 * <ol>
 *   <li>Aware: knows the concepts and vocabulary; needs guidance to apply them.</li>
 *   <li>Practising: applies the skill on routine work, with support.</li>
 *   <li>Proficient: applies it independently in normal situations.</li>
 *   <li>Advanced: handles complex or troubled situations; coaches others.</li>
 *   <li>Expert: sets the practice for others; sought out across the organization.</li>
 * </ol>
 *
 * @param assessor who made the observation: the person themselves or a manager. Not necessarily who
 *                 recorded it ({@link #recordedBy()}).
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record SkillAssessed(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        Skill skill,
        int level,
        String assessor) implements CareerEvent {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 5;
}
