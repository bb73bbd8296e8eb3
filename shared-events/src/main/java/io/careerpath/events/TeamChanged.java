package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person moved to another team, or got another manager, from the effective date on.
 *
 * @param managerId the new manager, or {@code null} when the change did not name one
 * @param teamName  what people call the team, or {@code null}: as {@link PersonRegistered#teamName()}
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record TeamChanged(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String teamId,
        String managerId,
        String teamName) implements CareerEvent {

    /** A change that does not name the team. */
    public TeamChanged(String personId, String eventId, LocalDate effectiveDate, String recordedBy,
                       Instant recordedAt, String teamId, String managerId) {
        this(personId, eventId, effectiveDate, recordedBy, recordedAt, teamId, managerId, null);
    }
}
