package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person was erased on request: their key was destroyed, so every sealed value in their events
 * (name, free text) can no longer be opened anywhere, and readers drop everything they hold about
 * them. The last event of a person; it carries nothing that identifies them (docs/security.md).
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonErased(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt) implements CareerEvent {
}
