package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** What a client of the two APIs does, in the words the tests use. */
final class CareerpathClient {

    private final RestClient commandApi;
    private final RestClient queryApi;

    CareerpathClient(RestClient commandApi, RestClient queryApi) {
        this.commandApi = commandApi;
        this.queryApi = queryApi;
    }

    String register(String displayName, String teamId) {
        return commandApi.post().uri("/api/people")
                .body(Map.of("displayName", displayName, "teamId", teamId))
                .retrieve().body(JsonNode.class).get("personId").asText();
    }

    String register(String displayName, String teamId, String effectiveDate) {
        return commandApi.post().uri("/api/people")
                .body(Map.of("displayName", displayName, "teamId", teamId, "effectiveDate", effectiveDate))
                .retrieve().body(JsonNode.class).get("personId").asText();
    }

    JsonNode record(String personId, Map<String, Object> event) {
        return commandApi.post().uri("/api/people/{id}/career-events", personId)
                .body(event).retrieve().body(JsonNode.class);
    }

    /**
     * Records an event and answers whatever the command API says, refusals included (they are not
     * thrown): status, headers and body.
     */
    ResponseEntity<JsonNode> tryRecord(String personId, Map<String, ?> event, Map<String, String> headers) {
        return commandApi.post().uri("/api/people/{id}/career-events", personId)
                .headers(h -> headers.forEach(h::add))
                .body(event)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    // answered, not thrown: the tests look at refusals
                })
                .toEntity(JsonNode.class);
    }

    /** The audit view: every event recorded for the person, straight from the event store. */
    JsonNode careerEvents(String personId) {
        return commandApi.get().uri("/api/people/{id}/career-events", personId).retrieve().body(JsonNode.class);
    }

    JsonNode joinPmo(String personId, String pmoType, String effectiveDate) {
        return record(personId, Map.of("type", "JOINED_PMO", "pmoType", pmoType, "effectiveDate", effectiveDate));
    }

    /** Polls the query side until the person's timeline satisfies {@code condition}, and returns it. */
    JsonNode awaitTimeline(String personId, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                last[0] = queryApi.get().uri("/api/people/{id}/timeline", personId).retrieve().body(JsonNode.class);
                return condition.test(last[0]);
            } catch (HttpClientErrorException.NotFound notYetProjected) {
                return false;
            }
        });
        return last[0];
    }
}
