package io.careerpath.query.search;

import io.careerpath.query.words.NaturalOrder;
import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.C;
import static io.careerpath.query.api.ApiFixture.D;
import static io.careerpath.query.api.ApiFixture.E;
import static io.careerpath.query.api.ApiFixture.F;
import static io.careerpath.query.api.ApiFixture.MANAGER;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/people?q=} on the API fixture's people (team t1 is the manager's) and a few more with accents,
 * indexed by the real indexer into the blind index.
 */
@ApiTest
class PeopleSearchTest {

    private String zoe;
    private String zora;
    /** Everyone a test added to the shared fixture: erased after it, so that other tests' teams are as they expect. */
    private final List<String> added = new ArrayList<>();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private NameIndexer indexer;
    @Autowired
    private ReadModelGenerations generations;
    @Autowired
    private TestKeys keys;

    @BeforeEach
    void seed() {
        fixture.seeded();
        zoe = added("Zoë Ångström-Wirth", "t1");
        fixture.record(new JoinedPmo(zoe, "z-p1-" + zoe, LocalDate.parse("2024-02-01"), zoe, Instant.parse("2025-01-15T09:00:00Z"),
                PmoType.PROGRAM, fixture.seal(zoe, "Portfolio office"), DeliveryResponsibility.NONE));
        zora = added("Zora Other-Team", "t2");
        indexer.indexPending();
    }

    private String added(String name, String teamId) {
        String personId = ApiFixture.newPersonId();
        fixture.person(personId, name, teamId, "2019-01-01");
        added.add(personId);
        return personId;
    }

    @AfterEach
    void eraseTheAdded() {
        added.forEach(this::erase);
        indexer.indexPending();
    }

    private void erase(String personId) {
        keys.destroy(personId);
        fixture.record(new PersonErased(personId, "erased-" + personId, LocalDate.parse("2025-05-01"), "hr",
                Instant.parse("2025-05-01T00:00:00Z")));
    }

    private JsonNode search(Role role, String q) throws Exception {
        return json.readTree(mvc.perform(get("/api/people").param("q", q).with(as(role)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("people").forEach(person -> ids.add(person.get("personId").asText()));
        return ids;
    }

    @Test
    void anyWordOfTheNameByPrefixAccentsAndCaseAside() throws Exception {
        for (String q : List.of("zo", "ZOË", "ång", "ANG", "wi", "Wirth", "zo wi", "angstrom-wirth", "zoe w")) {
            assertThat(ids(search(Role.PMO_LEAD, q))).as(q).contains(zoe);
        }
        assertThat(ids(search(Role.PMO_LEAD, "zo xy"))).isEmpty();
        assertThat(ids(search(Role.PMO_LEAD, "ström"))).as("the middle of a word is not a prefix").isEmpty();
    }

    @Test
    void answersTheBoardsShapeOfWhoAndWhere() throws Exception {
        JsonNode found = search(Role.MANAGER, "zoe").get("people").get(0);
        assertThat(found.get("personId").asText()).isEqualTo(zoe);
        assertThat(found.get("displayName").asText()).isEqualTo("Zoë Ångström-Wirth");
        assertThat(found.get("teamId").asText()).isEqualTo("t1");
        assertThat(found.get("currentAssignment").get("kind").asText()).isEqualTo("PMO");
        assertThat(found.get("currentAssignment").get("pmoType").asText()).isEqualTo("PROGRAM");
        assertThat(found.get("currentAssignment").get("since").asText()).isEqualTo("2024-02-01");
    }

    @Test
    void eachPersonFoundWithTheirOwnTeamsName() throws Exception {
        String apollo = ApiFixture.newPersonId();
        keys.newKeyFor(apollo);
        added.add(apollo);
        fixture.record(new PersonRegistered(apollo, "reg-" + apollo, LocalDate.parse("2019-01-01"), "hr",
                Instant.parse("2025-01-15T09:00:00Z"), fixture.seal(apollo, "Zola Apollo"), "team-apollo", "Apollo Programme"));
        indexer.indexPending();

        Map<String, String> teamNames = new HashMap<>();
        search(Role.PMO_LEAD, "zo").get("people").forEach(person ->
                teamNames.put(person.get("personId").asText(), person.get("teamName").asText()));

        assertThat(teamNames).containsOnlyKeys(zoe, zora, apollo);
        assertThat(teamNames.get(apollo)).isEqualTo("Apollo Programme");
        assertThat(teamNames.get(zoe)).isEqualTo("T1");
        assertThat(teamNames.get(zora)).isEqualTo("T2");
    }

    @Test
    void onlyThePeopleTheCallerMaySee() throws Exception {
        // "Zo": Zoë (t1) and Zora (t2)
        assertThat(ids(search(Role.PMO_LEAD, "zo"))).containsExactly(zoe, zora);
        assertThat(ids(search(Role.HR_ADMIN, "zo"))).containsExactly(zoe, zora);
        assertThat(ids(search(Role.MANAGER, "zo"))).containsExactly(zoe);
        assertThat(ids(search(Role.EMPLOYEE, "zo"))).isEmpty();
        // the employee is Ada Lovelace (A): herself only
        assertThat(ids(search(Role.EMPLOYEE, "ada"))).containsExactly(A);
        assertThat(ids(search(Role.EMPLOYEE, "bo"))).isEmpty();
        // the manager: her team t1 as it is today (Cleo moved to t2), and herself
        assertThat(ids(search(Role.MANAGER, "cleo"))).isEmpty();
        assertThat(ids(search(Role.PMO_LEAD, "cleo"))).containsExactly(C);
        assertThat(ids(search(Role.MANAGER, "mia"))).containsExactly(MANAGER);
        assertThat(ids(search(Role.MANAGER, "dan"))).isEmpty();
        assertThat(ids(search(Role.PMO_LEAD, "dan"))).containsExactly(D);
        assertThat(ids(search(Role.MANAGER, "bo"))).containsExactly(B);
        assertThat(ids(search(Role.MANAGER, "ev"))).containsExactly(E);
        assertThat(ids(search(Role.MANAGER, "fay fi"))).containsExactly(F);
    }

    @Test
    void tooShortOrMissingQueriesAreRefusedNamingTheRule() throws Exception {
        for (String q : List.of("", " ", "z", "Z é", "--")) {
            mvc.perform(get("/api/people").param("q", q).with(as(Role.PMO_LEAD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("q"))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("two letters")));
        }
        mvc.perform(get("/api/people").with(as(Role.PMO_LEAD))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/people").param("q", "a".repeat(101)).with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("100 characters")));
        mvc.perform(get("/api/people").param("q", "zo")).andExpect(status().isUnauthorized());
    }

    @Test
    void atMostTwentyByNameInNaturalOrder() throws Exception {
        for (int i = 1; i <= 22; i++) {
            added("Spine Probe " + i, "t3");
        }
        indexer.indexPending();
        JsonNode answer = search(Role.HR_ADMIN, "spine pro");
        List<String> names = new ArrayList<>();
        answer.get("people").forEach(person -> names.add(person.get("displayName").asText()));
        // which 20 of the 22 is the index's to say; they come in natural order ("2" before "10")
        List<String> natural = new ArrayList<>(names);
        natural.sort(NaturalOrder.NAMES);
        assertThat(names).hasSize(20).allMatch(name -> name.startsWith("Spine Probe ")).isEqualTo(natural);
        assertThat(names.indexOf("Spine Probe 2") < 0 || names.indexOf("Spine Probe 10") < 0
                || names.indexOf("Spine Probe 2") < names.indexOf("Spine Probe 10")).isTrue();
        assertThat(answer.get("more").asBoolean()).isTrue();
        assertThat(search(Role.HR_ADMIN, "spine 22").get("people")).hasSize(1);
    }

    @Test
    void theIndexHoldsNoNameAndLosesSomeoneErased() throws Exception {
        String gone = added("Quentin Quarantotto", "t4");
        indexer.indexPending();
        assertThat(ids(search(Role.HR_ADMIN, "quar"))).containsExactly(gone);
        int generation = generations.active();
        String stored = dump(generations.namePrefixes(generation)) + dump(generations.namePrefixOwners(generation));
        assertThat(stored).contains(gone).doesNotContainIgnoringCase("quentin").doesNotContainIgnoringCase("qu\"")
                .doesNotContainIgnoringCase("quar");

        erase(gone);
        added.remove(gone);
        indexer.indexPending();

        assertThat(ids(search(Role.HR_ADMIN, "quar"))).isEmpty();
        String after = dump(generations.namePrefixes(generation)) + dump(generations.namePrefixOwners(generation))
                + dump(generations.nameIndexPending(generation));
        assertThat(after).doesNotContain(gone);
    }

    private static String dump(com.mongodb.client.MongoCollection<Document> collection) {
        StringBuilder all = new StringBuilder();
        collection.find().forEach(document -> all.append(document.toJson()));
        return all.toString();
    }
}
