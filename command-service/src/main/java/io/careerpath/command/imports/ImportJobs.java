package io.careerpath.command.imports;

import io.careerpath.command.personaldata.PersonalDataHolder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The imports' records in the event store's database: each import's figures (tables
 * {@code import_jobs}, {@code import_job_failures}) and the rows the rules refused per file
 * ({@code import_refused_rows}). See V3__bulk_imports.sql.
 */
@Component
class ImportJobs implements PersonalDataHolder {

    /** A QUEUED or RUNNING import whose figures were not written for this long was interrupted. */
    static final Duration HEARTBEAT_LOST = Duration.ofSeconds(30);
    private static final int MAX_TEXT = 2000;

    /** A row refused in an earlier run of a file. */
    record Refusal(String problem, String field, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ImportedPersonIds importedPersonIds;

    ImportJobs(JdbcTemplate jdbc, Clock clock, ImportedPersonIds importedPersonIds) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.importedPersonIds = importedPersonIds;
    }

    void insert(ImportJob job) {
        jdbc.update("INSERT INTO import_jobs (job_id, state, file_name, format, file_sha256, file_bytes, recorded_by,"
                        + " rows_total, rows_done, recorded, already_recorded, failed, events_recorded, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)",
                job.id, job.state().name(), truncate(job.fileName, 255), job.format.name(), job.fileSha256,
                job.fileBytes, truncate(job.recordedBy, 200), job.rowsTotal.get(), time(job.createdAt),
                time(clock.instant()));
    }

    /** Writes the import's figures (and so its heartbeat). */
    void update(ImportJob job) {
        ImportStatus status = job.status();
        jdbc.update("UPDATE import_jobs SET state = ?, rows_total = ?, rows_done = ?, recorded = ?, already_recorded = ?,"
                        + " failed = ?, events_recorded = ?, error = ?, started_at = ?, finished_at = ?, elapsed_micros = ?,"
                        + " updated_at = ?"
                        + " WHERE job_id = ?",
                status.state(), status.rowsTotal(), status.rowsDone(), status.recorded(), status.alreadyRecorded(),
                status.failed(), status.eventsRecorded(), truncate(status.error(), MAX_TEXT), time(status.startedAt()),
                time(status.finishedAt()), Math.round(job.elapsedSeconds() * 1e6), time(clock.instant()), job.id);
    }

    /** The final figures and the listed failures. */
    void finish(ImportJob job) {
        update(job);
        List<ImportJob.Failure> failures = job.failures();
        Map<String, String> personIds = importedPersonIds.personIds(failures.stream()
                .map(ImportJob.Failure::personRef).filter(Objects::nonNull).toList());
        jdbc.batchUpdate("INSERT INTO import_job_failures (job_id, line_number, person_ref, problem, field_name, reason,"
                        + " person_id) VALUES (?, ?, ?, ?, ?, ?, ?)", failures, 500, (statement, failure) -> {
            statement.setString(1, job.id);
            statement.setLong(2, failure.line());
            statement.setString(3, truncate(failure.personRef(), 200));
            statement.setString(4, truncate(failure.problem(), 100));
            statement.setString(5, truncate(failure.field(), 100));
            statement.setString(6, truncate(failure.reason(), MAX_TEXT));
            // whom the failure is about, so that erasing the person deletes it
            statement.setString(7, failure.personRef() == null ? null : personIds.get(failure.personRef()));
        });
    }

    /** The failures listed for the person (their personRef) in every import. */
    @Override
    public void erase(String personId) {
        jdbc.update("DELETE FROM import_job_failures WHERE person_id = ?", personId);
    }

    Optional<ImportStatus> find(String id) {
        Instant now = clock.instant();
        List<ImportStatus> found = jdbc.query("SELECT * FROM import_jobs WHERE job_id = ?",
                (row, n) -> status(row, now, failures(row.getString("job_id"))), id);
        return found.stream().findFirst();
    }

    /** The latest imports, newest first, without their failure lists. */
    List<ImportStatus> recent(int limit) {
        Instant now = clock.instant();
        return jdbc.query("SELECT * FROM import_jobs ORDER BY created_at DESC LIMIT ?",
                (row, n) -> status(row, now, List.of()).summary(), Math.max(1, limit));
    }

    /** The rows refused in earlier runs of the file, by row id. */
    Map<String, Refusal> refusals(String fileSha256) {
        Map<String, Refusal> refusals = new HashMap<>();
        jdbc.query("SELECT row_id, problem, field_name, reason FROM import_refused_rows WHERE file_sha256 = ?",
                row -> {
                    refusals.put(row.getString(1), new Refusal(row.getString(2), row.getString(3), row.getString(4)));
                }, fileSha256);
        return refusals;
    }

    /**
     * Remembers refused rows of a file; to be called in the transaction that records the rows beside
     * them. A row another import of the same file remembered meanwhile is left as it is.
     */
    void rememberRefusals(String fileSha256, Map<String, Refusal> refused) {
        if (refused.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Refusal>> rows = new ArrayList<>(refused.entrySet());
        jdbc.batchUpdate("INSERT INTO import_refused_rows (file_sha256, row_id, problem, field_name, reason)"
                        + " SELECT CAST(? AS CHAR(64)), CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(100)),"
                        + " CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(2000)) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM import_refused_rows WHERE file_sha256 = ? AND row_id = ?)",
                rows, 500, (statement, entry) -> {
                    statement.setString(1, fileSha256);
                    statement.setString(2, entry.getKey());
                    statement.setString(3, truncate(entry.getValue().problem(), 100));
                    statement.setString(4, truncate(entry.getValue().field(), 100));
                    statement.setString(5, truncate(entry.getValue().reason(), MAX_TEXT));
                    statement.setString(6, fileSha256);
                    statement.setString(7, entry.getKey());
                });
    }

    private List<ImportJob.Failure> failures(String jobId) {
        return jdbc.query("SELECT line_number, person_ref, problem, field_name, reason FROM import_job_failures"
                        + " WHERE job_id = ? ORDER BY line_number",
                (row, n) -> new ImportJob.Failure(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5)), jobId);
    }

    private static ImportStatus status(ResultSet row, Instant now, List<ImportJob.Failure> failures)
            throws SQLException {
        ImportJob.State state = ImportJob.State.valueOf(row.getString("state"));
        String error = row.getString("error");
        Instant updatedAt = instant(row, "updated_at");
        if ((state == ImportJob.State.QUEUED || state == ImportJob.State.RUNNING)
                && updatedAt.plus(HEARTBEAT_LOST).isBefore(now)) {
            state = ImportJob.State.INTERRUPTED;
            error = "The server running this import stopped before it ended. Upload the file again: rows already"
                    + " recorded are not recorded twice.";
        }
        return ImportStatus.of(row.getString("job_id"), state, row.getString("file_name"),
                ImportFormat.valueOf(row.getString("format")), row.getString("file_sha256").trim(),
                row.getLong("file_bytes"), row.getString("recorded_by"), row.getLong("rows_total"),
                row.getLong("rows_done"), row.getLong("recorded"), row.getLong("already_recorded"),
                row.getLong("failed"), row.getLong("events_recorded"), instant(row, "created_at"),
                instant(row, "started_at"), state == ImportJob.State.INTERRUPTED ? updatedAt : instant(row, "finished_at"),
                error, row.getLong("elapsed_micros") / 1e6, failures);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
