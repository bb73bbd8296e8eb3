package io.careerpath.query.timeline;

import io.careerpath.query.api.CsvExport;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.timeline.TimelineController.CareerTimeline;
import io.careerpath.query.words.CareerWords;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A career's recorded events as a spreadsheet ({@code Accept: text/csv} on the timeline's own address):
 * one row per event in the order they took effect, what happened in the career page's words.
 */
@Component
class CareerTimelineCsv implements WebMvcConfigurer {

    static final List<String> HEADER = List.of("Effective date", "What happened", "Recorded at (UTC)", "Recorded by");

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(CsvExport.of(CareerTimeline.class, CareerTimelineCsv::table));
    }

    static CsvExport.Table table(CareerTimeline timeline) {
        List<List<String>> rows = new ArrayList<>();
        for (TimelineController.Entry entry : timeline.entries()) {
            HistoryEntry event = entry.event();
            rows.add(List.of(event.effectiveDate().toString(), CareerWords.event(event), event.recordedAt().toString(),
                    recorder(entry.recorder())));
        }
        String who = timeline.displayName() == null ? "person" : timeline.displayName();
        return new CsvExport.Table("career-events-" + CareerWords.fileName(who) + "-" + timeline.asOf() + ".csv", HEADER, rows);
    }

    /** By name where the caller may see the recorder, otherwise by role, as the career page says it; never an id. */
    private static String recorder(Recorders.Recorder recorder) {
        if (recorder == null) {
            return "";
        }
        return recorder.displayName() != null ? recorder.displayName() : recorder.role();
    }
}
