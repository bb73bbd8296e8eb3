package io.careerpath.query.digest;

import io.careerpath.query.words.CareerWords;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One account's email of one day: a line per reminder, in the words of {@link CareerWords#reminder}, each with a
 * link to the person's career page, and a link to the notifications list.
 *
 * @param greeting     the recipient's name, or null
 * @param day          the day the reminders were raised
 * @param lines        the reminders, in the order they are listed
 * @param dashboardUrl the dashboards' base URL
 */
record Digest(String greeting, LocalDate day, List<Line> lines, String dashboardUrl) {

    /** One reminder: whom it is about (their name opened for this recipient) and what it says (naming them). */
    record Line(String personId, String name, String sentence) {
    }

    String subject() {
        return "Careerpath: " + lines.size() + (lines.size() == 1 ? " reminder" : " reminders") + " for "
                + CareerWords.day(day);
    }

    String text() {
        StringBuilder text = new StringBuilder("Hello" + (greeting == null ? "" : " " + greeting) + ",\n\n")
                .append(introduction()).append("\n\n");
        for (Line line : lines) {
            text.append("- ").append(line.sentence()).append('\n')
                    .append("  ").append(careerLink(line)).append("\n\n");
        }
        return text.append("All your notifications: ").append(notificationsLink()).append("\n\n")
                .append(why()).append('\n').toString();
    }

    String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject())).append("</title></head><body>")
                .append("<p>Hello").append(greeting == null ? "" : " " + escape(greeting)).append(",</p>")
                .append("<p>").append(escape(introduction())).append("</p><ul>");
        for (Line line : lines) {
            html.append("<li>").append(escape(line.sentence())).append(". <a href=\"").append(escape(careerLink(line)))
                    .append("\">").append(escape(line.name() + "'s career")).append("</a></li>");
        }
        return html.append("</ul><p><a href=\"").append(escape(notificationsLink())).append("\">All your notifications</a></p>")
                .append("<p>").append(escape(why())).append("</p></body></html>").toString();
    }

    String careerLink(Line line) {
        return UriComponentsBuilder.fromUriString(base()).path("/career.html").queryParam("person", line.personId())
                .encode().toUriString();
    }

    String notificationsLink() {
        return base() + "/notifications.html";
    }

    private String introduction() {
        return (lines.size() == 1 ? "One reminder" : lines.size() + " reminders") + " raised on " + CareerWords.day(day) + ":";
    }

    private static String why() {
        return "You receive this digest because these reminders are about you or about people of a team you manage. "
                + "Sign in to see the careers behind them.";
    }

    private String base() {
        return dashboardUrl.replaceAll("/+$", "");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
