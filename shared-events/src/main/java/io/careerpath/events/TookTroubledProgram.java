package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person took over a poorly performing program or organization: a leadership test with real
 * risk, which ends with an outcome ({@link AssignmentEnded#outcome()}).
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record TookTroubledProgram(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String programName) implements AssignmentStarted {

    @Override
    public AssignmentKind assignmentKind() {
        return AssignmentKind.TROUBLED_PROGRAM;
    }
}
