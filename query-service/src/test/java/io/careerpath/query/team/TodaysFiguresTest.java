package io.careerpath.query.team;

import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.T2;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import io.careerpath.query.access.AnotherInstanceAccess;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Days;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.AnotherInstance;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryWrites;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.keys.PersonKeyLookup;
import io.careerpath.query.team.RotationBoardController.BoardRow;
import io.careerpath.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The figures for today kept in memory ({@link TodaysFigures}) against the boards and lists read from the store:
 * equal for every team, role and filter over varied careers (team moves, retractions, streaks, loads, an erasure);
 * a board right after a write shows it, also while the figures are being derived again; a second instance on the
 * same database learns of the writes through the change log; a new day derives everyone for it; the list's pages.
 */
@ApiTest
// its own application context: the people added here must not show up in other tests' boards and lists
@TestPropertySource(properties = "careerpath.query.minimum-aggregate-size=2")
class TodaysFiguresTest {

    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");
    private static final String MOVERS = "tf-movers";
    private static final String STREAKS = "tf-streaks";
    private static final List<String> TEAMS = List.of(T1, T2, "mgmt", MOVERS, STREAKS);
    private static final List<String> PEOPLE = new ArrayList<>();
    private static String erased;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TodaysFigures today;
    @Autowired
    private MongoDatabase database;
    @Autowired
    private ReadModelGenerations generations;
    @Autowired
    private QueryProperties properties;
    @Autowired
    private PersonKeyLookup keys;
    @Autowired
    private MemberFigures figures;
    @Autowired
    private io.careerpath.query.keys.TestKeys testKeys;
    @Autowired
    private io.careerpath.query.history.PersonHistoryProjection projection;

    @BeforeEach
    void seed() {
        fixture.seeded();
        today.serveFromMemory(true);
        if (!PEOPLE.isEmpty()) {
            return;
        }
        String mover = person("Mo Mover", MOVERS, "2012-01-01");
        delivery(mover, "2012-01-01");
        fixture.record(new JoinedPmo(mover, mover + "-p", LocalDate.parse("2020-01-01"), mover, RECORDED, PmoType.PROGRAM,
                fixture.seal(mover, "PMO Mo"), DeliveryResponsibility.NONE));
        fixture.record(new TeamChanged(mover, mover + "-t", LocalDate.parse("2024-05-01"), mover, RECORDED, STREAKS,
                null, "Streakers"));
        String back = person("Bea Back", MOVERS, "2012-01-01");
        delivery(back, "2012-01-01");
        fixture.record(new JoinedPmo(back, back + "-p", LocalDate.parse("2021-01-01"), back, RECORDED, PmoType.EXECUTIVE,
                fixture.seal(back, "PMO Bea"), DeliveryResponsibility.PARTIAL));
        fixture.record(new RegainedDeliveryRole(back, back + "-r", LocalDate.parse("2024-09-01"), back, RECORDED,
                fixture.seal(back, "Back again")));
        fixture.record(new AdministrativeLoadRecorded(back, back + "-l", LocalDate.parse("2025-02-01"), back, RECORDED, 45));
        String overloaded = person("Olga Overload", MOVERS, "2015-01-01");
        delivery(overloaded, "2015-01-01");
        fixture.record(new JoinedPmo(overloaded, overloaded + "-p", LocalDate.parse("2025-01-01"), overloaded, RECORDED,
                PmoType.PROGRAM, fixture.seal(overloaded, "PMO Olga"), DeliveryResponsibility.NONE));
        fixture.record(new AdministrativeLoadRecorded(overloaded, overloaded + "-l", LocalDate.parse("2025-02-01"),
                overloaded, RECORDED, 50));
        String streak = person("Sid Streak", STREAKS, "2014-01-01");
        fixture.record(new TookTroubledProgram(streak, streak + "-1", LocalDate.parse("2023-01-01"), streak, RECORDED,
                fixture.seal(streak, "Rescue one")));
        fixture.record(new TookTroubledProgram(streak, streak + "-2", LocalDate.parse("2024-01-01"), streak, RECORDED,
                fixture.seal(streak, "Rescue two")));
        String retracted = person("Ria Retracted", STREAKS, "2014-01-01");
        delivery(retracted, "2014-01-01");
        fixture.record(new JoinedPmo(retracted, retracted + "-p", LocalDate.parse("2018-01-01"), retracted, RECORDED,
                PmoType.PROGRAM, fixture.seal(retracted, "Wrong"), DeliveryResponsibility.NONE));
        fixture.record(new EventRetracted(retracted, retracted + "-x", LocalDate.parse("2018-01-02"), retracted, RECORDED,
                retracted + "-p", "JOINED_PMO", fixture.seal(retracted, "not so")));
        String future = person("Fu Future", MOVERS, "2016-01-01");
        fixture.record(new JoinedPmo(future, future + "-p", LocalDate.parse("2019-01-01"), future, RECORDED,
                PmoType.ORGANIZATIONAL, fixture.seal(future, "PMO Fu"), DeliveryResponsibility.NONE));
        fixture.record(new TeamChanged(future, future + "-t", LocalDate.parse("2025-08-01"), future, RECORDED, STREAKS,
                null, "Streakers"));
        erased = person("Eli Erased", MOVERS, "2011-01-01");
        delivery(erased, "2011-01-01");
        fixture.record(new PersonErased(erased, erased + "-e", LocalDate.parse("2025-03-01"), "hr", RECORDED));
        today.awaitQuiet();
    }

    private String person(String name, String team, String since) {
        String id = ApiFixture.newPersonId();
        PEOPLE.add(id);
        fixture.person(id, name, team, since);
        return id;
    }

    private void delivery(String personId, String since) {
        fixture.record(new DeliveryRoleStarted(personId, personId + "-d", LocalDate.parse(since), personId, RECORDED,
                fixture.seal(personId, "Delivery " + since)));
    }

    private String answer(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        return response.getStatus() + " " + response.getContentAsString();
    }

    /** The same request answered from memory and from the store. */
    private void sameBothWays(MockHttpServletRequestBuilder fromMemory, MockHttpServletRequestBuilder fromStore)
            throws Exception {
        today.serveFromMemory(true);
        String memory = answer(fromMemory);
        today.serveFromMemory(false);
        String store = answer(fromStore);
        today.serveFromMemory(true);
        assertThat(memory).isEqualTo(store);
    }

    @Test
    void everyBoardAndListFromMemoryIsTheOneFromTheStore() throws Exception {
        assertThat(today.ready()).isTrue();
        // the people are in memory (so the comparison compares two ways), the erased one is not
        assertThat(today.current().people.keySet()).containsAll(PEOPLE.stream().filter(id -> !id.equals(erased)).toList())
                .doesNotContain(erased);
        for (Role role : Role.values()) {
            for (String team : TEAMS) {
                String board = "/api/teams/" + team + "/rotation-board";
                sameBothWays(get(board).with(as(role)), get(board).with(as(role)));
            }
            for (List<String> params : List.of(List.<String>of(), List.of("sort", "name", "direction", "desc"),
                    List.of("withinMonths", "36", "sort", "retention"), List.of("flag", "TROUBLED_PROGRAM_STREAK"),
                    List.of("team", MOVERS, "role", "PMO"), List.of("limit", "2", "offset", "1", "sort", "team"))) {
                sameBothWays(attention(role, params), attention(role, params));
            }
        }
        // a past day is the store's answer whichever way; today asked for by date is memory's
        String board = "/api/teams/" + MOVERS + "/rotation-board";
        assertThat(answer(get(board).param("asOf", "2025-06-01").param("knownOn", "2025-06-01").with(as(Role.PMO_LEAD))))
                .isEqualTo(answer(get(board).with(as(Role.PMO_LEAD))));
        today.serveFromMemory(false);
        String pastFromStore = answer(get(board).param("asOf", "2023-01-01").param("knownOn", "2025-06-01").with(as(Role.PMO_LEAD)));
        today.serveFromMemory(true);
        assertThat(answer(get(board).param("asOf", "2023-01-01").param("knownOn", "2025-06-01").with(as(Role.PMO_LEAD)))).isEqualTo(pastFromStore)
                .contains("Mo Mover");
    }

    private static MockHttpServletRequestBuilder attention(Role role, List<String> params) {
        MockHttpServletRequestBuilder request = get("/api/attention").with(as(role));
        for (int i = 0; i < params.size(); i += 2) {
            request.param(params.get(i), params.get(i + 1));
        }
        return request;
    }

    @Test
    void aNewTeamsFirstMemberIsListedBeforeTheFiguresKnowTheTeam() throws Exception {
        String team = "tf-new-" + System.nanoTime();
        String newcomer = ApiFixture.newPersonId();
        // the worker held up: memory knows neither the person nor their team, so the store must answer
        CountDownLatch release = holdWorker();
        try {
            fixture.person(newcomer, "Nora Newteam", team, "2012-01-01");
            delivery(newcomer, "2012-01-01");
            fixture.record(new JoinedPmo(newcomer, newcomer + "-p", LocalDate.parse("2019-01-01"), newcomer, RECORDED,
                    PmoType.PROGRAM, fixture.seal(newcomer, "PMO Nora"), DeliveryResponsibility.NONE));
            assertThat(today.isStale(newcomer)).isTrue();
            JsonNode list = json.readTree(answer(attention(Role.HR_ADMIN, List.of("team", team))).substring(4));
            assertThat(list.get("people").findValuesAsText("personId")).containsExactly(newcomer);
            assertThat(list.get("teams").findValuesAsText("teamId")).containsExactly(team);
        } finally {
            release.countDown();
        }
        today.awaitQuiet();
        JsonNode list = json.readTree(answer(attention(Role.HR_ADMIN, List.of("team", team))).substring(4));
        assertThat(list.get("people").findValuesAsText("personId")).containsExactly(newcomer);
    }

    @Test
    void aBoardRightAfterAWriteShowsItWhileTheFiguresAreDerivedAgain() throws Exception {
        // the worker held up: the write's person stays stale, and the board must read them from the store
        CountDownLatch release = holdWorker();
        try {
            fixture.record(new AdministrativeLoadRecorded(B, "b-load-" + System.nanoTime(), LocalDate.parse("2025-05-20"),
                    B, RECORDED, 61));
            assertThat(today.isStale(B)).isTrue();
            assertThat(today.current().people.get(B)).as("B in memory among %s", today.current().people.keySet()).isNotNull();
            assertThat(today.current().people.get(B).row().member().adminLoadPercent()).isNull();
            JsonNode member = memberOf(board(T1), B);
            assertThat(member.get("adminLoadPercent").asDouble()).isEqualTo(61.0);
        } finally {
            release.countDown();
        }
        today.awaitQuiet();
        assertThat(today.isStale(B)).isFalse();
        assertThat(today.current().people.get(B).row().member().adminLoadPercent()).isEqualTo(61.0);
        assertThat(memberOf(board(T1), B).get("adminLoadPercent").asDouble()).isEqualTo(61.0);
    }

    @Test
    void theWritesOfOneIntervalAreLoggedAndDerivedTogetherByTheWorkerNotTheWritingThread() {
        String team = "tf-interval-" + System.nanoTime();
        List<String> people = List.of(ApiFixture.newPersonId(), ApiFixture.newPersonId(), ApiFixture.newPersonId());
        people.forEach(personId -> fixture.person(personId, "Ivo Interval", team, "2013-01-01"));
        today.awaitQuiet();
        FiguresChangeLog changeLog = new FiguresChangeLog(generations);
        long next = changeLog.next();
        CountDownLatch release = holdWorker();
        try {
            people.forEach(personId -> delivery(personId, "2013-02-01"));
            assertThat(people).allMatch(today::isStale);
            assertThat(changeLog.next()).as("nothing appended to the change log by the writing thread").isEqualTo(next);
        } finally {
            release.countDown();
        }
        today.awaitQuiet();
        List<FiguresChangeLog.Entry> appended = changeLog.read(next, 10);
        assertThat(appended).as("one entry for the three writes").hasSize(1);
        assertThat(appended.get(0).people()).containsExactlyInAnyOrderElementsOf(people);
        assertThat(people).noneMatch(today::isStale);
        assertThat(people).allMatch(personId -> today.current().people.get(personId).teamId().equals(team));
    }

    /** Holds the figures' worker up (for at most 30 s) until the latch is counted down: derivations wait. */
    private CountDownLatch holdWorker() {
        CountDownLatch release = new CountDownLatch(1);
        today.onWorker(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    private JsonNode board(String team) throws Exception {
        return json.readTree(mvc.perform(get("/api/teams/" + team + "/rotation-board").with(as(Role.MANAGER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode memberOf(JsonNode board, String personId) {
        for (JsonNode member : board.get("members")) {
            if (member.get("personId").asText().equals(personId)) {
                return member;
            }
        }
        throw new AssertionError(personId + " is not on the board " + board);
    }

    /** A second instance on the same database, on a clock of its own, polling every 50 ms. */
    private TodaysFigures anotherInstance(Clock clock) {
        ReadModelGenerations generations = AnotherInstance.generations(database);
        HistoryReads reads = AnotherInstance.reads(generations, properties);
        AsOf asOf = Days.on(clock);
        PeopleAccess access = AnotherInstanceAccess.of(reads, keys, asOf);
        TodaysFigures other = new TodaysFigures(reads, generations, keys, access, figures, asOf,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Duration.ofMillis(50), Duration.ofMillis(50));
        other.start();
        await().atMost(Duration.ofSeconds(20)).until(other::ready);
        return other;
    }

    @Test
    void anotherInstanceLearnsOfTheWritesThroughTheChangeLog() {
        TodaysFigures other = anotherInstance(Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC));
        try {
            String newcomer = ApiFixture.newPersonId();
            fixture.person(newcomer, "Nora Newcomer", STREAKS, "2020-01-01");
            fixture.record(new TookTroubledProgram(newcomer, newcomer + "-1", LocalDate.parse("2024-01-01"), newcomer,
                    RECORDED, fixture.seal(newcomer, "One")));
            fixture.record(new TookTroubledProgram(newcomer, newcomer + "-2", LocalDate.parse("2025-01-01"), newcomer,
                    RECORDED, fixture.seal(newcomer, "Two")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                TodaysFigures.Row row = other.current().people.get(newcomer);
                assertThat(row).isNotNull();
                assertThat(row.teamId()).isEqualTo(STREAKS);
                assertThat(row.row().member().displayName()).isEqualTo("Nora Newcomer");
                assertThat(row.row().member().troubledProgramStreak()).isEqualTo(2);
            });
            // its row is the one this instance made
            today.awaitQuiet();
            assertThat(other.current().people.get(newcomer)).isEqualTo(today.current().people.get(newcomer));
            fixture.record(new PersonErased(newcomer, newcomer + "-e", LocalDate.parse("2025-05-01"), "hr", RECORDED));
            await().atMost(Duration.ofSeconds(10)).until(() -> !other.current().people.containsKey(newcomer));
        } finally {
            other.stop();
        }
    }

    @Test
    void aNewDayDerivesEveryoneForIt() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-01T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TodaysFigures other = anotherInstance(clock);
        try {
            String future = PEOPLE.stream().filter(id -> today.current().people.get(id) != null
                    && "Fu Future".equals(today.current().people.get(id).row().member().displayName())).findFirst().orElseThrow();
            assertThat(other.current().people.get(future).teamId()).isEqualTo(MOVERS);
            now.set(Instant.parse("2025-09-02T06:00:00Z"));
            LocalDate newDay = LocalDate.parse("2025-09-02");
            // until the new day is derived, memory does not answer for it
            assertThat(other.board(caller(), MOVERS, new Viewpoint(newDay, newDay))).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> other.ready() && other.current().day.equals(newDay));
            // the team move effective on 2025-08-01 has happened by the new day
            assertThat(other.current().people.get(future).teamId()).isEqualTo(STREAKS);
            // and every row is the store's for that day
            HistoryReads reads = AnotherInstance.reads(AnotherInstance.generations(database), properties);
            for (StoredHistory stored : reads.findAll(other.current().people.keySet())) {
                byte[] key = keys.keyOf(stored.personId()).orElse(null);
                BoardRow fromStore = BoardRow.of(figures, stored.at(new Viewpoint(newDay, newDay)).opened(key), newDay);
                assertThat(other.current().people.get(stored.personId()).row()).isEqualTo(fromStore);
            }
        } finally {
            other.stop();
        }
    }

    @Test
    void aNewlyActiveGenerationIsDerivedAgainAndTheStoreAnswersUntilThen() throws Exception {
        TodaysFigures other = anotherInstance(Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC));
        ReadModelGenerations generations = AnotherInstance.generations(database);
        int before = generations.active();
        int next = before + 10;
        String only = ApiFixture.newPersonId();
        try {
            // the new generation holds one person (as if a rebuild had found only them)
            testKeys.newKeyFor(only);
            HistoryWrites writes = projection.writesInto(next);
            writes.add(new PersonRegistered(only, "reg-" + only, LocalDate.parse("2020-01-01"), "hr", RECORDED,
                    fixture.seal(only, "Gen Only"), "tf-generation"), 0, "m-reg-" + only);
            writes.flush();
            assertThat(today.current().people).doesNotContainKey(only);
            generations.activate(next);
            today.checkNow();
            // until everyone of the new generation is derived, the store answers: the old generation's team is unknown
            mvc.perform(get("/api/teams/" + MOVERS + "/rotation-board").with(as(Role.PMO_LEAD)))
                    .andExpect(status().isNotFound());
            today.awaitQuiet();
            assertThat(today.ready()).isTrue();
            assertThat(today.current().generation).isEqualTo(next);
            assertThat(today.current().people.keySet()).containsExactly(only);
            await().atMost(Duration.ofSeconds(10)).until(() -> other.ready() && other.current().generation == next);
            assertThat(other.current().people.keySet()).containsExactly(only);
            assertThat(answer(get("/api/teams/tf-generation/rotation-board").with(as(Role.PMO_LEAD)))).contains("Gen Only");
        } finally {
            generations.activate(before);
            today.checkNow();
            today.awaitQuiet();
            other.stop();
        }
        assertThat(today.current().generation).isEqualTo(before);
        assertThat(today.current().people).doesNotContainKey(only).containsKey(B);
    }

    private static io.careerpath.security.Caller caller() {
        return new io.careerpath.security.Caller("account-h", ApiFixture.HR_ADMIN, java.util.Set.of(Role.HR_ADMIN),
                java.util.Set.of());
    }

    @Test
    void theListComesAPageAtATimeWithCountsOverTheWholeList() throws Exception {
        JsonNode whole = json.readTree(answer(get("/api/attention").param("limit", "1000").with(as(Role.HR_ADMIN)))
                .substring(4));
        int count = whole.get("count").asInt();
        assertThat(count).isGreaterThan(3);
        assertThat(whole.get("more").asBoolean()).isFalse();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < count; offset += 2) {
            JsonNode page = json.readTree(answer(get("/api/attention").param("limit", "2")
                    .param("offset", String.valueOf(offset)).with(as(Role.HR_ADMIN))).substring(4));
            assertThat(page.get("count").asInt()).isEqualTo(count);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("limit").asInt()).isEqualTo(2);
            assertThat(page.get("more").asBoolean()).isEqualTo(offset + 2 < count);
            assertThat(page.get("teams")).isEqualTo(whole.get("teams"));
            page.get("people").forEach(person -> paged.add(person.get("personId").asText()));
        }
        List<String> all = new ArrayList<>();
        whole.get("people").forEach(person -> all.add(person.get("personId").asText()));
        assertThat(paged).isEqualTo(all);
        // the default page is 100; past the end, an empty page
        JsonNode beyond = json.readTree(answer(get("/api/attention").param("offset", String.valueOf(count + 5))
                .with(as(Role.HR_ADMIN))).substring(4));
        assertThat(beyond.get("limit").asInt()).isEqualTo(100);
        assertThat(beyond.get("people")).isEmpty();
        assertThat(beyond.get("count").asInt()).isEqualTo(count);
    }

    @Test
    void aPageOutsideItsBoundsIsRefusedInWords() throws Exception {
        for (String limit : List.of("0", "1001", "-1", "all")) {
            mvc.perform(get("/api/attention").param("limit", limit).with(as(Role.PMO_LEAD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("limit"));
        }
        mvc.perform(get("/api/attention").param("limit", "1001").with(as(Role.PMO_LEAD)))
                .andExpect(jsonPath("$.detail").value("limit: must be from 1 to 1000 people"));
        mvc.perform(get("/api/attention").param("offset", "-1").with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("offset: must be 0 or more people"));
    }

    @Test
    void theCsvIsTheWholeListWhateverThePage() throws Exception {
        int count = json.readTree(answer(get("/api/attention").param("limit", "1").with(as(Role.HR_ADMIN))).substring(4))
                .get("count").asInt();
        String csv = mvc.perform(get("/api/attention").param("limit", "1").accept("text/csv").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.strip().split("\r?\n")).hasSize(count + 1);
    }
}
