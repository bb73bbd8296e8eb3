package io.careerpath.command.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportRow;
import io.careerpath.command.person.domain.ImportedHistory;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs bulk imports: reads a file's rows, groups them by person, and records each person's rows as
 * one {@link ImportHistory}, decided row by row with the API's rules by the {@code Person} aggregate's
 * own logic. People are recorded in batches (whole people, at least {@code careerpath.imports.batch-rows}
 * rows) by {@code careerpath.imports.workers} threads in parallel; a batch is one database transaction
 * with one read of its people's histories and one append ({@link ImportFastPath}), instead of a
 * command, two reads, a write and a commit per row. A batch that cannot be recorded at once is recorded
 * person by person through the command bus.
 *
 * <p><b>Recording nothing twice.</b> Each row's event id is derived from the person and the row's
 * content ({@link ImportRows}); the aggregate reports a row whose id it already has as already recorded.
 * So a second run of a file, or a run after an interruption, records only what is missing, and the event
 * store's unique event ids guard the same thing once more. Rows the rules refused are remembered per file
 * ({@link ImportJobs#rememberRefusals}) in the transaction of the rows beside them, and a run of the same
 * file refuses them again with the same reason.
 *
 * <p><b>Failures.</b> A refused row does not stop anything: it is reported with its line and reason. If a
 * batch's transaction fails (another writer appended to one of its people at the same moment, a database
 * failure), nothing of it is kept and each person of the batch is tried again alone, as an
 * {@link ImportHistory} command; a person that fails alone too has every row reported as
 * {@code not-recorded} (run the file again). An import that cannot go
 * on at all ends {@code FAILED}, keeping what it recorded.
 */
@Component
public class BulkImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkImports.class);

    /** One person's rows as read, in file order, and whom they are about ({@link ImportedPersonIds}). */
    private record PersonRows(String personId, String personRef, List<SourceRow> rows) {
    }

    /** One person's command, ready to send. */
    private record PersonCommand(String personRef, ImportHistory command) {
    }

    /** The metadata key naming the import that recorded an event. */
    static final String IMPORT_METADATA = "importId";

    private final ImportRows rowDecoder;
    private final ImportedPersonIds importedPersonIds;
    private final ImportFastPath histories;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final ImportJobs jobs;
    private final ImportProperties properties;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService runner;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Map<String, ImportJob> active = new ConcurrentHashMap<>();
    /** The files of the imports queued or running here, deleted when each ends (or when the service stops). */
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private volatile boolean closing;

    BulkImports(ImportRows rowDecoder, ImportedPersonIds importedPersonIds, ImportFastPath histories,
                CommandGateway commands, PlatformTransactionManager transactionManager, ImportJobs jobs,
                ImportProperties properties, Clock clock, ObjectMapper json) {
        this.rowDecoder = rowDecoder;
        this.importedPersonIds = importedPersonIds;
        this.histories = histories;
        this.commands = commands;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.runner = Executors.newFixedThreadPool(properties.concurrentImports(), threads("import-runner"));
        this.workers = Executors.newFixedThreadPool(properties.workers(), threads("import-worker"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(threads("import-heartbeat"));
        heartbeat.scheduleWithFixedDelay(this::writeFigures, 1, 1, TimeUnit.SECONDS);
    }

    /** Checks what can be checked at once (the CSV header); throws {@link InvalidImportFile}. */
    void check(Upload upload) throws IOException {
        if (upload.nonBlankLines() == 0) {
            throw InvalidImportFile.empty("The file has no rows.");
        }
        try (Reader text = upload.open()) {
            reader(upload.format()).check(text);
        }
    }

    /** Accepts an upload (already {@linkplain #check checked}) and starts importing it; the upload is deleted after. */
    ImportStatus start(Upload upload, String recordedBy) {
        long rows = upload.nonBlankLines() - (upload.format() == ImportFormat.CSV ? 1 : 0);
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), upload.fileName(), upload.format(),
                upload.sha256(), upload.bytes(), recordedBy, clock.instant(), Math.max(0, rows),
                properties.maxReportedFailures());
        try {
            jobs.insert(job);
            active.put(job.id, job);
            uploads.put(job.id, upload);
            runner.execute(() -> run(job, upload));
        } catch (RuntimeException e) {
            active.remove(job.id);
            uploads.remove(job.id);
            upload.delete();
            throw e;
        }
        return job.status();
    }

    Optional<ImportStatus> status(String id) {
        ImportJob job = active.get(id);
        return job != null ? Optional.of(job.status()) : jobs.find(id);
    }

    List<ImportStatus> recent(int limit) {
        return jobs.recent(limit).stream()
                .map(stored -> Optional.ofNullable(active.get(stored.id()))
                        .map(job -> job.status().summary()).orElse(stored))
                .toList();
    }

    private void run(ImportJob job, Upload upload) {
        Instant startedAt = clock.instant();
        job.started(startedAt);
        try {
            store(job, false);
            Map<String, PersonRows> people = read(job, upload);
            log.info("Import {}: {} rows of {} people read in {} s", job.id, job.rowsTotal.get(), people.size(),
                    String.format(java.util.Locale.ROOT, "%.1f", job.elapsedSeconds()));
            Map<String, ImportJobs.Refusal> refusedBefore = jobs.refusals(job.fileSha256);
            List<CompletableFuture<Void>> batches = new ArrayList<>();
            List<PersonRows> batch = new ArrayList<>();
            int rows = 0;
            for (PersonRows person : people.values()) {
                batch.add(person);
                rows += person.rows().size();
                if (rows >= properties.batchRows()) {
                    batches.add(submit(job, batch, refusedBefore, startedAt));
                    batch = new ArrayList<>();
                    rows = 0;
                }
            }
            if (!batch.isEmpty()) {
                batches.add(submit(job, batch, refusedBefore, startedAt));
            }
            people.clear();
            // get(), not join(): a service stopping interrupts this thread, and the import ends INTERRUPTED
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).get();
            job.finished(clock.instant(), ImportJob.State.DONE, null);
            log.info("Import {} ({}) done in {} s, {} rows/s: {}", job.id,
                    job.fileName == null ? "unnamed " + job.format : job.fileName,
                    String.format(java.util.Locale.ROOT, "%.1f", job.elapsedSeconds()),
                    Math.round(job.rowsDone.get() / Math.max(job.elapsedSeconds(), 1e-3)), job.logFigures());
        } catch (Throwable e) {
            if (closing) {
                job.finished(clock.instant(), ImportJob.State.INTERRUPTED, "The server stopped while this import ran."
                        + " Upload the file again: rows already recorded are not recorded twice.");
            } else {
                log.error("Import {} failed", job.id, e);
                job.finished(clock.instant(), ImportJob.State.FAILED, "The import stopped: " + e
                        + ". Rows recorded until then stay recorded; upload the file again to record the rest.");
            }
        } finally {
            uploads.remove(job.id);
            upload.delete();
            store(job, true);
        }
    }

    /**
     * Writes the import's figures; {@code last}: its end and its failures, once. Serialized per import,
     * so that a heartbeat's figures never overwrite the end.
     */
    private void store(ImportJob job, boolean last) {
        synchronized (job) {
            if (job.stored) {
                return;
            }
            try {
                if (last) {
                    job.stored = true;
                    jobs.finish(job);
                    active.remove(job.id);
                } else {
                    jobs.update(job);
                }
            } catch (RuntimeException e) {
                log.warn("Could not store the {} of import {}", last ? "end" : "figures", job.id, e);
            }
        }
    }

    /** Every row of the file, by person in order of first appearance; unreadable rows are failed at once. */
    private Map<String, PersonRows> read(ImportJob job, Upload upload) throws IOException {
        Map<String, List<SourceRow>> byRef = new LinkedHashMap<>();
        long[] rows = {0};
        try (Reader text = upload.open()) {
            reader(upload.format()).read(text, row -> {
                rows[0]++;
                if (!row.readable()) {
                    fail(job, row.line(), row.personRef(), row.problem(), row.field(), row.reason());
                    return;
                }
                byRef.computeIfAbsent(row.personRef(), ref -> new ArrayList<>()).add(row);
            });
        }
        job.rowsTotal.set(rows[0]);
        Map<String, String> personIds = importedPersonIds.personIds(byRef.keySet());
        Map<String, PersonRows> people = new LinkedHashMap<>();
        byRef.forEach((ref, refRows) -> people.put(ref, new PersonRows(personIds.get(ref), ref, refRows)));
        return people;
    }

    private CompletableFuture<Void> submit(ImportJob job, List<PersonRows> people,
                                           Map<String, ImportJobs.Refusal> refusedBefore, Instant recordedAt) {
        return CompletableFuture.runAsync(() -> {
            List<PersonCommand> commands = new ArrayList<>(people.size());
            for (PersonRows person : people) {
                List<ImportRow> rows = new ArrayList<>(person.rows().size());
                for (SourceRow source : person.rows()) {
                    ImportRows.Decoded decoded = rowDecoder.decode(source.line(), person.personId(), source.fields());
                    if (!decoded.ok()) {
                        fail(job, source.line(), person.personRef(), decoded.problem(), decoded.field(),
                                decoded.reason());
                        continue;
                    }
                    ImportJobs.Refusal refused = refusedBefore.get(decoded.row().eventId());
                    if (refused != null) {
                        fail(job, source.line(), person.personRef(), refused.problem(), refused.field(),
                                refused.reason());
                        continue;
                    }
                    rows.add(decoded.row());
                }
                if (!rows.isEmpty()) {
                    commands.add(new PersonCommand(person.personRef(),
                            new ImportHistory(person.personId(), rows, job.recordedBy, recordedAt)));
                }
            }
            record(job, commands);
        }, workers);
    }

    /**
     * Records people in one transaction, through {@link ImportFastPath} (one read, one append). If that
     * fails (another writer appended to one of them meanwhile, ...), nothing of it is kept and each person
     * is recorded alone, through the command bus and the {@code Person} aggregate.
     */
    private void record(ImportJob job, List<PersonCommand> people) {
        if (people.isEmpty()) {
            return;
        }
        List<ImportedHistory> results;
        try {
            results = transactions.execute(status -> {
                List<ImportedHistory> done = histories.importAll(
                        people.stream().map(PersonCommand::command).toList(), Map.of(IMPORT_METADATA, job.id));
                jobs.rememberRefusals(job.fileSha256, refusals(done));
                return done;
            });
        } catch (RuntimeException e) {
            if (closing) {
                throw e;
            }
            log.info("Import {}: a batch of {} people could not be recorded at once ({}); recording them one by one",
                    job.id, people.size(), e.toString());
            people.forEach(person -> recordAlone(job, person));
            return;
        }
        count(job, people, results);
    }

    private void recordAlone(ImportJob job, PersonCommand person) {
        ImportedHistory result;
        try {
            result = transactions.execute(status -> {
                ImportedHistory done = commands.sendAndWait(GenericCommandMessage.asCommandMessage(person.command())
                        .andMetaData(Map.of(IMPORT_METADATA, job.id)));
                jobs.rememberRefusals(job.fileSha256, refusals(List.of(done)));
                return done;
            });
        } catch (RuntimeException e) {
            if (closing) {
                throw e;
            }
            log.warn("Import {}: the rows of {} could not be recorded", job.id, person.personRef(), e);
            for (ImportRow row : person.command().rows()) {
                fail(job, row.line(), person.personRef(), "not-recorded", null, "This person's rows could not be"
                        + " recorded (" + e.getClass().getSimpleName() + "); none of them was. Upload the file again:"
                        + " rows already recorded are not recorded twice.");
            }
            return;
        }
        count(job, List.of(person), List.of(result));
    }

    private static Map<String, ImportJobs.Refusal> refusals(List<ImportedHistory> results) {
        Map<String, ImportJobs.Refusal> refused = new LinkedHashMap<>();
        for (ImportedHistory result : results) {
            for (ImportedHistory.RowOutcome outcome : result.outcomes()) {
                if (outcome.status() == ImportedHistory.Status.REFUSED) {
                    refused.put(outcome.eventId(),
                            new ImportJobs.Refusal(outcome.problem(), outcome.field(), outcome.reason()));
                }
            }
        }
        return refused;
    }

    private static void count(ImportJob job, List<PersonCommand> people, List<ImportedHistory> results) {
        for (int i = 0; i < people.size(); i++) {
            String personRef = people.get(i).personRef();
            ImportedHistory result = results.get(i);
            job.eventsRecorded.addAndGet(result.eventsRecorded());
            for (ImportedHistory.RowOutcome outcome : result.outcomes()) {
                switch (outcome.status()) {
                    case RECORDED -> {
                        job.recorded.incrementAndGet();
                        job.rowsDone.incrementAndGet();
                    }
                    case ALREADY_RECORDED -> {
                        job.alreadyRecorded.incrementAndGet();
                        job.rowsDone.incrementAndGet();
                    }
                    case REFUSED -> fail(job, outcome.line(), personRef, outcome.problem(), outcome.field(),
                            outcome.reason());
                }
            }
        }
    }

    private static void fail(ImportJob job, long line, String personRef, String problem, String field, String reason) {
        job.fail(new ImportJob.Failure(line, personRef, problem, field, reason));
        job.rowsDone.incrementAndGet();
    }

    private RowReader reader(ImportFormat format) {
        return format == ImportFormat.CSV ? new CsvRows() : new NdjsonRows(json);
    }

    private void writeFigures() {
        active.values().forEach(job -> store(job, false));
    }

    /** Stops the imports running here; each is stored as {@code INTERRUPTED} (its rows recorded so far stay). */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        heartbeat.shutdownNow();
        runner.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        runner.awaitTermination(5, TimeUnit.SECONDS);
        for (ImportJob job : active.values()) {
            synchronized (job) {
                if (!job.stored && !job.state().finished()) {
                    job.finished(clock.instant(), ImportJob.State.INTERRUPTED, "The server stopped while this import"
                            + " ran. Upload the file again: rows already recorded are not recorded twice.");
                }
            }
            store(job, true);
        }
        uploads.values().forEach(Upload::delete);
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
