package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A project professional became known to the platform, as a member of a team. */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonRegistered(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String displayName,
        String teamId) implements CareerEvent {
}
