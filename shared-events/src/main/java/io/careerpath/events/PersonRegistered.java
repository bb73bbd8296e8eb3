package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A project professional became known to the platform, as a member of a team.
 *
 * @param teamName what people call the team ("Apollo"), or {@code null} when the registration did not
 *                 name it: a team's display name is the latest one recorded for its id (an added field,
 *                 docs/events.md; not personal data, so never sealed)
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonRegistered(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String displayName,
        String teamId,
        String teamName) implements CareerEvent {

    /** A registration that does not name the team. */
    public PersonRegistered(String personId, String eventId, LocalDate effectiveDate, String recordedBy,
                            Instant recordedAt, String displayName, String teamId) {
        this(personId, eventId, effectiveDate, recordedBy, recordedAt, displayName, teamId, null);
    }
}
