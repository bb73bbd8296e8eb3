package io.careerpath.query.history;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;

/**
 * A team's display name: the latest name recorded for its id (a registration or a team change may
 * name the team), else its id read as a name ("team-apollo" is "Apollo"). The names are kept in the
 * team's document under a key that sorts by when each was recorded, so that a read model built in any
 * order (a rebuild, a batch written unordered) ends with the same latest name.
 */
public final class TeamNames {

    /** The field of a team document that holds the names recorded for it, by {@link #key}. */
    static final String NAMES = "names";

    private TeamNames() {
    }

    /** Sorts by when the name was recorded, then by event id; no dots, which Mongo reads as a path. */
    static String key(Instant recordedAt, String eventId) {
        return String.format(Locale.ROOT, "%020d-%s", recordedAt.toEpochMilli(), eventId).replace('.', '_');
    }

    /** The latest recorded name in a team document, else the readable id. */
    static String of(String teamId, Document team) {
        Document names = team == null ? null : team.get(NAMES, Document.class);
        if (names != null && !names.isEmpty()) {
            return names.entrySet().stream().max(Map.Entry.comparingByKey())
                    .map(entry -> String.valueOf(entry.getValue())).orElseThrow();
        }
        return readable(teamId);
    }

    /** "team-apollo" -> "Apollo", "platform_ops" -> "Platform ops": the id, as people would write it. */
    public static String readable(String teamId) {
        String words = teamId.replaceFirst("(?i)^team[-_.]", "").replace('-', ' ').replace('_', ' ').replace('.', ' ')
                .trim();
        if (words.isEmpty()) {
            words = teamId;
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
