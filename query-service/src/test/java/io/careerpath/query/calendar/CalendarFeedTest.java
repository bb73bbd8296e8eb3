package io.careerpath.query.calendar;

import static io.careerpath.query.api.ApiFixture.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PmoType;
import io.careerpath.events.TeamChanged;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.keys.TestKeys;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The calendar feed read as a calendar client reads it (no access token) and parsed with ical4j: one all-day event
 * per upcoming rotate-back date of exactly the people the account receives reminders about and may see, on the
 * rotation board's dates; an address that stops working when revoked or replaced; erased people gone.
 * Today is 2025-06-01.
 */
@ApiTest
// its own application context: the teams added here must not show up in other tests' team lists
@TestPropertySource(properties = "careerpath.query.rotate-back-warning-months=3")
class CalendarFeedTest {

    private static final String TEAM = "cal-team";
    private static final String OTHER_TEAM = "cal-other";
    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-06-01");
    private static final Map<String, String> IDS = new HashMap<>();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private TestKeys keys;
    @Autowired
    private ObjectMapper json;

    @BeforeEach
    void seed() {
        fixture.seeded();
        if (!IDS.isEmpty()) {
            return;
        }
        awayFromDelivery("Uma Upcoming", TEAM, "2025-03-01");
        awayFromDelivery("Una Later", TEAM, "2025-05-01");
        awayFromDelivery("Pia Passed", TEAM, "2019-01-01");
        String delivering = person("Dee Delivering", TEAM);
        fixture.record(new DeliveryRoleStarted(delivering, "cal-dee", LocalDate.parse("2015-01-01"), delivering, RECORDED,
                fixture.seal(delivering, "Gemini")));
        // in the team until March, in the other team now: the other team's manager hears about her
        String moved = awayFromDelivery("Mo Moved", TEAM, "2025-03-01");
        fixture.record(new TeamChanged(moved, "cal-mo-t", LocalDate.parse("2025-03-15"), moved, RECORDED, OTHER_TEAM, null));
        awayFromDelivery("Oli Other", OTHER_TEAM, "2025-04-01");
        // the manager of TEAM, in a team of her own
        awayFromDelivery("Meg Manager", "cal-mgmt", "2025-02-01");
        awayFromDelivery("Pam Pmo", "cal-mgmt", "2025-02-01");
    }

    private String person(String name, String team) {
        String id = ApiFixture.newPersonId();
        IDS.put(name, id);
        fixture.person(id, name, team, "2010-01-01");
        return id;
    }

    private String awayFromDelivery(String name, String team, String pmoSince) {
        String id = person(name, team);
        fixture.record(new DeliveryRoleStarted(id, id + "-d", LocalDate.parse("2010-01-01"), id, RECORDED,
                fixture.seal(id, "Delivery project")));
        fixture.record(new JoinedPmo(id, id + "-p", LocalDate.parse(pmoSince), id, RECORDED, PmoType.EXECUTIVE,
                fixture.seal(id, "PMO " + name), DeliveryResponsibility.NONE));
        return id;
    }

    private static RequestPostProcessor manager() {
        return caller("cal-account-meg", IDS.get("Meg Manager"), List.of("MANAGER", "EMPLOYEE"), List.of(TEAM));
    }

    private static RequestPostProcessor otherManager() {
        return caller("cal-account-oscar", null, List.of("MANAGER"), List.of(OTHER_TEAM));
    }

    private static RequestPostProcessor employee() {
        return caller("cal-account-uma", IDS.get("Uma Upcoming"), List.of("EMPLOYEE"), List.of());
    }

    private static RequestPostProcessor pmoLead() {
        return caller("cal-account-pam", IDS.get("Pam Pmo"), List.of("PMO_LEAD"), List.of());
    }

    /** Creates the account's feed; answers the path of its address. */
    private String createFeed(RequestPostProcessor account) throws Exception {
        String body = mvc.perform(post("/api/calendar-feed").with(account))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String url = json.readTree(body).get("url").asText();
        assertThat(url).matches("http://localhost/calendar/[A-Za-z0-9_-]{43}\\.ics");
        return url.substring("http://localhost".length());
    }

    /** The feed as a calendar client reads it: no token; parsed and validated by ical4j. */
    private Calendar read(String feed) throws Exception {
        MvcResult result = mvc.perform(get(feed)).andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getContentType()).isEqualTo("text/calendar;charset=UTF-8");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
        Calendar calendar = new CalendarBuilder().build(new StringReader(result.getResponse().getContentAsString()));
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        return calendar;
    }

    /** Each event's start day by the person it is about, read back from its UID. */
    private static Map<String, LocalDate> daysByPerson(Calendar calendar) {
        Map<String, LocalDate> days = new TreeMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String uid = event.getUid().orElseThrow().getValue();
            assertThat(uid).endsWith("-rotate-back@careerpath");
            Property start = event.getProperty(Property.DTSTART).orElseThrow();
            assertThat(start.<Parameter>getParameter(Parameter.VALUE)).as("an all-day event").contains(Value.DATE);
            days.put(uid.substring(0, uid.length() - "-rotate-back@careerpath".length()),
                    LocalDate.parse(start.getValue(), DateTimeFormatter.BASIC_ISO_DATE));
        }
        return days;
    }

    private static Map<String, LocalDate> idsOf(Map<String, LocalDate> byName) {
        Map<String, LocalDate> byId = new TreeMap<>();
        byName.forEach((name, day) -> byId.put(IDS.get(name), day));
        return byId;
    }

    /** The rotate-back dates the rotation board shows for the team today, by name. */
    private Map<String, LocalDate> boardDates(String team) throws Exception {
        JsonNode board = json.readTree(mvc.perform(get("/api/teams/" + team + "/rotation-board")
                        .with(caller("cal-hr", null, List.of("HR_ADMIN"), List.of())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        Map<String, LocalDate> dates = new TreeMap<>();
        board.get("members").forEach(member -> {
            if (!member.get("rotateBackBy").isNull()) {
                dates.put(member.get("displayName").asText(), LocalDate.parse(member.get("rotateBackBy").asText()));
            }
        });
        return dates;
    }

    @Test
    void aManagersFeedHoldsTheUpcomingRotateBackDatesOfHerselfAndHerTeamOnTheBoardsDays() throws Exception {
        Map<String, LocalDate> team = boardDates(TEAM);
        Map<String, LocalDate> own = boardDates("cal-mgmt");
        // the fixture is what the test says it is: two upcoming dates, one passed, one delivering without a date
        assertThat(team.keySet()).containsExactlyInAnyOrder("Uma Upcoming", "Una Later", "Pia Passed");
        assertThat(team.get("Pia Passed")).isBefore(TODAY);
        assertThat(team.get("Uma Upcoming")).isAfter(TODAY);

        Calendar calendar = read(createFeed(manager()));

        assertThat(daysByPerson(calendar)).isEqualTo(idsOf(Map.of(
                "Uma Upcoming", team.get("Uma Upcoming"), "Una Later", team.get("Una Later"),
                "Meg Manager", own.get("Meg Manager"))));
        VEvent uma = calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .filter(event -> event.getUid().orElseThrow().getValue().startsWith(IDS.get("Uma Upcoming"))).findFirst()
                .orElseThrow();
        assertThat(uma.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Rotate back: Uma Upcoming");
        String career = "http://localhost/career.html?person=" + IDS.get("Uma Upcoming");
        assertThat(uma.getProperty(Property.URL).orElseThrow().getValue()).isEqualTo(career);
        assertThat(uma.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .contains("Uma Upcoming should be back in delivery by", career);
        assertThat(uma.getProperty(Property.DTSTAMP)).isPresent();
        // the warning window (3 months) before her date is still ahead: a reminder then, as many days before
        long window = java.time.temporal.ChronoUnit.DAYS.between(team.get("Uma Upcoming").minusMonths(3),
                team.get("Uma Upcoming"));
        assertThat(uma.getAlarms()).singleElement().satisfies(alarm -> {
            assertThat(alarm.getProperty(Property.TRIGGER).orElseThrow().getValue()).isEqualTo("-P" + window + "D");
            assertThat(alarm.getProperty(Property.ACTION).orElseThrow().getValue()).isEqualTo("DISPLAY");
        });
        assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue()).isEqualTo(RotateBackCalendar.PRODUCT);
    }

    @Test
    void theSameFeedReadTwiceHasTheSameEventsUnderTheSameUids() throws Exception {
        String feed = createFeed(manager());
        Map<String, LocalDate> first = daysByPerson(read(feed));
        assertThat(daysByPerson(read(feed))).isEqualTo(first).isNotEmpty();
    }

    @Test
    void anEmployeeHearsOnlyAboutHerself() throws Exception {
        assertThat(daysByPerson(read(createFeed(employee())))).containsOnlyKeys(IDS.get("Uma Upcoming"));
    }

    @Test
    void aPmoLeadWhoSeesEveryoneIsSentOnlyHerOwnDate() throws Exception {
        assertThat(daysByPerson(read(createFeed(pmoLead())))).containsOnlyKeys(IDS.get("Pam Pmo"));
    }

    @Test
    void eachFeedHoldsItsOwnAccountsPeopleOnly() throws Exception {
        String megs = createFeed(manager());
        String oscars = createFeed(otherManager());
        // Mo moved into the other team: his date is its manager's now, no longer Meg's
        assertThat(daysByPerson(read(oscars))).containsOnlyKeys(IDS.get("Oli Other"), IDS.get("Mo Moved"));
        assertThat(daysByPerson(read(megs))).doesNotContainKeys(IDS.get("Oli Other"), IDS.get("Mo Moved"));
    }

    @Test
    void aRevokedOrReplacedAddressAnswers404AtOnceAndTheStatusNeverShowsTheAddress() throws Exception {
        String first = createFeed(employee());
        mvc.perform(get("/api/calendar-feed").with(employee()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.createdAt").value("2025-06-01T10:00:00Z"))
                .andExpect(jsonPath("$.url").doesNotExist());
        String second = createFeed(employee());
        assertThat(second).isNotEqualTo(first);
        mvc.perform(get(first)).andExpect(status().isNotFound());
        read(second);

        mvc.perform(delete("/api/calendar-feed").with(employee())).andExpect(status().isNoContent());

        mvc.perform(get(second)).andExpect(status().isNotFound());
        mvc.perform(get("/api/calendar-feed").with(employee()))
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.createdAt").doesNotExist());
    }

    @Test
    void anUnknownAddressRevealsNothing() throws Exception {
        String revoked = createFeed(pmoLead());
        mvc.perform(delete("/api/calendar-feed").with(pmoLead())).andExpect(status().isNoContent());
        String never = "/calendar/" + "A".repeat(43) + ".ics";
        String malformed = "/calendar/not-a-token.ics";
        List<String> answers = new java.util.ArrayList<>();
        for (String address : List.of(revoked, never, malformed)) {
            answers.add(mvc.perform(get(address)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("urn:careerpath:problem:calendar-feed-not-found"))
                    .andReturn().getResponse().getContentAsString().replace(address, "<address>"));
        }
        assertThat(answers).containsOnly(answers.get(0));
    }

    @Test
    void managingTheFeedNeedsAnAccessToken() throws Exception {
        mvc.perform(post("/api/calendar-feed")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/calendar-feed").accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/calendar-feed")).andExpect(status().isUnauthorized());
    }

    @Test
    void anErasedPersonIsGoneFromTheNextRead() throws Exception {
        String erased = awayFromDelivery("Eve Erased", "cal-erased", "2025-03-01");
        RequestPostProcessor herManager = caller("cal-account-erased", null, List.of("MANAGER"), List.of("cal-erased"));
        String feed = createFeed(herManager);
        assertThat(daysByPerson(read(feed))).containsOnlyKeys(erased);

        keys.destroy(erased);
        fixture.record(new PersonErased(erased, "cal-erased-1", LocalDate.parse("2025-05-31"), "hr", RECORDED));

        assertThat(daysByPerson(read(feed))).isEmpty();
        assertThat(mvc.perform(get(feed)).andReturn().getResponse().getContentAsString()).doesNotContain("Eve Erased");
    }
}
