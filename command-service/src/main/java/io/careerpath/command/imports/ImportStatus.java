package io.careerpath.command.imports;

import io.careerpath.security.web.ProblemDetails;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An import as the API shows it ({@code GET /api/imports/{id}}).
 *
 * @param state            {@code QUEUED} (waiting for another import to finish), {@code RUNNING},
 *                         {@code DONE}, {@code FAILED} (the import itself failed: see {@code error}; rows
 *                         recorded until then stay) or {@code INTERRUPTED} (the server stopped while it ran:
 *                         upload the file again, nothing is recorded twice)
 * @param rowsTotal        rows in the file (while it is being read: its non-blank lines)
 * @param rowsDone         rows decided: recorded, already recorded or failed
 * @param recorded         rows recorded by this import
 * @param alreadyRecorded  rows found already recorded (by an earlier run of the file, or an identical row)
 * @param failed           rows not recorded: unreadable, or refused by the rules; every one is counted,
 *                         the first {@code careerpath.imports.max-reported-failures} are listed
 * @param eventsRecorded   events appended, consequences included (an assignment's end implied by the next)
 * @param ratePerSecond    rows decided per second since the import started
 * @param secondsLeft      at that rate; null until there is a rate, 0 once finished
 * @param failures         the failures with the lowest line numbers, in line order
 * @param failuresOmitted  failures counted but not listed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportStatus(String id, String state, String fileName, String format, String fileSha256, long fileBytes,
                           String recordedBy, long rowsTotal, long rowsDone, long recorded, long alreadyRecorded,
                           long failed, long eventsRecorded, double ratePerSecond, Double secondsLeft,
                           double elapsedSeconds, Instant createdAt, Instant startedAt, Instant finishedAt,
                           String error, List<RowFailure> failures, long failuresOmitted) {

    /**
     * @param problem the problem type, as the API's refusals name it ({@code urn:careerpath:problem:<slug>})
     * @param field   the field at fault, where there is one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowFailure(long line, String personRef, String problem, String field, String reason) {
    }

    static ImportStatus of(String id, ImportJob.State state, String fileName, ImportFormat format, String sha256,
                           long bytes, String recordedBy, long total, long done, long recorded, long already,
                           long failed, long events, Instant createdAt, Instant startedAt, Instant finishedAt,
                           String error, double elapsed, List<ImportJob.Failure> failures) {
        double rate = elapsed > 0 ? done / elapsed : 0;
        Double left;
        if (state == ImportJob.State.DONE) {
            left = 0.0;
        } else if (state == ImportJob.State.RUNNING && rate > 0) {
            left = Math.max(0, total - done) / rate;
        } else {
            left = null;
        }
        List<RowFailure> listed = failures.stream().map(f -> new RowFailure(f.line(), f.personRef(),
                ProblemDetails.type(f.problem()).toString(), f.field(), f.reason())).toList();
        return new ImportStatus(id, state.name(), fileName, format.name(), sha256, bytes, recordedBy, total, done,
                recorded, already, failed, events, round(rate), left == null ? null : round(left),
                Math.round(elapsed * 1000) / 1000.0,
                createdAt, startedAt, finishedAt, error, listed, Math.max(0, failed - listed.size()));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The same import without its failure list (for lists of imports). */
    ImportStatus summary() {
        return new ImportStatus(id, state, fileName, format, fileSha256, fileBytes, recordedBy, rowsTotal, rowsDone,
                recorded, alreadyRecorded, failed, eventsRecorded, ratePerSecond, secondsLeft, elapsedSeconds,
                createdAt, startedAt, finishedAt, error, List.of(), failed);
    }
}
