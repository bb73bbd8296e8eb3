package io.careerpath.command.person.domain;

import java.util.List;

/**
 * What an {@link ImportHistory} did, row by row.
 *
 * @param eventsRecorded events appended, consequences included (the end of an assignment that the next
 *                       one implied, ...): what the event store grew by
 * @param lastSequence   the person's sequence number afterwards
 */
public record ImportedHistory(List<RowOutcome> outcomes, int eventsRecorded, long lastSequence) {

    public enum Status { RECORDED, ALREADY_RECORDED, REFUSED }

    /**
     * @param problem the refusal's problem type slug ({@code assignment-overlap}, ...), for {@code REFUSED}
     * @param field   the field at fault, where the rule names one
     * @param reason  why, in the same words as the API's answer
     */
    public record RowOutcome(long line, String eventId, Status status, String problem, String field, String reason) {

        static RowOutcome recorded(ImportRow row) {
            return new RowOutcome(row.line(), row.eventId(), Status.RECORDED, null, null, null);
        }

        static RowOutcome alreadyRecorded(ImportRow row) {
            return new RowOutcome(row.line(), row.eventId(), Status.ALREADY_RECORDED, null, null, null);
        }

        static RowOutcome refused(ImportRow row, String problem, String field, String reason) {
            return new RowOutcome(row.line(), row.eventId(), Status.REFUSED, problem, field, reason);
        }
    }
}
