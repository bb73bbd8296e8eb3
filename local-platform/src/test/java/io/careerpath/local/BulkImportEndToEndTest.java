package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.command.imports.ImportedPersonIds;
import io.careerpath.events.PersonRegistered;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import on real infrastructure (PostgreSQL event store, Kafka, the Mongo-wire read models): a
 * generated file of more than 100,000 rows for 10,000 people, 500 of them deliberately wrong. The
 * import reports its progress while it runs, every wrong row with its line and reason, records every
 * valid row (counted in the event store, spot-checked on the query side), and a second run of the same
 * file records nothing and refuses the same rows for the same reasons.
 */
class BulkImportEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(BulkImportEndToEndTest.class);
    private static final int PEOPLE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void aHundredThousandRowsWithProgressFailuresByLineAndNothingTwiceOnASecondRun(@TempDir Path dir) throws Exception {
        BulkImportFiles.Written file = BulkImportFiles.csv(dir.resolve("career-history.csv"), PEOPLE);
        assertThat(file.rows()).isGreaterThanOrEqualTo(100_000);
        long eventsBefore = storedEvents();

        List<JsonNode> seen = new ArrayList<>();
        JsonNode first = awaitEnd(upload(file.file()), seen);

        log.info("First run: {} rows in {} s, {} rows/s", first.get("rowsTotal"), first.get("elapsedSeconds"),
                first.get("ratePerSecond"));
        assertThat(first.get("state").asText()).as("%s", first.get("error")).isEqualTo("DONE");
        assertThat(seen).as("progress while it ran").anySatisfy(progress -> {
            assertThat(progress.get("state").asText()).isEqualTo("RUNNING");
            assertThat(progress.get("rowsDone").asLong()).isPositive().isLessThan(progress.get("rowsTotal").asLong());
            assertThat(progress.get("ratePerSecond").asDouble()).isPositive();
            assertThat(progress.get("secondsLeft").isNumber()).isTrue();
        });
        assertThat(first.get("rowsTotal").asLong()).isEqualTo(file.rows());
        assertThat(first.get("rowsDone").asLong()).isEqualTo(file.rows());
        assertThat(first.get("recorded").asLong()).isEqualTo(file.validRows());
        assertThat(first.get("alreadyRecorded").asLong()).isZero();
        assertThat(first.get("failed").asLong()).isEqualTo(file.expectedFailures().size());
        assertThat(first.get("eventsRecorded").asLong()).isEqualTo(file.expectedEvents());
        // who recorded: the person the importing account is (from its token), never a name
        assertThat(first.get("recordedBy").asText()).isEqualTo(platform.personIdOf(RunningPlatform.HR_ADMIN));
        assertThat(failures(first)).isEqualTo(file.expectedFailures());
        assertThat(first.get("failures")).allSatisfy(failure -> {
            assertThat(failure.get("reason").asText()).isNotBlank();
            assertThat(failure.get("personRef").asText()).matches("HR\\d{6}|GHOST\\d+");
        });
        assertThat(storedEvents()).isEqualTo(eventsBefore + file.expectedEvents());

        // people near the start of the file: the query side has them within seconds, while it works through
        // the other 120,000 events at its own pace (about 1,000 a second on these machines)
        for (int person : new int[] {0, 1, 27, 1_007}) {
            spotCheckTimeline(person);
        }

        JsonNode second = awaitEnd(upload(file.file()), new ArrayList<>());

        log.info("Second run: {} rows in {} s, {} rows/s", second.get("rowsTotal"), second.get("elapsedSeconds"),
                second.get("ratePerSecond"));
        assertThat(second.get("state").asText()).isEqualTo("DONE");
        assertThat(second.get("recorded").asLong()).isZero();
        assertThat(second.get("eventsRecorded").asLong()).isZero();
        assertThat(second.get("alreadyRecorded").asLong()).isEqualTo(file.validRows());
        assertThat(second.get("failures")).isEqualTo(first.get("failures"));
        assertThat(storedEvents()).isEqualTo(eventsBefore + file.expectedEvents());
    }

    /**
     * Another writer appends to a person while a batch of the import records them: the batch's append
     * waits on PostgreSQL's unique (person, sequence) key, fails once the other writer commits, and
     * nothing of the batch is kept; each of its people is then recorded alone, through the aggregate,
     * on top of what the other writer recorded.
     */
    @Test
    void aBatchRacingAnotherWriterIsRecordedPersonByPersonOnTopOfIt(@TempDir Path dir) throws Exception {
        String prefix = "RACE-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        StringBuilder rows = new StringBuilder("personRef,type,effectiveDate,displayName,teamId,projectName\n");
        for (int i = 0; i < 5; i++) {
            rows.append(prefix).append(i).append(",PERSON_REGISTERED,2015-01-05,Person ").append(i).append(",team-r,\n");
            rows.append(prefix).append(i).append(",DELIVERY_ROLE_STARTED,2015-02-02,,,Project ").append(i).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("race.csv"), rows);
        String contested = importedPersonId(prefix + 0);
        ConfigurableApplicationContext commandService = platform.services.commandContext();
        PersonRegistered rival = new PersonRegistered(contested, UUID.randomUUID().toString(), LocalDate.of(2014, 1, 6),
                "another-writer", Instant.now(), "Registered elsewhere", "team-rival");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> otherWriter = CompletableFuture.runAsync(() -> new TransactionTemplate(
                commandService.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
                    commandService.getBean(EventStorageEngine.class)
                            .appendEvents(new GenericDomainEventMessage<>("Person", contested, 0, rival));
                    appended.countDown();
                    RaceHelpers.awaitQuietly(commit);
                }));
        JsonNode done;
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            String location = upload(csv);
            await().atMost(Duration.ofSeconds(60)).until(() -> RaceHelpers.sessionsWaitingOnALock(commandService) > 0);
            commit.countDown();
            otherWriter.get(30, TimeUnit.SECONDS);
            done = awaitEnd(location, new ArrayList<>());
        } finally {
            commit.countDown();
        }

        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("recorded").asLong()).isEqualTo(9);
        assertThat(failures(done)).isEqualTo(Map.of(2L, "person-already-registered"));
        JsonNode events = platform.client.careerEvents(contested).get("events");
        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.get("type").asText()))
                .containsExactly("PERSON_REGISTERED", "DELIVERY_ROLE_STARTED");
        assertThat(events.get(0).get("eventId").asText()).isEqualTo(rival.eventId());
        assertThat(platform.client.careerEvents(importedPersonId(prefix + 4)).get("events")).hasSize(2);
    }

    /** The person the personRef names on this platform. */
    private static String importedPersonId(String personRef) {
        return platform.services.commandContext().getBean(ImportedPersonIds.class).personId(personRef);
    }

    /** The person's timeline on the query side: the career the generator wrote, all of it. */
    private static void spotCheckTimeline(int n) {
        String personId = importedPersonId(BulkImportFiles.personRef(n));
        JsonNode timeline = platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong()
                >= BulkImportFiles.EVENTS_PER_PERSON - 1);
        assertThat(timeline.get("sequence").asLong()).isEqualTo(BulkImportFiles.EVENTS_PER_PERSON - 1);
        assertThat(timeline.get("teamId").asText()).isEqualTo("team-" + (n + 1) % 200);
        assertThat(timeline.get("displayName").asText()).endsWith(" " + n);
        List<String> assignments = StreamSupport.stream(timeline.get("assignments").spliterator(), false)
                .map(a -> a.get("kind").asText() + " " + a.get("name").asText() + " " + a.get("outcome").asText()
                        + (a.get("regained").asBoolean() ? " regained" : ""))
                .toList();
        assertThat(assignments).containsExactly("DELIVERY Project " + n + "-1 null", "PMO PMO " + n % 13 + " null",
                "TROUBLED_PROGRAM Program " + n + " " + new String[] {"RESCUED", "CANCELLED", "HANDED_OVER"}[n % 3],
                "DELIVERY Project " + n + "-2 null regained");
        assertThat(timeline.get("entries")).anySatisfy(entry ->
                assertThat(entry.get("recordedBy").asText()).isEqualTo(platform.personIdOf(RunningPlatform.HR_ADMIN)));
    }

    private static String upload(Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.services.commandPort()
                        + "/api/imports?fileName=" + file.getFileName()))
                .header("Content-Type", "text/csv")
                .header("Authorization", platform.bearer(RunningPlatform.HR_ADMIN))
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Polls the import until it ends; every answer on the way is added to {@code seen}. */
    private static JsonNode awaitEnd(String location, List<JsonNode> seen) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = platform.commandApi.get().uri(location).retrieve().body(JsonNode.class);
            seen.add(status);
            return !List.of("QUEUED", "RUNNING").contains(status.get("state").asText());
        });
        return seen.get(seen.size() - 1);
    }

    /** line → problem slug. */
    private static Map<Long, String> failures(JsonNode status) {
        Map<Long, String> failures = new TreeMap<>();
        status.get("failures").forEach(f -> failures.put(f.get("line").asLong(),
                f.get("problem").asText().replace("urn:careerpath:problem:", "")));
        return failures;
    }

    private static long storedEvents() {
        return platform.services.commandContext().getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

}
