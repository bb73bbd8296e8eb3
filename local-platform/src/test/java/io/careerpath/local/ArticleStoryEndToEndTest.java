package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The story of the article the platform grew from, on real infrastructure: a project manager
 * delivers, joins an organizational PMO for two years while administrative work piles up, takes a
 * troubled program that is rescued, and regains a delivery role. What the platform shows must be
 * what a reader of the article expects.
 */
class ArticleStoryEndToEndTest {

    static RunningPlatform platform;
    static String pat;
    static String team;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void tellTheStory() {
        platform = platformPerClass.get();
        CareerpathClient client = platform.client;
        team = "team-story-" + System.nanoTime();
        pat = client.register("Pat Story", team, "2014-01-06");
        client.record(pat, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2014-01-06", "projectName", "Billing replatform"));
        client.record(pat, Map.of("type", "JOINED_PMO", "effectiveDate", "2019-01-07", "pmoType", "ORGANIZATIONAL",
                "pmoName", "Enterprise PMO"));
        client.record(pat, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2019-03-01", "percentOfTime", 20));
        client.record(pat, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2019-10-01", "percentOfTime", 35));
        client.record(pat, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2020-05-01", "percentOfTime", 50));
        client.record(pat, Map.of("type", "TOOK_TROUBLED_PROGRAM", "effectiveDate", "2021-01-04", "programName", "Phoenix"));
        client.record(pat, Map.of("type", "ASSIGNMENT_ENDED", "effectiveDate", "2021-10-01", "outcome", "RESCUED"));
        JsonNode last = client.record(pat, Map.of("type", "REGAINED_DELIVERY_ROLE", "effectiveDate", "2021-10-04",
                "projectName", "Claims platform"));
        client.awaitTimeline(pat, t -> t.get("sequence").asLong() >= last.get("sequenceNumber").asLong());
    }

    @Test
    void theTimelineShowsDeliveryThenTwoYearsOfOrganizationalPmoThenARescuedTroubledProgramThenDeliveryAgain() {
        JsonNode timeline = platform.client.awaitTimeline(pat, t -> t.get("assignments").size() == 4);
        JsonNode assignments = timeline.get("assignments");

        assertThat(kinds(assignments)).containsExactly("DELIVERY", "PMO", "TROUBLED_PROGRAM", "DELIVERY");
        assertThat(assignments.get(0).get("end").asText()).isEqualTo("2019-01-07");
        assertThat(assignments.get(1).get("pmoType").asText()).isEqualTo("ORGANIZATIONAL");
        assertThat(assignments.get(1).get("durationMonths").asDouble()).isBetween(23.5, 24.5);
        assertThat(assignments.get(2).get("outcome").asText()).isEqualTo("RESCUED");
        assertThat(assignments.get(3).get("regained").asBoolean()).isTrue();
        assertThat(assignments.get(3).get("ongoing").asBoolean()).isTrue();
    }

    @Test
    void deliveryRetentionFallsInThePmoAndRecoversAfterTheReturnToDelivery() {
        JsonNode skills = skills(pat, "curves=true");
        Map<String, Double> delivery = curve(skills, "DELIVERY_EXECUTION");

        double beforePmo = delivery.get("2019-01");
        double endOfPmo = delivery.get("2021-01");
        double backInDelivery = delivery.get("2021-10");
        double twoYearsLater = delivery.get("2023-10");
        assertThat(endOfPmo).as("two years of organizational PMO erode delivery skill").isLessThan(beforePmo * 0.8);
        assertThat(twoYearsLater).as("a regained delivery role rebuilds it").isGreaterThan(backInDelivery);
        assertThat(skills.get("monthsSinceDelivery").asDouble()).isZero();
        assertThat(skills.get("rotateBackBy").isNull()).as("no rotate-back date while delivering").isTrue();
        // the PMO years built process and portfolio skills the delivery years did not
        Map<String, Double> process = curve(skills, "PROCESS_GOVERNANCE");
        assertThat(process.get("2021-01")).isGreaterThan(process.get("2019-01"));
    }

    @Test
    void midwayThroughThePmoTheForecastSaysWhenToRotateBackAndTheBoardFlagsPat() {
        JsonNode skills = skills(pat, "asOf=2020-06-30&knownOn=" + today());

        assertThat(skills.get("deliveryRetention").asDouble()).isLessThan(0.9);
        assertThat(skills.get("rotateBackBy").asText()).isNotEmpty();
        assertThat(skills.get("monthsSinceDelivery").asDouble()).isBetween(17.0, 19.0);

        JsonNode board = platform.queryApi.get()
                .uri("/api/teams/{team}/rotation-board?asOf=2020-06-30&knownOn=" + today(), team)
                .retrieve().body(JsonNode.class);
        JsonNode member = board.get("members").get(0);
        assertThat(member.get("currentAssignment").get("kind").asText()).isEqualTo("PMO");
        assertThat(member.get("currentAssignment").get("since").asText()).isEqualTo("2019-01-07");
        assertThat(texts(member.get("flags"))).contains("ADMIN_OVERLOAD", "DELIVERY_AT_RISK");
        assertThat(board.get("aggregates").isNull()).isTrue();
        assertThat(board.get("aggregatesWithheld").asText()).contains("fewer than 5");
    }

    @Test
    void theOverloadFlagDescribesTheRoleHeldOnTheDayNotALoadRecordedInARoleLeftBehind() {
        String knownNow = "&knownOn=" + today();
        assertThat(texts(boardMember("?asOf=2020-06-30" + knownNow).get("flags"))).as("in the PMO, its 50 % load")
                .contains("ADMIN_OVERLOAD");
        assertThat(texts(boardMember("?asOf=2021-06-01" + knownNow).get("flags")))
                .as("in the troubled program: the PMO's load was recorded before it began").doesNotContain("ADMIN_OVERLOAD");
        JsonNode now = boardMember("");
        assertThat(now.get("adminLoadPercent").asDouble()).as("the latest load recorded").isEqualTo(50.0);
        assertThat(texts(now.get("flags"))).as("back in delivery").doesNotContain("ADMIN_OVERLOAD");

        assertThat(attentionCount("&asOf=2020-06-30" + knownNow)).as("the attention list of that day").isEqualTo(1);
        assertThat(attentionCount("")).as("today's attention list").isZero();
    }

    private static JsonNode boardMember(String query) {
        return platform.queryApi.get().uri("/api/teams/{team}/rotation-board" + query, team)
                .retrieve().body(JsonNode.class).get("members").get(0);
    }

    private static int attentionCount(String query) {
        return platform.queryApi.get().uri("/api/attention?team={team}&flag=ADMIN_OVERLOAD" + query, team)
                .retrieve().body(JsonNode.class).get("count").asInt();
    }

    @Test
    void whatIfAnExecutivePmoForAYearTradesDeliveryForStrategicVisibilityAndRecordsNothing() {
        long before = platform.client.awaitTimeline(pat, t -> true).get("sequence").asLong();

        JsonNode whatIf = platform.queryApi.post().uri("/api/people/{id}/what-if", pat)
                .header("Content-Type", "application/json")
                .body(Map.of("kind", "PMO", "pmoType", "EXECUTIVE", "months", 12))
                .retrieve().body(JsonNode.class);

        assertThat(texts(whatIf.get("gained"))).contains("STRATEGIC_VISIBILITY");
        assertThat(texts(whatIf.get("lost"))).contains("DELIVERY_EXECUTION");
        assertThat(platform.client.awaitTimeline(pat, t -> true).get("sequence").asLong()).isEqualTo(before);
    }

    @Test
    void theTeamIsListedForManagersToFindAndItsBoardBeforePatJoinedIsEmptyNotMissing() {
        JsonNode teams = platform.queryApi.get().uri("/api/teams").retrieve().body(JsonNode.class);
        assertThat(teams.findValuesAsText("teamId")).contains(team);

        JsonNode before = platform.queryApi.get()
                .uri("/api/teams/{team}/rotation-board?asOf=2013-01-01&knownOn=" + today(), team)
                .retrieve().body(JsonNode.class);
        assertThat(before.get("members")).isEmpty();
    }

    private static JsonNode skills(String personId, String query) {
        return platform.queryApi.get().uri("/api/people/{id}/skills?" + query, personId).retrieve().body(JsonNode.class);
    }

    /** The skill's monthly curve, by month ("2019-01"): samples fall on asOf's day of each month. */
    private static Map<String, Double> curve(JsonNode skills, String skill) {
        JsonNode status = StreamSupport.stream(skills.get("skills").spliterator(), false)
                .filter(s -> s.get("skill").asText().equals(skill)).findFirst().orElseThrow();
        Map<String, Double> byMonth = new HashMap<>();
        status.get("curve").forEach(point -> byMonth.put(point.get("date").asText().substring(0, 7),
                point.get("value").asDouble()));
        return byMonth;
    }

    private static List<String> kinds(JsonNode assignments) {
        List<String> kinds = new ArrayList<>();
        assignments.forEach(a -> kinds.add(a.get("kind").asText()));
        return kinds;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    }
}
