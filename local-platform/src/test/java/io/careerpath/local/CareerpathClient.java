package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * What a client of the two APIs does, in the words the tests use; as whoever the two RestClients'
 * tokens say (see {@link RunningPlatform#clientAs}).
 */
final class CareerpathClient {

    private final RestClient commandApi;
    private final RestClient queryApi;

    CareerpathClient(RestClient commandApi, RestClient queryApi) {
        this.commandApi = commandApi;
        this.queryApi = queryApi;
    }

    /** The two APIs of a single-machine platform as the demo account, signed in at its own sign-in server. */
    static CareerpathClient signedInAt(LocalPlatform platform, String username) {
        SignIn signIn = new SignIn(platform.signIn(), PlatformServices.dashboardOrigin(platform.services().queryPort()));
        ClientHttpRequestInterceptor bearer = (request, body, execution) -> {
            request.getHeaders().setBearerAuth(signIn.accessToken(username));
            return execution.execute(request, body);
        };
        return new CareerpathClient(
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().commandPort())
                        .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).requestInterceptor(bearer).build(),
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().queryPort())
                        .requestInterceptor(bearer).build());
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

    /** Registers the person under an id of the caller's choosing (a demo account's person, say). */
    String registerWithId(String personId, String displayName, String teamId) {
        return commandApi.post().uri("/api/people")
                .body(Map.of("personId", personId, "displayName", displayName, "teamId", teamId))
                .retrieve().body(JsonNode.class).get("personId").asText();
    }

    /** Registers and answers whatever the command API says, refusals included (they are not thrown). */
    ResponseEntity<JsonNode> tryRegister(Map<String, ?> registration) {
        return commandApi.post().uri("/api/people").body(registration).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                })
                .toEntity(JsonNode.class);
    }

    /** The person's timeline as the query API answers it now, refusals included (they are not thrown). */
    ResponseEntity<JsonNode> tryTimeline(String personId) {
        return queryApi.get().uri("/api/people/{id}/timeline", personId).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                })
                .toEntity(JsonNode.class);
    }

    /** The status the query API answers for a GET of {@code uri}, refusals included. */
    int queryStatus(String uri, Object... variables) {
        return queryApi.get().uri(uri, variables).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                })
                .toBodilessEntity().getStatusCode().value();
    }

    /** Asks the command API to erase the person, and answers its status (refusals are not thrown). */
    int erase(String personId) {
        return commandApi.delete().uri("/api/people/{id}", personId).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                })
                .toBodilessEntity().getStatusCode().value();
    }

    /** The display names on the team's rotation board. */
    java.util.List<String> boardMembers(String teamId) {
        java.util.List<String> names = new java.util.ArrayList<>();
        queryApi.get().uri("/api/teams/{team}/rotation-board", teamId).retrieve().body(JsonNode.class).get("members")
                .forEach(member -> names.add(member.get("displayName").asText()));
        return names;
    }

    /** A career event as the command API takes it: its type, the day it took effect, then field names and values in pairs. */
    static Map<String, Object> event(String type, java.time.LocalDate day, Object... fields) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("type", type);
        event.put("effectiveDate", day.toString());
        for (int i = 0; i < fields.length; i += 2) {
            event.put((String) fields[i], fields[i + 1]);
        }
        return event;
    }

    /**
     * Registers a person on {@code since} (under {@code personId}, a demo account's say, or a new id when null), records
     * {@code events} in order and waits until the query side's timeline holds them all; answers the person id.
     */
    String registerWithCareer(String personId, String name, String team, java.time.LocalDate since,
                              java.util.List<Map<String, Object>> events) {
        Map<String, Object> registration = new java.util.LinkedHashMap<>();
        if (personId != null) {
            registration.put("personId", personId);
        }
        registration.put("displayName", name);
        registration.put("teamId", team);
        registration.put("effectiveDate", since.toString());
        String id = commandApi.post().uri("/api/people").body(registration).retrieve().body(JsonNode.class)
                .get("personId").asText();
        long last = 0;
        for (Map<String, Object> event : events) {
            last = record(id, event).get("sequenceNumber").asLong();
        }
        long wanted = last;
        awaitTimeline(id, timeline -> timeline.get("sequence").asLong() >= wanted);
        return id;
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

    /** What the query service has parked in its dead-letter queue (HR administrators). */
    JsonNode projectionDeadLetters() {
        return queryApi.get().uri("/api/admin/dead-letters").retrieve().body(JsonNode.class);
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

    /**
     * Polls until the person's timeline holds exactly the events the event store holds for them (the audit
     * view reads the store), entry by entry: the same sequence and event id, in sequence order, as many as the
     * store holds, and the same last sequence ({@link EventAccounting#timelineDifference}); answers the store's
     * event ids, and fails, saying how the two differ, if it never does. Retracted events and retractions, which
     * the timeline leaves out, are left out of the comparison.
     */
    java.util.List<String> awaitTimelineHoldingTheStore(String personId) {
        JsonNode stored = careerEvents(personId);
        java.util.List<String> storeIds = new java.util.ArrayList<>();
        stored.get("events").forEach(event -> storeIds.add(event.get("eventId").asText()));
        String[] difference = {"no timeline yet"};
        try {
            awaitTimeline(personId, timeline -> {
                difference[0] = EventAccounting.timelineDifference(stored, timeline);
                return difference[0] == null;
            });
        } catch (org.awaitility.core.ConditionTimeoutException never) {
            throw new AssertionError("The timeline of " + personId + " never held what the event store holds: "
                    + difference[0], never);
        }
        return storeIds;
    }

    static java.util.SortedSet<String> eventIds(JsonNode timeline) {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        timeline.get("entries").forEach(entry -> ids.add(entry.get("eventId").asText()));
        return ids;
    }
}
