package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person moved to another team, or got another manager, from the effective date on.
 *
 * @param managerId the new manager, or {@code null} when the change did not name one
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
        String managerId) implements CareerEvent {
}
