package io.careerpath.command.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import while it runs on this server: what it is, how far it got, and the failures so far (the
 * lowest line numbers, up to a cap; all are counted). Updated by the import's threads, read by the
 * API; {@link ImportJobs} keeps a copy of the figures in the database.
 */
final class ImportJob {

    enum State {
        QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

        boolean finished() {
            return this == DONE || this == FAILED || this == INTERRUPTED;
        }
    }

    /** A row not recorded: refused by a rule, or unreadable. */
    record Failure(long line, String personRef, String problem, String field, String reason) {
    }

    final String id;
    final String fileName;
    final ImportFormat format;
    final String fileSha256;
    final long fileBytes;
    final String recordedBy;
    final Instant createdAt;
    private final int maxFailures;

    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    /** For the rate: a monotonic clock, whatever the service's clock says. */
    private volatile long startedNanos;
    private volatile long finishedNanos;
    private volatile String error;
    final AtomicLong rowsTotal;
    final AtomicLong rowsDone = new AtomicLong();
    final AtomicLong recorded = new AtomicLong();
    final AtomicLong alreadyRecorded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong eventsRecorded = new AtomicLong();
    private final TreeMap<Long, Failure> failures = new TreeMap<>();
    /** Its end is in the database (guarded by the job's monitor, see BulkImports). */
    boolean stored;

    /**
     * @param estimatedRows the file's non-blank lines (minus the CSV header): exact unless a CSV cell
     *                      spans lines; corrected once the file is read
     */
    ImportJob(String id, String fileName, ImportFormat format, String fileSha256, long fileBytes, String recordedBy,
              Instant createdAt, long estimatedRows, int maxFailures) {
        this.id = id;
        this.fileName = fileName;
        this.format = format;
        this.fileSha256 = fileSha256;
        this.fileBytes = fileBytes;
        this.recordedBy = recordedBy;
        this.createdAt = createdAt;
        this.rowsTotal = new AtomicLong(estimatedRows);
        this.maxFailures = maxFailures;
    }

    void started(Instant at) {
        startedNanos = System.nanoTime();
        startedAt = at;
        state = State.RUNNING;
    }

    void finished(Instant at, State end, String why) {
        finishedNanos = System.nanoTime();
        error = why;
        finishedAt = at;
        state = end;
    }

    /** Seconds since the import started, up to now or to its end. */
    double elapsedSeconds() {
        if (startedAt == null) {
            return 0;
        }
        long end = finishedAt != null ? finishedNanos : System.nanoTime();
        return Math.max(0, (end - startedNanos) / 1e9);
    }

    State state() {
        return state;
    }

    void fail(Failure failure) {
        failed.incrementAndGet();
        if (maxFailures == 0) {
            return;
        }
        synchronized (failures) {
            failures.put(failure.line(), failure);
            if (failures.size() > maxFailures) {
                failures.pollLastEntry();
            }
        }
    }

    List<Failure> failures() {
        synchronized (failures) {
            return new ArrayList<>(failures.values());
        }
    }

    /** The figures as they are now. */
    ImportStatus status() {
        List<Failure> listed = failures();
        return ImportStatus.of(id, state, fileName, format, fileSha256, fileBytes, recordedBy, rowsTotal.get(),
                rowsDone.get(), recorded.get(), alreadyRecorded.get(), failed.get(), eventsRecorded.get(), createdAt,
                startedAt, finishedAt, error, elapsedSeconds(), listed);
    }

    Map<String, Object> logFigures() {
        return Map.of("rowsTotal", rowsTotal.get(), "recorded", recorded.get(), "alreadyRecorded",
                alreadyRecorded.get(), "failed", failed.get(), "eventsRecorded", eventsRecorded.get());
    }
}
