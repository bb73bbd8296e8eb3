package io.careerpath.query.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.team.AttentionList.PersonNeedingAttention;
import io.careerpath.query.team.RotationBoardController.Member;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention list's per-person work, opened for {@code io.careerpath.benchmarks.AttentionBreakdown}: the board's
 * figures ({@link MemberFigures}) and the answer's JSON, as the query service makes them (its default settings).
 */
public final class AttentionProbe {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MemberFigures figures = new MemberFigures(SkillModel.withDefaults(),
            new QueryProperties(Duration.ofSeconds(5), 40, 2, 3, 5));
    private final List<PersonNeedingAttention> listed = new ArrayList<>();

    /** Figures of the person on the day; true (and kept for {@link #json}) when the list would name them. */
    public boolean figure(PersonHistory history, LocalDate day, int withinMonths) {
        Member member = figures.of(history, day);
        boolean withinWindow = member.rotateBackBy() != null && !member.rotateBackBy().isAfter(day.plusMonths(withinMonths));
        if (withinWindow || !member.flags().isEmpty()) {
            listed.add(PersonNeedingAttention.of(history.teamId().orElse(null), "Team", member, withinWindow));
            return true;
        }
        return false;
    }

    public int listed() {
        return listed.size();
    }

    /** The listed people as the answer's JSON. */
    public byte[] json() throws Exception {
        return JSON.writeValueAsBytes(listed);
    }
}
