package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The share of the person's time pulled into clerical work (moving desks, ordering supplies,
 * organizing reviews) from the effective date on. It displaces skill-building.
 *
 * @param percentOfTime whole percent, {@value #MIN_PERCENT} to {@value #MAX_PERCENT}
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdministrativeLoadRecorded(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        int percentOfTime) implements CareerEvent {

    public static final int MIN_PERCENT = 0;
    public static final int MAX_PERCENT = 100;
}
