package io.careerpath.query.summary;

/**
 * A tiny XHTML writer: elements opened and closed in order, every text and attribute value escaped,
 * so that a name or a project title can never become markup.
 */
final class Xhtml {

    private final StringBuilder out = new StringBuilder(8192);

    /** Opens {@code tag} with attributes given as name, value pairs. */
    Xhtml open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        out.append('>');
        return this;
    }

    Xhtml close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    Xhtml text(String text) {
        out.append(escape(text == null ? "" : text));
        return this;
    }

    /** An element holding only text. */
    Xhtml element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Markup made by this package (the chart's SVG, itself escaped as it was built). */
    Xhtml trusted(String markup) {
        out.append(markup);
        return this;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    // control characters are not allowed in XML at all
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
