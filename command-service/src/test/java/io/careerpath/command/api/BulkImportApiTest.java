package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;

/**
 * {@code POST /api/imports}: a file of rows, each decided with the API's rules; the answers and the
 * refusals of the endpoint itself. The end-to-end run with 100,000 rows on PostgreSQL is
 * BulkImportEndToEndTest in local-platform.
 */
class BulkImportApiTest extends CommandApiTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    /** Keeps the people of one test apart from every other test's (the context and its database are shared). */
    private String p;

    @BeforeEach
    void freshPeople() {
        p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    /** One of each kind of outcome; the comment on each row says what becomes of it. */
    private String history() {
        return String.join("\n",
                "personRef,type,effectiveDate,displayName,teamId,projectName,pmoType,outcome,percentOfTime",
                p + "E1,PERSON_REGISTERED,2014-01-06,\"Lovelace, Ada\",team-apollo,,,,",       // 2 recorded
                p + "E1,DELIVERY_ROLE_STARTED,2014-01-06,,,\"Billing \"\"v2\"\"\",,,",            // 3 recorded
                p + "E1,ASSIGNMENT_ENDED,2016-01-01,,,,,RESCUED,",                                // 4 invalid-outcome
                p + "E1,JOINED_PMO,2019-01-07,,,,ORGANIZATIONAL,,",                               // 5 recorded (+ end)
                p + "E1,ADMINISTRATIVE_LOAD_RECORDED,2019-10-01,,,,,,150",                        // 6 validation
                p + "E2,DELIVERY_ROLE_STARTED,2015-01-01,,,Ledger,,,",                            // 7 person-not-found
                p + "E3,ASSIGNMENT_ENDED,2012-06-01,,,,,COMPLETED,",                              // 8 no-assignment-to-end
                p + "E3,PERSON_REGISTERED,2010-01-04,Grace Hopper,team-navy,,,,",                 // 9 recorded (first)
                p + "E3,DELIVERY_ROLE_STARTED,2011-01-03,,,Compiler,,,",                          // 10 recorded
                p + "E3,TEAM_CHANGED,2030-01-01,,team-x,,,,",                                     // 11 future date
                p + "E4,JOINED_PMO,2020-01-01,,,,MATRIX,,",                                       // 12 invalid-value
                p + "E1,PERSON_REGISTERED,2014-01-06,\"Lovelace, Ada\",team-apollo,,,,",       // 13 already recorded
                p + "E1,PROMOTED,2020-01-01,,,,,,",                                               // 14 unknown-event-type
                "\"" + p + "E5\",PERSON_REGISTERED,2018-01-01,\"Multi",                          // 15 recorded
                "line name\",team-x,,,,",                                                         //    (16)
                p + "E5,DELIVERY_ROLE_STARTED,2018-01-01,,,X,,,,",                                // 17 malformed-row
                p + "E5,TEAM_CHANGED,2019-01-01,,team-y,,,,") + "\n";                             // 18 recorded
    }

    @Test
    void everyRowIsDecidedWithTheApiRulesAndRefusalsAreReportedWithLineAndReason() throws Exception {
        MockHttpServletResponse accepted = mvc.perform(post("/api/imports").contentType(CSV)
                .content(history())).andReturn().getResponse();

        assertThat(accepted.getStatus()).as(accepted.getContentAsString()).isEqualTo(202);
        String location = accepted.getHeader("Location");
        assertThat(location).matches("/api/imports/[0-9a-f-]{36}");
        JsonNode done = awaitEnd(location);

        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(figures(done)).containsExactly(16L, 16L, 7L, 1L, 8L, 8L);
        assertThat(failures(done)).containsExactly(
                Map.entry(4L, "invalid-outcome"), Map.entry(6L, "validation"), Map.entry(7L, "person-not-found"),
                Map.entry(8L, "no-assignment-to-end"), Map.entry(11L, "effective-date-out-of-range"),
                Map.entry(12L, "invalid-value"), Map.entry(14L, "unknown-event-type"), Map.entry(17L, "malformed-row"));
        JsonNode overLimit = failure(done, 6);
        assertThat(overLimit.get("reason").asText()).isEqualTo("percentOfTime: must be less than or equal to 100");
        assertThat(overLimit.get("field").asText()).isEqualTo("percentOfTime");
        assertThat(overLimit.get("personRef").asText()).isEqualTo(p + "E1");
        assertThat(failure(done, 12).get("reason").asText()).contains("pmoType", "PROGRAM, ORGANIZATIONAL, EXECUTIVE");
        assertThat(failure(done, 17).get("reason").asText()).contains("10 cells", "header 9");

        List<CareerEvent> ada = openedEvents(importedPersonId(p + "E1"));
        assertThat(ada).extracting(e -> e.getClass().getSimpleName()).containsExactly("PersonRegistered",
                "DeliveryRoleStarted", "AssignmentEnded", "JoinedPmo");
        assertThat(ada).allSatisfy(e -> assertThat(e.recordedBy()).isEqualTo(RECORDER));
        assertThat(((PersonRegistered) ada.get(0)).displayName()).isEqualTo("Lovelace, Ada");
        assertThat(((DeliveryRoleStarted) ada.get(1)).projectName()).isEqualTo("Billing \"v2\"");
        assertThat(((AssignmentEnded) ada.get(2)).supersededBy()).isEqualTo(ada.get(3).eventId());
        assertThat(((JoinedPmo) ada.get(3)).deliveryResponsibility()).isEqualTo(DeliveryResponsibility.NONE);
        assertThat(storedEvents(importedPersonId(p + "E3"))).extracting(CareerEvent::effectiveDate)
                .extracting(Object::toString).containsExactly("2010-01-04", "2011-01-03");
        assertThat(((PersonRegistered) openedEvents(importedPersonId(p + "E5")).get(0)).displayName())
                .isEqualTo("Multi\nline name");
        assertThat(storedEvents(importedPersonId(p + "E2"))).isEmpty();
    }

    @Test
    void theSameFileAgainRecordsNothingAndARefusedRowStaysRefused() throws Exception {
        JsonNode first = awaitEnd(upload(history(), CSV));
        long events = allStoredEvents();

        JsonNode second = awaitEnd(upload(history(), CSV));

        assertThat(second.get("state").asText()).isEqualTo("DONE");
        assertThat(figures(second)).containsExactly(16L, 16L, 0L, 8L, 8L, 0L);
        assertThat(allStoredEvents()).isEqualTo(events);
        // line 8 (an end before E3's delivery role in file order) would fit the history as it is now; it
        // was refused in the first run and stays refused, with the same reason
        assertThat(second.get("failures")).isEqualTo(first.get("failures"));
        assertThat(second.get("fileSha256").asText()).isEqualTo(first.get("fileSha256").asText());
    }

    @Test
    void theSameRowsAsNdjsonAreTheSameEventsAndNdjsonLinesAreReadAsStrictlyAsBodies() throws Exception {
        awaitEnd(upload(history(), CSV));
        String ndjson = String.join("\n",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"PERSON_REGISTERED\", \"effectiveDate\": \"2014-01-06\","
                        + " \"displayName\": \"Lovelace, Ada\", \"teamId\": \"team-apollo\"}",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2014-01-06\","
                        + " \"projectName\": \"Billing \\\"v2\\\"\"}",
                "",
                "{\"type\": \"JOINED_PMO\", \"pmoType\": \"ORGANIZATIONAL\", \"effectiveDate\": \"2019-01-07\","
                        + " \"personRef\": \"" + p + "E1\", \"pmoName\": null}",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"SKILL_ASSESSED\", \"effectiveDate\": \"2020-01-01\","
                        + " \"skill\": \"LEADERSHIP\", \"level\": 3}",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"TEAM_CHANGED\",",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"TEAM_CHANGED\", \"type\": \"JOINED_PMO\"}",
                "[1, 2]",
                "{\"personRef\": 42, \"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-01\", \"teamId\": \"t\"}",
                "{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-01\", \"teamId\": \"t\"}",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-01\","
                        + " \"teamId\": 7}",
                "{\"personRef\": \"" + p + "E1\", \"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-01\","
                        + " \"teamId\": \"t\", \"recordedBy\": \"someone\"}");

        JsonNode done = awaitEnd(upload(ndjson, NDJSON));

        assertThat(figures(done)).containsExactly(11L, 11L, 1L, 3L, 7L, 1L);
        assertThat(failures(done)).containsExactly(Map.entry(6L, "malformed-row"), Map.entry(7L, "malformed-row"),
                Map.entry(8L, "malformed-row"), Map.entry(9L, "invalid-value"), Map.entry(10L, "validation"),
                Map.entry(11L, "invalid-value"), Map.entry(12L, "unknown-field"));
        assertThat(failure(done, 7).get("reason").asText()).contains("Duplicate field 'type'");
        assertThat(failure(done, 12).get("reason").asText()).contains("'recordedBy' is not accepted");
        assertThat(storedEvents(importedPersonId(p + "E1"))).hasSize(5);
    }

    @Test
    void aLineBreakInAQuotedCellIsStoredAsWrittenCrLfAndLoneCrIncluded() throws Exception {
        String name = "Multi\r\nline\rname\nend";
        String csv = String.join("\r\n", "personRef,type,effectiveDate,displayName,teamId",
                p + "B1,PERSON_REGISTERED,2018-01-01,\"" + name + "\",team-x",
                p + "B1,TEAM_CHANGED,2019-01-01,,team-y") + "\r\n";
        String ndjson = "{\"personRef\": \"" + p + "B2\", \"type\": \"PERSON_REGISTERED\", \"effectiveDate\":"
                + " \"2018-01-01\", \"displayName\": \"Multi\\r\\nline\\rname\\nend\", \"teamId\": \"team-x\"}\r\n";

        JsonNode fromCsv = awaitEnd(upload(csv, CSV));
        JsonNode fromNdjson = awaitEnd(upload(ndjson, NDJSON));

        assertThat(figures(fromCsv)).containsExactly(2L, 2L, 2L, 0L, 0L, 2L);
        assertThat(figures(fromNdjson)).containsExactly(1L, 1L, 1L, 0L, 0L, 1L);
        for (String ref : List.of(p + "B1", p + "B2")) {
            String person = importedPersonId(ref);
            assertThat(((PersonRegistered) openedEvents(person).get(0)).displayName()).as(ref).isEqualTo(name);
            JsonNode audit = json.readTree(mvc.perform(get("/api/people/{id}/career-events", person)).andReturn()
                    .getResponse().getContentAsString());
            assertThat(audit.at("/events/0/details/displayName").asText()).as(ref).isEqualTo(name);
        }
    }

    @Test
    void anUnclosedQuoteCostsOnlyItsOwnRowAndTheRowsAfterItAreRecorded() throws Exception {
        String csv = String.join("\n", "personRef,type,effectiveDate,displayName,teamId",
                p + "Q1,PERSON_REGISTERED,2014-01-06,\"Lovelace, Ada\",team-apollo",
                p + "Q2,PERSON_REGISTERED,2015-01-05,\"Hopper, Grace,team-navy",             // 3: quote not closed
                p + "Q3,PERSON_REGISTERED,2016-01-04,\"Story, Pat\",team-gemini",
                p + "Q4,PERSON_REGISTERED,2017-01-02,Kay,team-k",
                p + "Q5,PERSON_REGISTERED,2017-01-02,\"Never closed,team-k") + "\n";         // 6: up to the end

        JsonNode done = awaitEnd(upload(csv, CSV));

        assertThat(figures(done)).containsExactly(5L, 5L, 3L, 0L, 2L, 3L);
        assertThat(failures(done)).containsExactly(Map.entry(3L, "malformed-row"), Map.entry(6L, "malformed-row"));
        assertThat(failure(done, 3).get("reason").asText()).contains("cell 4", "not closed");
        assertThat(((PersonRegistered) openedEvents(importedPersonId(p + "Q3")).get(0)).displayName())
                .isEqualTo("Story, Pat");
        assertThat(storedEvents(importedPersonId(p + "Q4"))).hasSize(1);
        assertThat(storedEvents(importedPersonId(p + "Q2"))).isEmpty();
    }

    @Test
    void aFileCanBeSentAsAFormAndItsFormatToldByItsName() throws Exception {
        String rows = "personRef,type,effectiveDate,displayName,teamId\n" + p + "F1,PERSON_REGISTERED,2020-01-06,Kay,team-k\n";
        MockMultipartFile file = new MockMultipartFile("file", "history.csv", "application/octet-stream",
                rows.getBytes(StandardCharsets.UTF_8));

        MockHttpServletResponse accepted = mvc.perform(multipart("/api/imports").file(file)).andReturn().getResponse();

        assertThat(accepted.getStatus()).as(accepted.getContentAsString()).isEqualTo(202);
        JsonNode done = awaitEnd(accepted.getHeader("Location"));
        assertThat(done.get("fileName").asText()).isEqualTo("history.csv");
        assertThat(done.get("format").asText()).isEqualTo("CSV");
        assertThat(done.get("recorded").asLong()).isEqualTo(1);
        assertThat(done.get("ratePerSecond").asDouble()).isPositive();
        assertThat(done.get("secondsLeft").asDouble()).isZero();
    }

    @Test
    void aFileLargerThanTheApiBodyLimitIsAccepted() throws Exception {
        StringBuilder rows = new StringBuilder("personRef,type,effectiveDate,displayName,teamId\n");
        for (int i = 0; rows.length() < 200 * 1024; i++) {
            rows.append(p).append("L").append(i).append(",PERSON_REGISTERED,2020-01-06,Person ").append(i)
                    .append(",team-large\n");
        }

        JsonNode done = awaitEnd(upload(rows.toString(), CSV));

        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("recorded").asLong()).isEqualTo(done.get("rowsTotal").asLong()).isGreaterThan(2000);
    }

    @Test
    void theImportsAreListedNewestFirst() throws Exception {
        String location = upload("personRef,type,effectiveDate,displayName,teamId\n" + p
                + "G1,PERSON_REGISTERED,2020-01-06,Gene,team-g\n", CSV);
        awaitEnd(location);

        JsonNode list = json.readTree(mvc.perform(get("/api/imports")).andReturn().getResponse().getContentAsString());

        assertThat(list.get(0).get("id").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(list.get(0).get("failures")).isEmpty();
    }

    /** docs/samples: what docs/bulk-import.md says they do, in both formats (the same rows, the same events). */
    @Test
    void theSampleFilesImportAsDocumented() throws Exception {
        java.nio.file.Path samples = java.nio.file.Path.of("..", "docs", "samples");

        JsonNode csv = awaitEnd(upload(java.nio.file.Files.readString(samples.resolve("career-history-sample.csv")), CSV));
        JsonNode ndjson = awaitEnd(upload(java.nio.file.Files.readString(samples.resolve("career-history-sample.ndjson")),
                NDJSON));

        assertThat(figures(csv)).containsExactly(19L, 19L, 16L, 0L, 3L, 19L);
        assertThat(failures(csv)).containsExactly(Map.entry(18L, "regain-while-delivering"),
                Map.entry(19L, "validation"), Map.entry(20L, "person-not-found"));
        assertThat(figures(ndjson)).containsExactly(19L, 19L, 0L, 16L, 3L, 0L);
        assertThat(failures(ndjson)).containsExactly(Map.entry(17L, "regain-while-delivering"),
                Map.entry(18L, "validation"), Map.entry(19L, "person-not-found"));
        assertThat(storedEvents(importedPersonId("HR-1001"))).hasSize(11);
    }

    @Test
    void anImportWhoseServerStoppedWritingItsFiguresIsShownInterrupted() throws Exception {
        String id = UUID.randomUUID().toString();
        java.time.OffsetDateTime aMinuteAgo = NOW.minusSeconds(60).atOffset(java.time.ZoneOffset.UTC);
        jdbc.update("INSERT INTO import_jobs (job_id, state, file_name, format, file_sha256, file_bytes, recorded_by,"
                + " rows_total, rows_done, recorded, already_recorded, failed, events_recorded, created_at, started_at,"
                + " elapsed_micros, updated_at) VALUES (?, 'RUNNING', 'big.csv', 'CSV', ?, 1000, 'hr-admin', 100, 40, 40,"
                + " 0, 0, 40, ?, ?, 2000000, ?)", id, "0".repeat(64), aMinuteAgo, aMinuteAgo, aMinuteAgo);

        JsonNode status = json.readTree(mvc.perform(get("/api/imports/{id}", id)).andReturn().getResponse()
                .getContentAsString());

        assertThat(status.get("state").asText()).isEqualTo("INTERRUPTED");
        assertThat(status.get("error").asText()).contains("Upload the file again");
        assertThat(status.get("rowsDone").asLong()).isEqualTo(40);
        assertThat(status.get("ratePerSecond").asDouble()).isEqualTo(20.0);
        assertThat(status.get("secondsLeft").isNull()).isTrue();
    }

    // ---- refusals of the endpoint itself ----

    @Test
    void aBodyThatIsNeitherCsvNorNdjsonIsRefusedWith415() throws Exception {
        assertProblem(mvc.perform(post("/api/imports").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andReturn().getResponse(), 415, "unsupported-media-type", "format=csv");
    }

    @Test
    void anUnknownFormatParameterIsRefused() throws Exception {
        assertProblem(mvc.perform(post("/api/imports?format=xlsx").contentType(CSV).content("a"))
                .andReturn().getResponse(), 400, "invalid-value", "csv or ndjson");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV).content("\n  \n")).andReturn().getResponse(),
                400, "import-file-empty", "no rows");
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV).content("personRef,type\n")).andReturn()
                .getResponse(), 202, null, null);
    }

    @Test
    void aHeaderWithAnUnknownOrMissingColumnIsRefusedBeforeAnythingIsRecorded() throws Exception {
        long events = allStoredEvents();
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV)
                        .content("personRef,type,effectiveDate,displayname\n" + p + "X,PERSON_REGISTERED,2020-01-01,X\n"))
                .andReturn().getResponse(), 400, "import-file-invalid", "'displayname'");
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV).content("type,effectiveDate\nTEAM_CHANGED,2020-01-01\n"))
                .andReturn().getResponse(), 400, "import-file-invalid", "no 'personRef' column");
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV).content("personRef,type,type\nx,y,z\n"))
                .andReturn().getResponse(), 400, "import-file-invalid", "'type' twice");
        assertThat(allStoredEvents()).isEqualTo(events);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        byte[] latin1 = ("personRef,type,effectiveDate,displayName,teamId\n" + p
                + "Z,PERSON_REGISTERED,2020-01-01,Zoë,t\n").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(mvc.perform(post("/api/imports").contentType(CSV).content(latin1)).andReturn().getResponse(),
                400, "import-file-invalid", "UTF-8");
    }

    @Test
    void aFormWithoutTheFilePartIsRefused() throws Exception {
        MockMultipartFile other = new MockMultipartFile("upload", "x.csv", "text/csv", "a".getBytes(StandardCharsets.UTF_8));
        assertProblem(mvc.perform(multipart("/api/imports").file(other)).andReturn().getResponse(), 400,
                "malformed-body", "part 'file'");
    }

    @Test
    void anUnknownImportIsNotFound() throws Exception {
        assertProblem(mvc.perform(get("/api/imports/{id}", UUID.randomUUID())).andReturn().getResponse(), 404,
                "import-not-found", "No import");
    }

    @Test
    void theDashboardOriginMayUploadAndFollowAnImport() throws Exception {
        MockHttpServletResponse preflight = mvc.perform(options("/api/imports")
                        .header("Origin", "http://localhost:8081")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type"))
                .andReturn().getResponse();

        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8081");
        MockHttpServletResponse upload = mvc.perform(post("/api/imports").contentType(CSV)
                .header("Origin", "http://localhost:8081")
                .content("personRef,type,effectiveDate,displayName,teamId\n" + p + "C1,PERSON_REGISTERED,2020-01-06,C,t\n"))
                .andReturn().getResponse();
        assertThat(upload.getStatus()).isEqualTo(202);
        assertThat(upload.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8081");
        assertThat(upload.getHeader("Access-Control-Expose-Headers")).contains("Location");
    }

    // ---- helpers ----



    /** rowsTotal, rowsDone, recorded, alreadyRecorded, failed, eventsRecorded. */
    private static List<Long> figures(JsonNode status) {
        return List.of("rowsTotal", "rowsDone", "recorded", "alreadyRecorded", "failed", "eventsRecorded").stream()
                .map(name -> status.get(name).asLong()).toList();
    }

    /** line → problem slug, in line order. */
    private static List<Map.Entry<Long, String>> failures(JsonNode status) {
        Map<Long, String> failures = new LinkedHashMap<>();
        status.get("failures").forEach(f -> failures.put(f.get("line").asLong(),
                f.get("problem").asText().replace("urn:careerpath:problem:", "")));
        return List.copyOf(failures.entrySet());
    }

    private static JsonNode failure(JsonNode status, long line) {
        return StreamSupport.stream(status.get("failures").spliterator(), false)
                .filter(f -> f.get("line").asLong() == line).findFirst().orElseThrow();
    }

    private void assertProblem(MockHttpServletResponse response, int status, String slug, String detail)
            throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        if (slug != null) {
            JsonNode problem = json.readTree(response.getContentAsString());
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:" + slug);
            assertThat(problem.get("detail").asText()).contains(detail);
        }
    }
}
