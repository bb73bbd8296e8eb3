package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.security.PersonalData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Crypto-shredding (docs/security.md): names and free text are sealed with the person's key before
 * anything is stored, on the API path and the import path alike; the audit view opens them; erasing the
 * person records PersonErased, destroys the key and what else is held about them, and leaves nothing
 * to find; the query service fetches keys on the key path.
 */
class PersonalDataTest extends CommandApiTest {

    private final String name = "Zelda Quintero " + UUID.randomUUID().toString().substring(0, 6);
    private final String project = "Project Nightingale " + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void namesAndFreeTextAreStoredSealedAndTheAuditViewOpensThem() throws Exception {
        String key = UUID.randomUUID().toString();
        String person = registered(name);
        mvc.perform(record(person, """
                {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2015-01-05", "projectName": "%s"}""".formatted(project))
                .header("Idempotency-Key", key)).andReturn();
        JsonNode pmo = recorded(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2016-01-04", "pmoType": "PROGRAM", "pmoName": "%s"}""".formatted(project));
        recorded(person, """
                {"type": "SKILL_ASSESSED", "effectiveDate": "2016-02-01", "skill": "LEADERSHIP", "level": 3, "assessor": "%s"}"""
                .formatted(name));
        recorded(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2016-03-01", "eventId": "%s", "reason": "%s"}"""
                .formatted(pmo.get("eventId").asText(), name));

        assertThat(rawPayloads(person)).hasSize(7).noneMatch(payload -> payload.contains(name) || payload.contains(project));
        assertThat(rawPayloads(person).get(0)).contains(PersonalData.PREFIX);
        assertThat(jdbc.queryForList("SELECT body FROM idempotency_keys WHERE person_id = ?", String.class, person))
                .hasSize(1).noneMatch(body -> body.contains(project));
        JsonNode audit = json.readTree(mvc.perform(history(person)).andReturn().getResponse().getContentAsString());
        assertThat(audit.at("/events/0/details/displayName").asText()).isEqualTo(name);
        assertThat(audit.at("/events/1/details/projectName").asText()).isEqualTo(project);
        assertThat(audit.toString()).doesNotContain(PersonalData.PREFIX);
    }

    @Test
    void aBulkImportSealsTooAndCreatesTheKeyWithTheRegistration() throws Exception {
        String ref = "sealed-" + UUID.randomUUID();
        String person = importedPersonId(ref);
        String file = "personRef,type,effectiveDate,displayName,teamId,projectName\n"
                + ref + ",PERSON_REGISTERED,2014-01-06," + name + ",team-apollo,\n"
                + ref + ",DELIVERY_ROLE_STARTED,2014-02-03,,," + project + "\n"
                // refused (regained while delivering): its failure is listed without echoing the project
                + ref + ",REGAINED_DELIVERY_ROLE,2014-03-03,,," + project + " II\n";

        JsonNode done = awaitEnd(upload(file));

        assertThat(done.get("recorded").asLong()).isEqualTo(2);
        assertThat(keys.find(person)).isPresent();
        assertThat(rawPayloads(person)).hasSize(2).noneMatch(payload -> payload.contains(name) || payload.contains(project));
        assertThat(done.toString()).doesNotContain(name).doesNotContain(project);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT reason FROM import_job_failures WHERE person_id = ?", String.class, person).size() == 1);
        assertThat(jdbc.queryForList("SELECT reason FROM import_job_failures WHERE person_id = ?", String.class, person))
                .noneMatch(reason -> reason.contains(project));
        assertThat(jdbc.queryForList("SELECT reason FROM import_refused_rows", String.class))
                .noneMatch(reason -> reason.contains(project) || reason.contains(name));
        assertThat(openedEvents(person).get(0).toString()).contains(name);
    }

    @Test
    void erasureRecordsPersonErasedDestroysTheKeyAndEverythingAboutThePersonAnswers404() throws Exception {
        String person = registered(name);
        recorded(person, """
                {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2015-01-05", "projectName": "%s"}""".formatted(project));
        mvc.perform(record(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2016-01-04", "teamId": "team-x"}""")
                .header("Idempotency-Key", UUID.randomUUID().toString())).andReturn();

        MockHttpServletResponse erased = mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse();

        assertThat(erased.getStatus()).as(erased.getContentAsString()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM person_keys WHERE person_id = ?", Long.class, person)).isZero();
        assertThat(keys.find(person)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_keys WHERE person_id = ?", Long.class, person))
                .isZero();
        List<CareerEvent> stored = storedEvents(person);
        assertThat(stored).hasSize(4);
        assertThat(stored.get(3)).isEqualTo(new PersonErased(person, stored.get(3).eventId(), LocalDate.of(2025, 6, 15),
                RECORDER, NOW));
        assertThat(rawPayloads(person)).noneMatch(payload -> payload.contains(name) || payload.contains(project));

        assertNotFound(record(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2017-01-02", "teamId": "team-y"}"""), person);
        assertNotFound(history(person), person);
        assertNotFound(delete("/api/people/{id}", person), person);
        assertThat(storedEvents(person)).hasSize(4);
        assertThat(keysFor(person)).isEmpty();
    }

    @Test
    void erasingAnImportedPersonDeletesTheFailuresListedForThem() throws Exception {
        String ref = "erased-" + UUID.randomUUID();
        String person = importedPersonId(ref);
        awaitEnd(upload("personRef,type,effectiveDate,displayName,teamId,percentOfTime\n"
                + ref + ",PERSON_REGISTERED,2014-01-06," + name + ",team-apollo,\n"
                + ref + ",ADMINISTRATIVE_LOAD_RECORDED,2015-01-01,,,150\n"));
        // the failures are written once the import has ended
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM import_job_failures WHERE person_id = ?", Long.class, person) == 1);

        assertThat(mvc.perform(delete("/api/people/{id}", person)).andReturn().getResponse().getStatus()).isEqualTo(204);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM import_job_failures WHERE person_id = ?", Long.class, person))
                .isZero();
        // the same file again records nothing for them: they stay erased
        JsonNode again = awaitEnd(upload("personRef,type,effectiveDate,displayName,teamId\n"
                + ref + ",PERSON_REGISTERED,2014-01-06," + name + ",team-apollo\n"));
        assertThat(again.get("recorded").asLong()).isZero();
        assertThat(storedEvents(person).get(storedEvents(person).size() - 1)).isInstanceOf(PersonErased.class);
    }

    @Test
    void theKeyPathAnswersKeysOfKnownPeopleOnlyAndOnlyToTheQueryServicesClient() throws Exception {
        String person = registered(name);
        String erased = registered(name);
        mvc.perform(delete("/api/people/{id}", erased)).andReturn();
        String unknown = UUID.randomUUID().toString();

        JsonNode keys = keysFor(person.toUpperCase(), erased, unknown);

        assertThat(keys.size()).isOne();
        byte[] key = Base64.getDecoder().decode(keys.get(person).asText());
        String sealed = json.readTree(rawPayloads(person).get(0)).get("displayName").asText();
        assertThat(PersonalData.open(key, person, sealed)).isEqualTo(name);

        MockHttpServletResponse hrAdmin = mvc.perform(keysRequest("{\"personIds\": [\"" + person + "\"]}"))
                .andReturn().getResponse();
        assertThat(hrAdmin.getStatus()).isEqualTo(403);
        assertThat(hrAdmin.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(hrAdmin.getHeader("WWW-Authenticate")).contains("insufficient_scope");
        assertThat(hrAdmin.getContentAsString()).doesNotContain(keys.get(person).asText());
    }

    @Test
    void theKeyPathRefusesBadRequestsWithProblems() throws Exception {
        List<String> bad = List.of("{}", "{\"personIds\": []}", "{\"personIds\": [\"not-a-uuid\"]}",
                "{\"personIds\": [" + String.join(",", java.util.Collections.nCopies(501,
                        "\"" + UUID.randomUUID() + "\"")) + "]}");
        for (String body : bad) {
            MockHttpServletResponse response = mvc.perform(keysRequest(body).with(queryService())).andReturn().getResponse();
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(json.readTree(response.getContentAsString()).get("errors").get(0).get("field").asText())
                    .startsWith("personIds");
        }
    }

    // ---- helpers ----

    private String registered(String displayName) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content(body(java.util.Map.of("displayName", displayName, "teamId", "team-apollo",
                        "effectiveDate", "2014-01-06")))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString()).get("personId").asText();
    }

    /** The payload columns as the event store holds them: what anyone with the database files could read. */
    private List<String> rawPayloads(String person) {
        return jdbc.query("SELECT payload FROM domainevententry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8), person);
    }

    private void assertNotFound(MockHttpServletRequestBuilder request, String person) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(404);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:person-not-found");
        assertThat(problem.get("detail").asText()).isEqualTo("No person with id " + person + " is registered");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor queryService() {
        return token("careerpath-query", null, List.of(), List.of())
                .authorities(new SimpleGrantedAuthority("SCOPE_careerpath.keys"));
    }

    private MockHttpServletRequestBuilder keysRequest(String body) {
        return post("/internal/person-keys").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private JsonNode keysFor(String... people) throws Exception {
        MockHttpServletResponse response = mvc.perform(keysRequest("{\"personIds\": [\"" + String.join("\", \"", people)
                + "\"]}").with(queryService())).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        return json.readTree(response.getContentAsString()).get("keys");
    }

    private String upload(String csv) throws Exception {
        return upload(csv, MediaType.parseMediaType("text/csv"));
    }

}
