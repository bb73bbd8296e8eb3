package io.careerpath.query.planning;

import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.E;
import static io.careerpath.query.api.ApiFixture.F;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.PmoPreferenceStated;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The planner through the API, on the fixture's team t1 (today 2025-06-01): Ada in a program PMO for four and a half
 * years (far below the rotate-back threshold), Bob delivering since 2016, Eve and Fay with no roles recorded.
 */
@ApiTest
@ImportAutoConfiguration(classes = {org.springdoc.core.configuration.SpringDocConfiguration.class,
        org.springdoc.core.properties.SpringDocConfigProperties.class,
        org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration.class})
class PlanningApiTest {

    /** One program-PMO seat for quarters 1-2 of four; Eve and Fay do not want a PMO role, so Bob is the one to go. */
    private static final String PROBLEM = """
            {"teams": ["t1"], "horizonQuarters": 4, "seed": 3, "unwilling": ["%s", "%s"],
             "seats": [{"kind": "PMO", "pmoType": "PROGRAM", "name": "Program Atlas PMO", "quarters": 2}]}"""
            .formatted(E, F);
    /** Recorded on a day the plans of the test (made on 2025-06-01) know of. */
    private static final Instant STATED = Instant.parse("2025-05-01T09:00:00Z");

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private MongoDatabase readModels;
    @Autowired
    private org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    private PlanDrifts drifts;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    private MockHttpServletResponse send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                                         Role role, String body) throws Exception {
        return mvc.perform(request.with(as(role)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse();
    }

    private JsonNode plan(Role role, String problem) throws Exception {
        MockHttpServletResponse response = send(post("/api/plans"), role, problem);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return json.readTree(response.getContentAsString());
    }

    private static JsonNode person(JsonNode plan, String personId) {
        for (JsonNode person : plan.get("people")) {
            if (person.get("personId").asText().equals(personId)) {
                return person;
            }
        }
        throw new AssertionError(personId + " is not in the plan: " + plan);
    }

    @Test
    void aManagerPlansTheirTeamAndTheSeatGoesToWhoeverKeepsEveryHardRule() throws Exception {
        JsonNode plan = plan(Role.MANAGER, PROBLEM);

        List<String> people = new ArrayList<>();
        plan.get("people").forEach(person -> people.add(person.get("displayName").asText()));
        assertThat(people).containsExactly("Ada Lovelace", "Bob Byte", "Eve Future", "Fay Fifth");
        assertThat(plan.get("feasible").asBoolean()).as(plan.get("score").asText()).isTrue();
        assertThat(plan.get("score").asText()).startsWith("0hard/0medium/");
        // Ada would sink further in her PMO: she comes back to delivery at once; Bob takes the seat for both quarters
        JsonNode ada = person(plan, ApiFixture.A);
        assertThat(ada.at("/schedule/0/kind").asText()).isEqualTo("DELIVERY");
        assertThat(ada.at("/schedule/0/move").asBoolean()).isTrue();
        JsonNode bob = person(plan, B);
        assertThat(bob.at("/schedule/0/seatName").asText()).isEqualTo("Program Atlas PMO");
        assertThat(bob.at("/schedule/1/seatId").asText()).isEqualTo("1-1");
        assertThat(bob.at("/schedule/2/kind").asText()).isEqualTo("DELIVERY");
        // the comparison with today's course: Ada recovers with the plan, and would not if nobody moved
        assertThat(ada.at("/schedule/3/deliveryRetention").asDouble())
                .isGreaterThan(ada.at("/schedule/3/deliveryRetentionIfNobodyMoves").asDouble());
        // every rule is listed with its weight; what the plan breaks is said in words
        List<String> rules = new ArrayList<>();
        plan.get("rules").forEach(rule -> rules.add(rule.get("rule").asText()));
        assertThat(rules).hasSize(Rule.values().length).contains("delivery-retention-floor", "minimum-months-in-role");
        JsonNode loss = rule(plan, "delivery-skill-loss");
        assertThat(loss.at("/breaches/0/personId").asText()).isEqualTo(B);
        assertThat(loss.at("/breaches/0/displayName").asText()).isEqualTo("Bob Byte");
        assertThat(loss.at("/breaches/0/detail").asText()).startsWith("delivery retention 0.");
        assertThat(plan.get("assignments")).hasSize(2);
    }

    /**
     * A person's recorded preference is the planner's to read: no request needs to list them. On a team of its own: Una,
     * with no roles recorded, loses nothing in a PMO and is the one to go, until she states she would rather not; then
     * Walt, delivering since 2016, goes. The preference in force today counts, and the request's list still adds to it.
     */
    @Test
    void aRecordedUnwillingnessKeepsThePersonOutOfPmoSeatsWithoutTheRequestListingThem() throws Exception {
        String una = ApiFixture.newPersonId();
        String walt = ApiFixture.newPersonId();
        fixture.person(una, "Una Stated", "t-preference", "2018-01-01");
        fixture.person(walt, "Walt Delivering", "t-preference", "2016-01-01");
        fixture.record(new DeliveryRoleStarted(walt, "walt-d1", LocalDate.parse("2016-01-01"), walt, STATED,
                fixture.seal(walt, "Hermes")));
        String problem = """
                {"teams": ["t-preference"], "horizonQuarters": 4, "seed": 3,
                 "seats": [{"kind": "PMO", "pmoType": "PROGRAM", "name": "Program Atlas PMO", "quarters": 2}]}""";
        assertThat(seatHolders(plan(Role.HR_ADMIN, problem))).as("with no preference recorded").containsOnly(una);

        fixture.record(new PmoPreferenceStated(una, "una-1", LocalDate.parse("2025-03-01"), una, STATED, false));
        JsonNode unwilling = plan(Role.HR_ADMIN, problem);

        assertThat(seatHolders(unwilling)).containsOnly(walt);
        assertThat(unwilling.get("feasible").asBoolean()).isTrue();
        assertThat(rule(unwilling, "unwilling-to-join-pmo").get("breaches")).isEmpty();

        // she changes her mind; a "no" effective only after today (2025-06-01) is not in force yet
        fixture.record(new PmoPreferenceStated(una, "una-2", LocalDate.parse("2025-05-01"), una, STATED, true));
        fixture.record(new PmoPreferenceStated(una, "una-3", LocalDate.parse("2025-07-01"), una, STATED, false));
        assertThat(seatHolders(plan(Role.HR_ADMIN, problem))).containsOnly(una);
        // the request's list still counts for whoever it names, whatever they recorded
        assertThat(seatHolders(plan(Role.HR_ADMIN, problem.replace("\"seed\": 3,", "\"seed\": 3, \"unwilling\": [\"" + una
                + "\"],")))).containsOnly(walt);
    }

    /** Everyone the plan puts in a seat, in any quarter. */
    private static Set<String> seatHolders(JsonNode plan) {
        Set<String> holders = new HashSet<>();
        plan.get("assignments").forEach(assignment -> holders.add(assignment.get("personId").asText()));
        return holders;
    }

    /** The rule {@code id} of a plan's rules, or of a list of rules. */
    private static JsonNode rule(JsonNode plan, String id) {
        for (JsonNode rule : plan.isArray() ? plan : plan.get("rules")) {
            if (rule.get("rule").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void thePlansRetentionIsTheWhatIfsForTheSameRole() throws Exception {
        JsonNode bob = person(plan(Role.MANAGER, PROBLEM), B);
        double planned = bob.at("/schedule/1/deliveryRetention").asDouble();

        // the what-if of the same role for the same six months from today, against the peak reached by today
        MockHttpServletResponse whatIf = send(post("/api/people/{id}/what-if", B), Role.MANAGER,
                "{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\", \"months\": 6}");
        double atEnd = 0;
        for (JsonNode skill : json.readTree(whatIf.getContentAsString()).get("skills")) {
            if (skill.get("skill").asText().equals("DELIVERY_EXECUTION")) {
                atEnd = skill.get("atEnd").asDouble();
            }
        }
        double peak = 0;
        for (JsonNode skill : json.readTree(mvc.perform(get("/api/people/{id}/skills", B).with(as(Role.MANAGER)))
                .andReturn().getResponse().getContentAsString()).get("skills")) {
            if (skill.get("skill").asText().equals("DELIVERY_EXECUTION")) {
                peak = skill.get("peak").asDouble();
            }
        }
        assertThat(planned).isLessThan(1);
        // both answers round to thousandths
        assertThat(planned).isCloseTo(atEnd / peak, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void theSameRequestGivesTheSamePlanAndRecordsNothing() throws Exception {
        long stored = readModels.getCollection(AcceptedPlans.COLLECTION).countDocuments();

        JsonNode first = plan(Role.PMO_LEAD, PROBLEM);
        JsonNode second = plan(Role.PMO_LEAD, PROBLEM);

        assertThat(second.get("assignments")).isEqualTo(first.get("assignments"));
        assertThat(second.get("score")).isEqualTo(first.get("score"));
        assertThat(readModels.getCollection(AcceptedPlans.COLLECTION).countDocuments()).isEqualTo(stored);
    }

    @Test
    void anAcceptedPlanIsSavedAsAPlanAndReadBackForThoseWhoMayOpenTheBoard() throws Exception {
        JsonNode plan = plan(Role.MANAGER, PROBLEM);
        MockHttpServletResponse accepted = send(post("/api/plans/accepted"), Role.MANAGER,
                "{\"problem\": " + PROBLEM + ", \"assignments\": " + plan.get("assignments") + "}");

        assertThat(accepted.getStatus()).as(accepted.getContentAsString()).isEqualTo(201);
        JsonNode saved = json.readTree(accepted.getContentAsString());
        assertThat(accepted.getHeader("Location")).isEqualTo("/api/plans/" + saved.get("id").asText());
        assertThat(saved.get("score")).isEqualTo(plan.get("score"));
        assertThat(saved.get("acceptedBy").asText()).isEqualTo(ApiFixture.MANAGER);

        JsonNode read = json.readTree(mvc.perform(get(accepted.getHeader("Location")).with(as(Role.PMO_LEAD)))
                .andReturn().getResponse().getContentAsString());
        assertThat(read.get("assignments")).isEqualTo(plan.get("assignments"));
        assertThat(read.get("people")).isEqualTo(plan.get("people"));
        // names are opened for the reader, never stored with the plan
        assertThat(readModels.getCollection(AcceptedPlans.COLLECTION).find().first().toJson()).doesNotContain("Bob Byte");
        assertThat(mvc.perform(get(accepted.getHeader("Location")).with(as(Role.EMPLOYEE))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    @Test
    void acceptingAPlanByHandIsScoredByTheSameRules() throws Exception {
        // Ada kept in her PMO for both quarters: she sinks further below the threshold, a broken hard rule
        MockHttpServletResponse accepted = send(post("/api/plans/accepted"), Role.HR_ADMIN, "{\"problem\": " + PROBLEM
                + ", \"assignments\": [{\"seatId\": \"1-1\", \"quarter\": 1, \"personId\": \"" + ApiFixture.A + "\"},"
                + " {\"seatId\": \"1-1\", \"quarter\": 2, \"personId\": \"" + ApiFixture.A + "\"}]}");

        JsonNode saved = json.readTree(accepted.getContentAsString());
        assertThat(saved.get("feasible").asBoolean()).isFalse();
        JsonNode floor = rule(saved, "delivery-retention-floor");
        assertThat(floor.at("/breaches/0/personId").asText()).isEqualTo(ApiFixture.A);
        assertThat(floor.at("/breaches/0/detail").asText()).contains("below the rotate-back threshold 0.60");
    }

    @Test
    void anErasedPersonLeavesEveryAcceptedPlan() throws Exception {
        // Ada holds the seat in both quarters, and breaks the retention floor: a schedule, assignments and breaches of hers
        MockHttpServletResponse accepted = send(post("/api/plans/accepted"), Role.HR_ADMIN, "{\"problem\": " + PROBLEM
                + ", \"assignments\": [{\"seatId\": \"1-1\", \"quarter\": 1, \"personId\": \"" + ApiFixture.A + "\"},"
                + " {\"seatId\": \"1-1\", \"quarter\": 2, \"personId\": \"" + ApiFixture.A + "\"}]}");
        String planId = json.readTree(accepted.getContentAsString()).get("id").asText();
        assertThat(stored(planId)).contains(ApiFixture.A);

        events.publishEvent(new io.careerpath.query.history.PersonErasedFromReadModels(ApiFixture.A));

        assertThat(stored(planId)).doesNotContain(ApiFixture.A).contains(ApiFixture.B);
        JsonNode read = json.readTree(mvc.perform(get("/api/plans/" + planId).with(as(Role.HR_ADMIN)))
                .andReturn().getResponse().getContentAsString());
        assertThat(read.get("assignments")).isEmpty();
        assertThat(rule(read, "delivery-retention-floor").get("breaches")).isEmpty();
    }

    /**
     * A plan accepted half a year ago (its document moved back two quarters, as if accepted on 2024-12-01): Ada was to
     * come back to delivery at once and has stayed in her PMO; Bob was to hold the seat in quarters 1-2 and stayed in
     * delivery. Today (quarter 3, delivery for both) Ada is off plan and Bob is on it again.
     */
    @Test
    void recordsThatLeaveAnAcceptedPlanShowAsDriftOnThePlanTheBoardAndTheAttentionList() throws Exception {
        String planId = acceptedHalfAYearAgo(PROBLEM);
        try {
            JsonNode plan = json.readTree(mvc.perform(get("/api/plans/" + planId).with(as(Role.MANAGER)))
                    .andReturn().getResponse().getContentAsString());
            JsonNode drift = plan.get("drift");
            assertThat(drift).as(plan.toString()).hasSize(2);
            // a planned move recorded within the grace (30 days) of its quarter's start would still fit; same day: by id
            JsonNode bob = drift.get(1);
            assertThat(bob.get("personId").asText()).isEqualTo(B);
            assertThat(bob.get("from").asText()).isEqualTo("2024-12-31");
            // and from 30 days before quarter 3, where he is back in delivery, his delivery fits quarter 3 (early)
            assertThat(bob.get("until").asText()).isEqualTo("2025-05-01");
            assertThat(bob.get("detail").asText()).isEqualTo("Delivery is recorded from 2024-12-31 to 2025-05-01, "
                    + "where the plan has program PMO in quarter 1");
            JsonNode ada = drift.get(0);
            assertThat(ada.get("personId").asText()).isEqualTo(ApiFixture.A);
            assertThat(ada.get("until").isNull()).isTrue();
            assertThat(ada.get("detail").asText())
                    .isEqualTo("Program PMO is recorded since 2024-12-31, where the plan has delivery in quarter 1");

            JsonNode board = json.readTree(mvc.perform(get("/api/teams/t1/rotation-board").with(as(Role.MANAGER)))
                    .andReturn().getResponse().getContentAsString());
            JsonNode adaOnBoard = member(board, ApiFixture.A);
            assertThat(adaOnBoard.get("flags").toString()).contains("OFF_PLAN");
            assertThat(adaOnBoard.at("/offPlan/planId").asText()).isEqualTo(planId);
            assertThat(adaOnBoard.at("/offPlan/from").asText()).isEqualTo("2024-12-31");
            assertThat(member(board, B).get("flags").toString()).doesNotContain("OFF_PLAN");
            // as the board stood on a day in quarter 2, Bob was off plan too
            JsonNode earlier = json.readTree(mvc.perform(get("/api/teams/t1/rotation-board?asOf=2025-04-15")
                    .with(as(Role.MANAGER))).andReturn().getResponse().getContentAsString());
            assertThat(member(earlier, B).at("/offPlan/plannedKind").asText()).isEqualTo("PMO");

            JsonNode attention = json.readTree(mvc.perform(get("/api/attention?flag=OFF_PLAN").with(as(Role.MANAGER)))
                    .andReturn().getResponse().getContentAsString());
            assertThat(attention.get("count").asInt()).as(attention.toString()).isEqualTo(1);
            assertThat(attention.at("/people/0/personId").asText()).isEqualTo(ApiFixture.A);
            assertThat(attention.at("/people/0/offPlan/detail").asText()).startsWith("Program PMO is recorded since");
        } finally {
            forgetPlans();
        }
    }

    @Test
    void aSavedPlanIsReSolvedFromTodayForTheQuartersAndSeatsItHasLeft() throws Exception {
        // the seat is open all four quarters; two of them have passed
        String planId = acceptedHalfAYearAgo(PROBLEM.replace(", \"quarters\": 2", ""));
        try {
            long stored = readModels.getCollection(AcceptedPlans.COLLECTION).countDocuments();
            MockHttpServletResponse response = send(post("/api/plans/" + planId + "/re-solve"), Role.MANAGER, "");

            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
            JsonNode plan = json.readTree(response.getContentAsString());
            assertThat(plan.get("from").asText()).isEqualTo("2025-06-01");
            assertThat(plan.get("quarters")).hasSize(2);
            assertThat(plan.at("/problem/horizonQuarters").asInt()).isEqualTo(2);
            assertThat(plan.at("/problem/seats/0/firstQuarter").asInt()).isEqualTo(1);
            assertThat(plan.at("/problem/seats/0/quarters").asInt()).isEqualTo(2);
            assertThat(plan.get("feasible").asBoolean()).as(plan.get("score").asText()).isTrue();
            // Ada has been back in delivery since... never: she is still in her PMO and comes back now
            assertThat(person(plan, ApiFixture.A).at("/schedule/0/kind").asText()).isEqualTo("DELIVERY");
            assertThat(plan.get("assignments")).hasSize(2);
            assertThat(readModels.getCollection(AcceptedPlans.COLLECTION).countDocuments()).isEqualTo(stored);
        } finally {
            forgetPlans();
        }
    }

    @Test
    void aPlanWhoseSeatsHaveAllClosedCannotBeReSolved() throws Exception {
        // the seat was open for quarters 1-2 only, both passed
        String planId = acceptedHalfAYearAgo(PROBLEM);
        try {
            MockHttpServletResponse response = send(post("/api/plans/" + planId + "/re-solve"), Role.MANAGER, "");

            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(409);
            JsonNode problem = json.readTree(response.getContentAsString());
            assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:plan-seats-closed");
            assertThat(problem.get("detail").asText()).contains("has closed by 2025-06-01");
            assertThat(send(post("/api/plans/" + planId + "/re-solve"), Role.EMPLOYEE, "").getStatus()).isEqualTo(403);
        } finally {
            forgetPlans();
        }
    }

    /** Accepts the planner's plan for the problem today, then moves the saved plan back two quarters. */
    private String acceptedHalfAYearAgo(String problem) throws Exception {
        forgetPlans();
        JsonNode plan = plan(Role.MANAGER, problem);
        MockHttpServletResponse accepted = send(post("/api/plans/accepted"), Role.MANAGER,
                "{\"problem\": " + problem + ", \"assignments\": " + plan.get("assignments") + "}");
        assertThat(accepted.getStatus()).as(accepted.getContentAsString()).isEqualTo(201);
        String planId = json.readTree(accepted.getContentAsString()).get("id").asText();
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(stored(planId)).get("plan");
        saved.put("from", shifted(saved.get("from")));
        saved.put("acceptedAt", "2024-12-01T09:00:00Z");
        for (JsonNode quarter : saved.get("quarters")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) quarter).put("start", shifted(quarter.get("start")));
            ((com.fasterxml.jackson.databind.node.ObjectNode) quarter).put("end", shifted(quarter.get("end")));
        }
        readModels.getCollection(AcceptedPlans.COLLECTION).replaceOne(com.mongodb.client.model.Filters.eq("_id", planId),
                new org.bson.Document("_id", planId).append("plan", org.bson.Document.parse(saved.toString())));
        drifts.refresh();
        return planId;
    }

    private static String shifted(JsonNode day) {
        return java.time.LocalDate.parse(day.asText()).minusMonths(6).toString();
    }

    private void forgetPlans() {
        readModels.getCollection(AcceptedPlans.COLLECTION).deleteMany(new org.bson.Document());
        drifts.refresh();
    }

    private static JsonNode member(JsonNode board, String personId) {
        for (JsonNode member : board.get("members")) {
            if (member.get("personId").asText().equals(personId)) {
                return member;
            }
        }
        throw new AssertionError(personId + " is not on the board: " + board);
    }

    private String stored(String planId) {
        return readModels.getCollection(AcceptedPlans.COLLECTION).find(com.mongodb.client.model.Filters.eq("_id", planId))
                .first().toJson();
    }

    @Test
    void aManagerMayNotPlanATeamTheyDoNotManage() throws Exception {
        MockHttpServletResponse response = send(post("/api/plans"), Role.MANAGER, PROBLEM.replace("\"t1\"", "\"t2\""));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(json.readTree(response.getContentAsString()).get("type").asText())
                .isEqualTo("urn:careerpath:problem:team-not-permitted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"teams\": [\"t1\"], \"seats\": [{\"kind\": \"PMO\"}]}|seats.0.pmoType",
            "{\"teams\": [\"t1\"], \"seats\": [{\"kind\": \"DELIVERY\"}]}|seats.0.kind",
            "{\"teams\": [\"t1\"], \"seats\": [{\"kind\": \"TROUBLED_PROGRAM\", \"count\": 2}]}|seats.0.count",
            "{\"teams\": [\"t1\"], \"horizonQuarters\": 4, \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\", \"firstQuarter\": 3, \"quarters\": 3}]}|seats.0.quarters",
            "{\"teams\": [\"t1\"], \"horizonQuarters\": 99, \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\"}]}|horizonQuarters",
            "{\"teams\": [\"t1\"], \"timeLimitSeconds\": 3600, \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\"}]}|timeLimitSeconds",
            "{\"teams\": [], \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\"}]}|teams",
            "{\"teams\": [\"t1\"], \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\"}], \"weights\": {\"nonsense\": {\"level\": \"SOFT\", \"weight\": 1}}}|weights.nonsense",
            "{\"teams\": [\"t1\"], \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"SOMETIMES\"}]}|seats.0.pmoType"})
    void badInputIsAProblemNamingTheField(String problem, String field) throws Exception {
        MockHttpServletResponse response = send(post("/api/plans"), Role.HR_ADMIN, problem);

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json.readTree(response.getContentAsString()).at("/errors/0/field").asText()).isEqualTo(field);
    }

    @Test
    void aRequestsWeightsAreTheOnesThePlanIsScoredWith() throws Exception {
        JsonNode plan = plan(Role.HR_ADMIN, PROBLEM.replace("\"seed\": 3,",
                "\"seed\": 3, \"weights\": {\"minimum-months-in-role\": {\"level\": \"HARD\", \"weight\": 2}},"));

        assertThat(rule(plan, "minimum-months-in-role").get("weight").asText()).isEqualTo("2hard/0medium/0soft");
        assertThat(rule(plan, "seat-left-empty").get("weight").asText()).isEqualTo("0hard/1medium/0soft");
    }

    @Test
    void theRulesAndTheirDefaultWeightsAreListedBeforeAnythingIsPlanned() throws Exception {
        JsonNode rules = json.readTree(mvc.perform(get("/api/plans/rules").with(as(Role.MANAGER)))
                .andReturn().getResponse().getContentAsString());

        assertThat(rules).hasSize(Rule.values().length);
        JsonNode answered = plan(Role.MANAGER, PROBLEM).get("rules");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            // the same rules, in the same order, as an answer scored with the defaults lists
            assertThat(rule.get("rule")).isEqualTo(answered.get(i).get("rule"));
            assertThat(rule.get("description")).isEqualTo(answered.get(i).get("description"));
        }
        assertThat(rules.get(0).get("weight").toString()).isEqualTo("{\"level\":\"HARD\",\"weight\":1}");
        assertThat(rule(rules, "minimum-months-in-role").get("weight").toString())
                .isEqualTo("{\"level\":\"SOFT\",\"weight\":100}");
        assertThat(rule(rules, "seat-left-empty").at("/weight/level").asText()).isEqualTo("MEDIUM");
    }

    @Test
    void thePlannerIsInTheApiDocs() throws Exception {
        JsonNode docs = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        assertThat(docs.at("/paths/~1api~1plans/post/summary").asText()).contains("records nothing");
        assertThat(docs.at("/paths/~1api~1plans~1accepted/post").isMissingNode()).isFalse();
        assertThat(docs.at("/paths/~1api~1plans~1{planId}/get").isMissingNode()).isFalse();
        assertThat(docs.at("/components/schemas/PlanRequest/properties/seats").isMissingNode()).isFalse();
    }
}
