package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.AssessSkill;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.events.Skill;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "SKILL_ASSESSED", description = "An observed level of one skill. Levels: 1 aware, 2 practising,"
        + " 3 proficient, 4 advanced, 5 expert (docs/skill-model.md, the assessment scale).")
record SkillAssessedRequest(
        @NotNull @Schema(allowableValues = "SKILL_ASSESSED") String type,
        @NotNull @Schema(example = "2024-05-15") LocalDate effectiveDate,
        @NotNull @Schema(example = "DELIVERY_EXECUTION") Skill skill,
        @NotNull @Min(1) @Max(5) @Schema(description = "1 aware ... 5 expert", example = "3") Integer level,
        @Size(max = 200) @Schema(description = "who observed the level (the person or a manager); defaults to"
                + " whoever records it", example = "manager-jane") String assessor) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new AssessSkill(personId, expectedSequence, effectiveDate, recording, skill, level,
                assessor != null ? assessor : recording.recordedBy());
    }
}
