package io.careerpath.query.team;

import io.careerpath.query.api.CsvExport;
import io.careerpath.query.team.RotationBoardController.Member;
import io.careerpath.query.team.RotationBoardController.RotationBoard;
import io.careerpath.query.words.CareerWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rotation board as a spreadsheet ({@code Accept: text/csv} on the board's own address): one row per
 * member, in words (roles, the delivery verdict, flags) and plain figures (ISO dates, percentages as
 * whole numbers); an empty "delivery kept" where there is no delivery history, as the page shows none.
 */
@Component
class RotationBoardCsv implements WebMvcConfigurer {

    static final List<String> HEADER = List.of("Name", "Current role", "Assignment", "In the role since", "Months in the role",
            "Delivery kept (%)", "Delivery verdict", "Months since delivery", "Rotate back by", "Administrative load (%)",
            "Troubled programs in a row", "Flags");

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(CsvExport.of(RotationBoard.class, RotationBoardCsv::table));
    }

    static CsvExport.Table table(RotationBoard board) {
        List<List<String>> rows = new ArrayList<>();
        for (Member member : board.members()) {
            var current = member.currentAssignment();
            rows.add(List.of(
                    member.displayName() == null ? "" : member.displayName(),
                    current == null ? "No current role" : CareerWords.role(current.kind(), current.pmoType()),
                    current == null || current.name() == null ? "" : current.name(),
                    current == null ? "" : current.since().toString(),
                    current == null ? "" : oneDecimal(current.months()),
                    member.deliveryRetention() == null ? "" : String.valueOf(Math.round(member.deliveryRetention() * 100)),
                    CareerWords.verdict(member.deliveryVerdict()),
                    member.monthsSinceDelivery() == null ? "" : oneDecimal(member.monthsSinceDelivery()),
                    member.rotateBackBy() == null ? "" : member.rotateBackBy().toString(),
                    member.adminLoadPercent() == null ? "" : oneDecimal(member.adminLoadPercent()),
                    String.valueOf(member.troubledProgramStreak()),
                    member.flags().stream().map(flag -> CareerWords.flag(flag.name())).collect(Collectors.joining("; "))));
        }
        return new CsvExport.Table("rotation-board-" + CareerWords.fileName(board.teamName()) + "-" + board.asOf() + ".csv",
                HEADER, rows);
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
