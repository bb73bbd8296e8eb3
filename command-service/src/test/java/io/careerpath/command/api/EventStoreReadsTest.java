package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.pipeline.eventstore.HistoryFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The read side's paths into the event store, compared with the event store's own rows: every head (last
 * sequence, event count, fingerprint, erased) is what {@link HistoryFingerprint} makes of the person's
 * rows, paging visits every person once, and the events come back exactly as stored. Only the query
 * service's own client gets in; ids and sizes are checked.
 */
class EventStoreReadsTest extends CommandApiTest {

    private static final String HEADS = "/internal/event-store/people";
    private static final String EVENTS = "/internal/event-store/events";

    static JwtRequestPostProcessor queryService() {
        return token("careerpath-query", null, List.of(), List.of()).authorities(new SimpleGrantedAuthority("SCOPE_careerpath.keys"));
    }

    @Test
    void everyHeadIsWhatTheStoredRowsSayErasedPeopleMarked() throws Exception {
        String kept = register();
        recorded(kept, "{\"type\": \"ADMINISTRATIVE_LOAD_RECORDED\", \"effectiveDate\": \"2020-01-01\", \"percentOfTime\": 10}");
        recorded(kept, "{\"type\": \"JOINED_PMO\", \"effectiveDate\": \"2020-02-03\", \"pmoType\": \"PROGRAM\"}");
        String erased = register();
        assertThat(mvc.perform(delete("/api/people/{id}", erased)).andReturn().getResponse().getStatus()).isEqualTo(204);

        Map<String, JsonNode> heads = allHeads(50);

        for (String person : List.of(kept, erased)) {
            TreeMap<Long, String> rows = new TreeMap<>();
            jdbc.query("SELECT sequencenumber, eventidentifier FROM domainevententry WHERE aggregateidentifier = ?",
                    row -> {
                        rows.put(row.getLong(1), row.getString(2));
                    }, person);
            JsonNode head = heads.get(person);
            assertThat(head.get("lastSequence").asLong()).isEqualTo(rows.lastKey());
            assertThat(head.get("events").asLong()).isEqualTo(rows.size());
            assertThat(head.get("fingerprint").asText()).isEqualTo(HistoryFingerprint.of(rows));
            assertThat(head.get("erased").asBoolean()).isEqualTo(person.equals(erased));
        }
        assertThat(heads.get(kept).get("events").asLong()).isEqualTo(3);
    }

    @Test
    void pagingVisitsEveryPersonOnceInIdOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            register();
        }
        List<String> visited = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            MockHttpServletRequestBuilder page = get(HEADS).param("limit", "3").with(queryService());
            if (after != null) {
                page.param("after", after);
            }
            JsonNode heads = answer(mvc.perform(page).andReturn().getResponse());
            heads.get("people").forEach(head -> visited.add(head.get("personId").asText()));
            assertThat(heads.get("people").size()).isLessThanOrEqualTo(3);
            after = next(heads);
            pages++;
        } while (after != null);

        List<String> stored = jdbc.queryForList("SELECT DISTINCT aggregateidentifier FROM domainevententry"
                + " ORDER BY aggregateidentifier", String.class);
        assertThat(visited).doesNotHaveDuplicates().isEqualTo(stored);
        // no empty last page: a page knows whether another follows
        assertThat(pages).isEqualTo((stored.size() + 2) / 3);
    }

    @Test
    void eventsComeBackAsStoredInTheOrderAskedAndUnknownPeopleWithNone() throws Exception {
        String first = register();
        recorded(first, "{\"type\": \"ADMINISTRATIVE_LOAD_RECORDED\", \"effectiveDate\": \"2020-01-01\", \"percentOfTime\": 10}");
        String second = register();
        String unknown = UUID.randomUUID().toString();

        JsonNode answer = answer(mvc.perform(post(EVENTS).with(queryService()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"personIds\": [\"" + second + "\", \"" + unknown + "\", \"" + first.toUpperCase() + "\"]}"))
                .andReturn().getResponse());

        JsonNode people = answer.get("people");
        assertThat(people.findValuesAsText("personId")).containsExactly(second, unknown, first);
        assertThat(people.get(1).get("events")).isEmpty();
        for (JsonNode person : List.of(people.get(0), people.get(2))) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM domainevententry WHERE aggregateidentifier = ?"
                    + " ORDER BY sequencenumber", person.get("personId").asText());
            assertThat(person.get("events")).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode event = person.get("events").get(i);
                Map<String, Object> row = rows.get(i);
                assertThat(event.get("aggregateType").asText()).isEqualTo(row.get("type"));
                assertThat(event.get("sequenceNumber").asLong()).isEqualTo(((Number) row.get("sequencenumber")).longValue());
                assertThat(event.get("eventIdentifier").asText()).isEqualTo(row.get("eventidentifier"));
                assertThat(event.get("timeStamp").asText()).isEqualTo(row.get("timestamp"));
                assertThat(event.get("payloadType").asText()).isEqualTo(row.get("payloadtype"));
                assertThat(event.get("payloadRevision").asText()).isEqualTo(row.get("payloadrevision"));
                assertThat(event.get("payload").asText()).isEqualTo(new String((byte[]) row.get("payload"), StandardCharsets.UTF_8));
                assertThat(event.get("metaData").asText()).isEqualTo(new String((byte[]) row.get("metadata"), StandardCharsets.UTF_8));
            }
        }
        assertThat(people.get(0).get("events").get(0).get("payload").asText()).as("personal data stays sealed")
                .doesNotContain("Ada Lovelace");
    }

    @Test
    void badParametersAndBodiesAreRefusedWithProblemDetails() throws Exception {
        assertProblem(get(HEADS).param("after", "{\"$gt\":\"\"}"), "invalid-value");
        assertProblem(get(HEADS).param("limit", "0"), "invalid-value");
        assertProblem(get(HEADS).param("limit", "1001"), "invalid-value");
        assertProblem(get(HEADS).param("limit", "ten"), "invalid-value");
        assertProblem(events("[]"), "validation");
        assertProblem(events("[\"not-a-uuid\"]"), "validation");
        assertProblem(events(IntStream.range(0, 501).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"))), "validation");
    }

    @Test
    void onlyTheQueryServicesClientGetsIn() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(get(HEADS), events("[\"" + UUID.randomUUID() + "\"]"))) {
            MockHttpServletResponse asHr = mvc.perform(request).andReturn().getResponse();
            assertThat(asHr.getStatus()).isEqualTo(403);
            assertThat(asHr.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        MockHttpServletResponse anonymous = anonymous().perform(get(HEADS)).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    private MockHttpServletRequestBuilder events(String ids) {
        return post(EVENTS).contentType(MediaType.APPLICATION_JSON).content("{\"personIds\": " + ids + "}");
    }

    private void assertProblem(MockHttpServletRequestBuilder request, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(queryService())).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json.readTree(response.getContentAsString()).get("type").asText()).isEqualTo("urn:careerpath:problem:" + type);
    }

    /** Every head, page by page. */
    private Map<String, JsonNode> allHeads(int limit) throws Exception {
        Map<String, JsonNode> heads = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        String after = null;
        do {
            MockHttpServletRequestBuilder page = get(HEADS).param("limit", String.valueOf(limit)).with(queryService());
            if (after != null) {
                page.param("after", after);
            }
            JsonNode answer = answer(mvc.perform(page).andReturn().getResponse());
            answer.get("people").forEach(head -> {
                assertThat(seen.add(head.get("personId").asText())).isTrue();
                heads.put(head.get("personId").asText(), head);
            });
            after = next(answer);
        } while (after != null);
        return heads;
    }

    /** The next page's after; absent on the last page (the API leaves nulls out). */
    private static String next(JsonNode heads) {
        JsonNode next = heads.path("next");
        return next.isMissingNode() || next.isNull() ? null : next.asText();
    }

    private JsonNode answer(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        return json.readTree(response.getContentAsString());
    }
}
