package io.careerpath.query.summary;

import java.time.LocalDate;
import java.util.List;

/**
 * What the career summary shows, in words and figures ready to print.
 *
 * @param facts      the key facts, in order ("Team", "Current role", "Delivery", ...)
 * @param retention  delivery retention so far, month by month (empty without delivery history)
 * @param forecast   delivery retention if the current role goes on (empty without delivery history)
 * @param threshold  the rotate-back threshold (share of the peak)
 * @param events     recorded events, latest first
 */
public record CareerSummary(String name, LocalDate asOf, List<Fact> facts, List<Point> retention, List<Point> forecast,
                            double threshold, LocalDate rotateBackBy, List<SkillRow> skills, List<EventRow> events) {

    public record Fact(String label, String value) {
    }

    public record Point(LocalDate date, double value) {
    }

    public record SkillRow(String skill, double now, double peak, String keptOfPeak, double trendPerMonth) {
    }

    public record EventRow(LocalDate date, String what) {
    }
}
