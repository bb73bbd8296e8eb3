package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Reminders (issue 16) end to end, on a platform whose clock the test moves day by day and whose daily run it
 * starts by hand ({@code POST /api/admin/reminders/run}; the schedule is off): people are moved past each condition
 * by recording events and letting time pass, and every crossing gives exactly one notification, to the person and
 * the managers of their team only, as the board shows the same day; none after erasure; and with two instances of
 * the query service on one database, one run per day, by hand or by the schedule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemindersEndToEndTest {

    private static final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T07:00:00Z"));

    @RegisterExtension
    static final RunningPlatform.PerClass PLATFORM = RunningPlatform.perClass(() -> RunningPlatform.startWithClock(clock,
            (command, query) -> query.put("careerpath.reminders.enabled", "false")));

    private static final String APOLLO = "team-apollo";
    private static final String ZEUS = "team-zeus-reminders";

    private static String erin;
    private static String tom;
    private static String oscar;
    private static String alma;

    @Test
    @Order(1)
    void everyCrossingNotifiesOnceTheRightPeopleAndNobodyElse() {
        RunningPlatform platform = PLATFORM.get();
        CareerpathClient hr = platform.client;
        LocalDate start = today();
        erin = hr.registerWithCareer(platform.personIdOf("erin"), "Erin Employee", APOLLO, LocalDate.of(2016, 1, 4),
                List.of(event("DELIVERY_ROLE_STARTED", LocalDate.of(2016, 1, 4), "projectName", "Apollo"),
                        event("JOINED_PMO", LocalDate.of(2025, 10, 1), "pmoType", "PROGRAM")));
        tom = hr.registerWithCareer(null, "Tom Troubled", APOLLO, LocalDate.of(2018, 1, 1),
                List.of(event("TOOK_TROUBLED_PROGRAM", LocalDate.of(2024, 1, 1), "programName", "Hydra"),
                        event("TOOK_TROUBLED_PROGRAM", LocalDate.of(2025, 1, 1), "programName", "Chimera")));
        // administrative load moves a forecast too: Alma, in a PMO without delivery history, has the overload's
        // crossings (an overload is flagged only for a load recorded in the PMO or troubled-program role held)
        alma = hr.registerWithCareer(null, "Alma Admin", APOLLO, LocalDate.of(2020, 1, 1),
                List.of(event("JOINED_PMO", LocalDate.of(2020, 1, 1), "pmoType", "ORGANIZATIONAL")));
        oscar = hr.registerWithCareer(null, "Oscar Outside", ZEUS, LocalDate.of(2019, 1, 1),
                List.of(event("JOINED_PMO", LocalDate.of(2019, 1, 1), "pmoType", "ORGANIZATIONAL"),
                        event("ADMINISTRATIVE_LOAD_RECORDED", LocalDate.of(2025, 12, 1), "percentOfTime", 70)));
        LocalDate rotateBackBy = LocalDate.parse(boardMember(APOLLO, erin).get("rotateBackBy").asText());
        assertThat(rotateBackBy).as("Erin's rotate-back date, far enough ahead for the test")
                .isAfter(start.plusMonths(5));

        // day 1: Tom's streak and Oscar's overload are crossed; Erin is on track
        LocalDate day1 = rotateBackBy.minusMonths(5);
        JsonNode first = run(day1);
        assertThat(first.get("ranNow").asBoolean()).isTrue();
        assertThat(first.get("raised").asInt()).isEqualTo(2);
        assertThat(conditionsAbout("maria", tom)).containsExactly("TROUBLED_PROGRAM_STREAK");
        assertThat(boardMember(APOLLO, tom).get("flags").toString()).contains("TROUBLED_PROGRAM_STREAK");
        assertThat(conditionsAbout("erin", erin)).isEmpty();
        assertThat(boardMember(APOLLO, erin).get("deliveryVerdict").asText()).isEqualTo("ON_TRACK");

        // the same day again, and the next day with the conditions still on: nothing new
        JsonNode again = run(day1);
        assertThat(again.get("ranNow").asBoolean()).isFalse();
        assertThat(again.get("status").asText()).isEqualTo("FINISHED");
        assertThat(again.get("raised").asInt()).isEqualTo(2);
        assertThat(run(day1.plusDays(1)).get("raised").asInt()).isZero();
        assertThat(conditionsAbout("maria", tom)).hasSize(1);

        // Alma's administrative load: crossing, clearing, crossing again notifies twice
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(2), "percentOfTime", 50));
        assertThat(run(day1.plusDays(2)).get("raised").asInt()).isEqualTo(1);
        assertThat(boardMember(APOLLO, alma).get("flags").toString()).contains("ADMIN_OVERLOAD");
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(3), "percentOfTime", 10));
        assertThat(run(day1.plusDays(3)).get("raised").asInt()).isZero();
        assertThat(boardMember(APOLLO, alma).get("flags").toString()).doesNotContain("ADMIN_OVERLOAD");
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(4), "percentOfTime", 55));
        assertThat(run(day1.plusDays(4)).get("raised").asInt()).isEqualTo(1);
        assertThat(run(day1.plusDays(5)).get("raised").asInt()).isZero();
        assertThat(conditionsAbout("maria", alma)).containsExactly("ADMIN_OVERLOAD", "ADMIN_OVERLOAD");
        assertThat(conditionsAbout("erin", erin)).isEmpty();

        // the rotate-back date comes within the warning window (3 months), then passes
        LocalDate due = rotateBackBy.minusMonths(2);
        run(due);
        assertThat(boardMember(APOLLO, erin).get("deliveryVerdict").asText()).isEqualTo("ROTATE_BACK_SOON");
        run(due.plusDays(1));
        LocalDate passed = rotateBackBy.plusDays(1);
        run(passed);
        assertThat(boardMember(APOLLO, erin).get("deliveryVerdict").asText()).isEqualTo("BELOW_THRESHOLD");
        run(passed.plusDays(1));
        assertThat(conditionsAbout("erin", erin)).containsExactly("ROTATE_BACK_PASSED", "ROTATE_BACK_DUE");

        // the person and her team's manager receive them; nobody else does
        assertThat(conditionsAbout("maria", erin)).hasSize(2);
        assertThat(conditionsAbout("erin", tom)).as("a teammate's reminders are not an employee's").isEmpty();
        assertThat(conditionsAbout("erin", alma)).isEmpty();
        assertThat(conditionsAbout("hana", erin)).as("HR administrators read the attention list instead").isEmpty();
        assertThat(conditionsAbout("maria", oscar)).isEmpty();
        RestClient otherEmployee = platform.queryApiWithToken(platform.signInServer().mint(claims -> claims
                .subject("otto").claim("roles", List.of("EMPLOYEE")).claim("person_id", oscar)));
        RestClient otherManager = platform.queryApiWithToken(platform.signInServer().mint(claims -> claims
                .subject("zelda").claim("roles", List.of("MANAGER")).claim("managed_teams", List.of(ZEUS))));
        assertThat(personIds(notifications(otherEmployee))).containsOnly(oscar).hasSize(1);
        assertThat(personIds(notifications(otherManager))).containsOnly(oscar).hasSize(1);

        // in plain words, linking to the career page
        JsonNode dueNotification = find(notifications(platform.queryApiAs("erin")), "ROTATE_BACK_DUE");
        assertThat(dueNotification.get("words").asText()).isEqualTo("Erin Employee's rotate-back date, "
                + io.careerpath.query.words.CareerWords.day(rotateBackBy) + ", is less than 3 months away");
        assertThat(dueNotification.get("link").asText()).isEqualTo("career.html?person=" + erin);
        assertThat(dueNotification.get("teamName").asText()).isNotBlank();

        // read marks are the account's own
        RestClient erinApi = platform.queryApiAs("erin");
        assertThat(unread(erinApi)).isEqualTo(2);
        erinApi.post().uri("/api/notifications/{id}/read", dueNotification.get("id").asText()).retrieve().toBodilessEntity();
        assertThat(unread(erinApi)).isEqualTo(1);
        assertThat(notifications(erinApi).get("unread").asInt()).isEqualTo(1);
        assertThat(unread(platform.queryApiAs("maria"))).as("maria's marks are hers").isEqualTo(5);
        assertThat(otherEmployee.post().uri("/api/notifications/{id}/read", dueNotification.get("id").asText())
                .retrieve().onStatus(status -> true, (request, response) -> {
                }).toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        erinApi.post().uri("/api/notifications/read").retrieve().toBodilessEntity();
        assertThat(unread(erinApi)).isZero();
    }

    @Test
    @Order(2)
    void afterErasureNobodySeesThePersonsRemindersAndNothingOfThemIsKept() {
        RunningPlatform platform = PLATFORM.get();
        assertThat(conditionsAbout("maria", tom)).hasSize(1);
        assertThat(platform.client.erase(tom)).isBetween(200, 299);
        try (MongoClient mongo = MongoClients.create(platform.infrastructure.mongoUri())) {
            var readModels = platform.readModels(mongo);
            // the accounts that used the API are remembered as their tokens describe them (the email digest's addresses)
            var erinAccount = readModels.getCollection("reminder_recipients").find(Filters.eq("_id", "erin")).first();
            assertThat(erinAccount).isNotNull();
            assertThat(erinAccount.getString("email")).isEqualTo("erin@careerpath.invalid");
            assertThat(erinAccount.getString("name")).isEqualTo("Erin Employee");
            assertThat(erinAccount.getString("personId")).isEqualTo(erin);
            assertThat(readModels.getCollection("reminder_recipients").find(Filters.eq("_id", "zelda")).first()
                    .getList("managedTeams", String.class)).containsExactly(ZEUS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(readModels.getCollection("reminders").countDocuments(Filters.eq("personId", tom))).isZero();
                assertThat(readModels.getCollection("reminder_conditions").countDocuments(Filters.eq("_id", tom))).isZero();
            });
        }
        assertThat(conditionsAbout("maria", tom)).isEmpty();
        run(today().plusDays(1));
        assertThat(conditionsAbout("maria", tom)).isEmpty();
    }

    @Test
    @Order(3)
    void twoInstancesOnOneDatabaseRunEachDayOnce() throws Exception {
        RunningPlatform platform = PLATFORM.get();
        // Oscar's overload clears, then recurs on the day both instances are asked to run
        LocalDate cleared = today().plusDays(1);
        record(oscar, event("ADMINISTRATIVE_LOAD_RECORDED", cleared, "percentOfTime", 5));
        run(cleared);
        LocalDate recurs = cleared.plusDays(1);
        record(oscar, event("ADMINISTRATIVE_LOAD_RECORDED", recurs, "percentOfTime", 80));
        int before = conditionsAbout("hana-as-zeus-manager", oscar).size();
        try (ConfigurableApplicationContext second = platform.startAnotherQueryService(platform.readModelDatabase, clock,
                Map.of("careerpath.reminders.enabled", "false"))) {
            RestClient secondApi = RestClient.builder()
                    .baseUrl("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"))
                    .defaultHeader("Authorization", platform.bearer(RunningPlatform.HR_ADMIN)).build();
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> runOn(platform.queryApi)));
                calls.add(CompletableFuture.supplyAsync(() -> runOn(secondApi)));
            }
            List<JsonNode> outcomes = calls.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes).filteredOn(outcome -> outcome.get("ranNow").asBoolean()).hasSize(1);
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.get("day").asText()).isEqualTo(recurs.toString()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(runOn(secondApi).get("status").asText()).isEqualTo("FINISHED");
                assertThat(runOn(secondApi).get("raised").asInt()).isEqualTo(1);
            });
        }
        assertThat(conditionsAbout("hana-as-zeus-manager", oscar)).hasSize(before + 1);
    }

    @Test
    @Order(4)
    void theScheduleRunsTheDayByItselfOnOneInstance() {
        RunningPlatform platform = PLATFORM.get();
        // Alma's overload clears, then recurs on a day that nobody runs by hand
        LocalDate cleared = today().plusDays(1);
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", cleared, "percentOfTime", 5));
        run(cleared);
        LocalDate recurs = cleared.plusDays(1);
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", recurs, "percentOfTime", 60));
        int before = conditionsAbout("maria", alma).size();
        // a second instance with its schedule on, firing every two seconds (and catching up at start)
        try (ConfigurableApplicationContext second = platform.startAnotherQueryService(platform.readModelDatabase, clock,
                Map.of("careerpath.reminders.enabled", "true", "careerpath.reminders.cron", "*/2 * * * * *"));
             MongoClient mongo = MongoClients.create(platform.infrastructure.mongoUri())) {
            var runs = platform.readModels(mongo).getCollection("reminder_runs");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                var run = runs.find(Filters.eq("_id", recurs.toString())).first();
                return run != null && run.get("finishedAt") != null;
            });
            JsonNode byHand = runOn(platform.queryApi);
            assertThat(byHand.get("ranNow").asBoolean()).as("the schedule ran it").isFalse();
            assertThat(byHand.get("raised").asInt()).isEqualTo(1);
            assertThat(runs.find(Filters.eq("_id", recurs.toString())).first().get("takeovers")).isNull();
        }
        assertThat(conditionsAbout("maria", alma)).hasSize(before + 1);
    }

    // ---------------------------------------------------------------------------------------------

    private static LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Moves the platform to the day and runs its reminders. */
    private static JsonNode run(LocalDate day) {
        clock.set(day.atTime(7, 0).toInstant(ZoneOffset.UTC));
        return runOn(PLATFORM.get().queryApi);
    }

    private static JsonNode runOn(RestClient api) {
        return api.post().uri("/api/admin/reminders/run").retrieve().body(JsonNode.class);
    }

    /** Moves the platform to the event's day (nothing is recorded ahead of today), records it, waits for the query side. */
    private static void record(String personId, Map<String, Object> event) {
        clock.set(LocalDate.parse((String) event.get("effectiveDate")).atTime(7, 0).toInstant(ZoneOffset.UTC));
        long sequence = PLATFORM.get().client.record(personId, event).get("sequenceNumber").asLong();
        PLATFORM.get().client.awaitTimeline(personId, timeline -> timeline.get("sequence").asLong() >= sequence);
    }

    private static JsonNode boardMember(String team, String personId) {
        JsonNode board = PLATFORM.get().queryApi.get().uri("/api/teams/{team}/rotation-board", team).retrieve()
                .body(JsonNode.class);
        for (JsonNode member : board.get("members")) {
            if (member.get("personId").asText().equals(personId)) {
                return member;
            }
        }
        throw new AssertionError(personId + " is not on the board of " + team + ": " + board);
    }

    /** The conditions of the notifications the account receives about the person, newest first. */
    private static List<String> conditionsAbout(String account, String personId) {
        RunningPlatform platform = PLATFORM.get();
        RestClient api = account.equals("hana-as-zeus-manager")
                ? platform.queryApiWithToken(platform.signInServer().mint(claims -> claims.subject("zelda")
                .claim("roles", List.of("MANAGER")).claim("managed_teams", List.of(ZEUS))))
                : platform.queryApiAs(account);
        List<String> conditions = new ArrayList<>();
        notifications(api).get("notifications").forEach(notification -> {
            if (notification.get("personId").asText().equals(personId)) {
                conditions.add(notification.get("condition").asText());
            }
        });
        return conditions;
    }

    private static JsonNode notifications(RestClient api) {
        return api.get().uri("/api/notifications").retrieve().body(JsonNode.class);
    }

    private static int unread(RestClient api) {
        return api.get().uri("/api/notifications/unread-count").retrieve().body(JsonNode.class).get("unread").asInt();
    }

    private static List<String> personIds(JsonNode notifications) {
        List<String> ids = new ArrayList<>();
        notifications.get("notifications").forEach(notification -> ids.add(notification.get("personId").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode notifications, String condition) {
        for (JsonNode notification : notifications.get("notifications")) {
            if (notification.get("condition").asText().equals(condition)) {
                return notification;
            }
        }
        throw new AssertionError("No " + condition + " in " + notifications);
    }
}
