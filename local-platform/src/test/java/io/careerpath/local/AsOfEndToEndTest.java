package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A view of a past day is the answer the platform gave on that day: what was recorded later (a late
 * entry, a correction) does not rewrite it, while today's views include it.
 */
class AsOfEndToEndTest {

    static final SettableClock clock = new SettableClock(Instant.parse("2024-03-10T09:00:00Z"));
    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass =
            RunningPlatform.perClass(() -> RunningPlatform.startWithClock(clock));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void aPastDayAnswersExactlyAsTheLiveViewsAnsweredOnThatDay() {
        CareerpathClient client = platform.client;
        String team = "team-asof-" + System.nanoTime();
        String personId = client.register("Ida Rhodes", team, "2015-01-05");
        client.record(personId, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2015-01-05", "projectName", "Census"));
        client.record(personId, Map.of("type", "JOINED_PMO", "effectiveDate", "2023-06-01", "pmoType", "ORGANIZATIONAL"));
        JsonNode load = client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2024-02-01",
                "percentOfTime", 45));
        client.awaitTimeline(personId, t -> t.get("sequence").asLong() >= load.get("sequenceNumber").asLong());

        // what people saw on 2024-03-10
        JsonNode timelineThen = get("/api/people/{id}/timeline", personId);
        JsonNode skillsThen = get("/api/people/{id}/skills?curves=true", personId);
        JsonNode boardThen = get("/api/teams/{id}/rotation-board", team);

        // two months later: an assessment recorded late, and the load entry retracted
        clock.set(Instant.parse("2024-05-20T09:00:00Z"));
        client.record(personId, Map.of("type", "SKILL_ASSESSED", "effectiveDate", "2023-09-01", "skill", "DELIVERY_EXECUTION",
                "level", 2));
        JsonNode retraction = client.record(personId, Map.of("type", "EVENT_RETRACTED", "effectiveDate", "2024-05-20",
                "eventId", load.get("eventId").asText(), "reason", "entered for the wrong person"));
        client.awaitTimeline(personId, t -> t.get("sequence").asLong() >= retraction.get("sequenceNumber").asLong());

        assertThat(get("/api/people/{id}/timeline?asOf=2024-03-10", personId)).isEqualTo(timelineThen);
        assertThat(get("/api/people/{id}/skills?curves=true&asOf=2024-03-10", personId)).isEqualTo(skillsThen);
        assertThat(get("/api/teams/{id}/rotation-board?asOf=2024-03-10", team)).isEqualTo(boardThen);

        // while today's view, and the past day seen with today's knowledge, include what came later
        JsonNode today = get("/api/people/{id}/timeline", personId);
        assertThat(today.get("entries").findValuesAsText("type")).contains("SKILL_ASSESSED").doesNotContain("ADMINISTRATIVE_LOAD_RECORDED");
        JsonNode revisited = get("/api/teams/{id}/rotation-board?asOf=2024-03-10&knownOn=2024-05-20", team);
        assertThat(boardThen.get("members").get(0).get("adminLoadPercent").asDouble()).isEqualTo(45.0);
        assertThat(revisited.get("members").get(0).get("adminLoadPercent").isNull()).isTrue();
        assertThat(get("/api/people/{id}/skills?asOf=2024-03-10&knownOn=2024-05-20", personId).get("sequence").asLong())
                .isGreaterThan(skillsThen.get("sequence").asLong());
    }

    private static JsonNode get(String uri, String id) {
        return platform.queryApi.get().uri(uri, id).retrieve().body(JsonNode.class);
    }
}
