package io.careerpath.query.team;

import io.careerpath.query.api.CsvExport;
import io.careerpath.query.team.AttentionList.Answer;
import io.careerpath.query.team.AttentionList.PersonNeedingAttention;
import io.careerpath.query.words.CareerWords;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The attention list as a spreadsheet ({@code Accept: text/csv} on its own address): one row per listed person, in
 * the page's words (roles, the delivery verdict, flags), written by {@link CsvExport} like every other export.
 */
@Component
class AttentionCsv implements WebMvcConfigurer {

    static final List<String> HEADER = List.of("Name", "Team", "Current role", "Assignment", "Delivery kept (%)",
            "Delivery verdict", "Rotate back by", "Flags");

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(CsvExport.of(Answer.class, AttentionCsv::table));
    }

    static CsvExport.Table table(Answer answer) {
        List<List<String>> rows = new ArrayList<>();
        for (PersonNeedingAttention person : answer.people()) {
            var current = person.currentAssignment();
            rows.add(List.of(
                    person.displayName() == null ? "" : person.displayName(),
                    person.teamName(),
                    current == null ? "No current role" : CareerWords.role(current.kind(), current.pmoType()),
                    current == null || current.name() == null ? "" : current.name(),
                    person.deliveryRetention() == null ? "" : String.valueOf(Math.round(person.deliveryRetention() * 100)),
                    CareerWords.verdict(person.deliveryVerdict()),
                    person.rotateBackBy() == null ? "" : person.rotateBackBy().toString(),
                    person.flags().stream().map(flag -> CareerWords.flag(flag.name())).collect(Collectors.joining("; "))));
        }
        return new CsvExport.Table("attention-" + answer.asOf() + ".csv", HEADER, rows);
    }
}
