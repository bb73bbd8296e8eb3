package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/**
 * Every reminder channel at once (issue 16), on the real platform whose clock the test moves day by day and whose
 * daily run it starts by hand: the in-app list ({@code GET /api/notifications}), the email digest (a real SMTP server
 * in this JVM, GreenMail), webhooks (a real HTTP server in this JVM, registered by the HR administrator, signatures
 * checked) and maria's calendar feed (read without a token, parsed with ical4j). People of maria's team cross each
 * condition; after every day the channels must agree: each crossing exactly once in the in-app list of each account
 * that receives it, exactly once as a line of exactly one digest of that account, exactly once as a signed webhook
 * delivery; the calendar shows the board's upcoming rotate-back dates. Nobody hears about people they may not see,
 * and nothing is told about an erased person any more (a webhook delivery still pending about them is dropped).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReminderChannelsEndToEndTest {

    private static final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T07:00:00Z"));
    private static final String DASHBOARDS = "https://careerpath.example.com";
    private static final int SMTP_PORT = TestInfrastructure.freePort();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final WebhookReceiver receiver = new WebhookReceiver();

    @RegisterExtension
    static final RunningPlatform.PerClass PLATFORM = RunningPlatform.perClass(() -> {
        smtp.start();
        return RunningPlatform.startWithClock(clock, (command, query) -> {
            // the daily run is started by hand, day by day
            query.put("careerpath.reminders.enabled", "false");
            query.put("spring.mail.host", "127.0.0.1");
            query.put("spring.mail.port", String.valueOf(SMTP_PORT));
            query.put("careerpath.reminders.email.from", "Careerpath <careerpath@example.com>");
            query.put("careerpath.reminders.dashboard-url", DASHBOARDS + "/");
            query.put("careerpath.webhooks.poll-interval", "100ms");
        });
    }).afterClose(() -> {
        smtp.stop();
        receiver.close();
    });

    private static final String APOLLO = "team-apollo";
    private static final String ZEUS = "team-zeus-channels";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String erin;
    private static String tom;
    private static String alma;
    private static String oscar;
    private static String dora;
    private static String webhookId;
    private static String webhookSecret;
    private static String calendarUrl;
    /** People erased: the digest lines sent about them before are history, left out of {@link #channelsAgree}. */
    private static final Set<String> erasedPeople = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    void everyChannelTellsEachCrossingOnceToThoseWhoMaySeeThePerson() {
        RunningPlatform platform = PLATFORM.get();
        CareerpathClient hr = platform.client;
        erin = hr.registerWithCareer(platform.personIdOf("erin"), "Erin Employee", APOLLO, LocalDate.of(2016, 1, 4),
                List.of(event("DELIVERY_ROLE_STARTED", LocalDate.of(2016, 1, 4), "projectName", "Apollo"),
                        event("JOINED_PMO", LocalDate.of(2025, 10, 1), "pmoType", "PROGRAM")));
        tom = hr.registerWithCareer(null, "Tom Troubled", APOLLO, LocalDate.of(2018, 1, 1),
                List.of(event("TOOK_TROUBLED_PROGRAM", LocalDate.of(2024, 1, 1), "programName", "Hydra"),
                        event("TOOK_TROUBLED_PROGRAM", LocalDate.of(2025, 1, 1), "programName", "Chimera")));
        // in a PMO without delivery history: no rotate-back date; an overload is flagged only for a load recorded in
        // the PMO or troubled-program role held
        alma = hr.registerWithCareer(null, "Alma Admin", APOLLO, LocalDate.of(2020, 1, 1),
                List.of(event("JOINED_PMO", LocalDate.of(2020, 1, 1), "pmoType", "ORGANIZATIONAL")));
        // still delivering: no rotate-back date until she joins a PMO (the second test)
        dora = hr.registerWithCareer(null, "Dora Delivery", APOLLO, LocalDate.of(2016, 1, 4),
                List.of(event("DELIVERY_ROLE_STARTED", LocalDate.of(2016, 1, 4), "projectName", "Artemis")));
        oscar = hr.registerWithCareer(null, "Oscar Outside", ZEUS, LocalDate.of(2019, 1, 1),
                List.of(event("JOINED_PMO", LocalDate.of(2019, 1, 1), "pmoType", "ORGANIZATIONAL"),
                        event("ADMINISTRATIVE_LOAD_RECORDED", LocalDate.of(2025, 12, 1), "percentOfTime", 70)));

        // the accounts are known to the digest once they have made a signed-in request
        for (Account account : Account.values()) {
            notifications(account);
        }
        JsonNode registered = platform.queryApi.post().uri("/api/webhooks")
                .body(Map.of("url", receiver.url(), "description", "HRIS")).retrieve().body(JsonNode.class);
        webhookId = registered.get("id").asText();
        webhookSecret = registered.get("secret").asText();
        calendarUrl = Account.MARIA.api().post().uri("/api/calendar-feed").retrieve().body(JsonNode.class)
                .get("url").asText();
        LocalDate rotateBackBy = LocalDate.parse(boardMember(erin).get("rotateBackBy").asText());
        assertThat(rotateBackBy).as("Erin's rotate-back date, far enough ahead for the test")
                .isAfter(today().plusMonths(5));
        assertThat(calendarDays()).as("maria's calendar: the board's upcoming rotate-back dates")
                .isEqualTo(Map.of(erin, rotateBackBy));

        // day 1: Tom's streak and Oscar's overload are crossed
        LocalDate day1 = rotateBackBy.minusMonths(5);
        assertThat(run(day1).get("raised").asInt()).isEqualTo(2);
        channelsAgree();
        assertThat(conditionsAbout(Account.MARIA, tom)).containsExactly("TROUBLED_PROGRAM_STREAK");
        assertThat(digestsTo(Account.MARIA)).hasSize(1);
        assertThat(digestsTo(Account.OTTO)).hasSize(1);
        assertThat(digestsTo(Account.ERIN)).isEmpty();
        assertThat(delivered()).hasSize(2);

        // the same day again, and the next day with the conditions still on: nothing new anywhere
        Snapshot before = Snapshot.now();
        assertThat(run(day1).get("ranNow").asBoolean()).isFalse();
        assertThat(run(day1.plusDays(1)).get("raised").asInt()).isZero();
        channelsAgree();
        assertThat(Snapshot.now()).isEqualTo(before);

        // Alma's administrative load: crossing, clearing, crossing again tells every channel twice
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(2), "percentOfTime", 50));
        assertThat(run(day1.plusDays(2)).get("raised").asInt()).isEqualTo(1);
        channelsAgree();
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(3), "percentOfTime", 10));
        assertThat(run(day1.plusDays(3)).get("raised").asInt()).isZero();
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", day1.plusDays(4), "percentOfTime", 55));
        assertThat(run(day1.plusDays(4)).get("raised").asInt()).isEqualTo(1);
        assertThat(run(day1.plusDays(5)).get("raised").asInt()).isZero();
        channelsAgree();
        assertThat(conditionsAbout(Account.MARIA, alma)).containsExactly("ADMIN_OVERLOAD", "ADMIN_OVERLOAD");
        assertThat(digestsTo(Account.MARIA)).hasSize(3);
        assertThat(deliveredAbout(alma)).hasSize(2);

        // Erin's rotate-back date comes within the warning window, then passes: she and maria are told each time
        LocalDate due = rotateBackBy.minusMonths(2);
        assertThat(run(due).get("raised").asInt()).isEqualTo(1);
        assertThat(boardMember(erin).get("deliveryVerdict").asText()).isEqualTo("ROTATE_BACK_SOON");
        assertThat(calendarDays()).containsEntry(erin, rotateBackBy);
        channelsAgree();
        before = Snapshot.now();
        run(due);
        run(due.plusDays(1));
        channelsAgree();
        assertThat(Snapshot.now()).isEqualTo(before);
        LocalDate passed = rotateBackBy.plusDays(1);
        assertThat(run(passed).get("raised").asInt()).isEqualTo(1);
        assertThat(boardMember(erin).get("deliveryVerdict").asText()).isEqualTo("BELOW_THRESHOLD");
        run(passed.plusDays(1));
        channelsAgree();
        assertThat(conditionsAbout(Account.ERIN, erin)).containsExactly("ROTATE_BACK_PASSED", "ROTATE_BACK_DUE");
        assertThat(conditionsAbout(Account.MARIA, erin)).containsExactly("ROTATE_BACK_PASSED", "ROTATE_BACK_DUE");
        assertThat(digestsTo(Account.ERIN)).hasSize(2);
        assertThat(deliveredAbout(erin)).hasSize(2);
        assertThat(calendarDays()).as("a passed date is the attention list's business, not the calendar's").isEmpty();

        // nobody hears about people they may not see
        assertThat(personIdsIn(Account.MARIA)).containsOnly(erin, tom, alma);
        assertThat(personIdsIn(Account.ERIN)).containsOnly(erin);
        assertThat(personIdsIn(Account.OTTO)).containsOnly(oscar);
        assertThat(emailedAbout(Account.MARIA)).doesNotContain(oscar);
        assertThat(emailedAbout(Account.OTTO)).containsOnly(oscar);
        assertThat(emailedAbout(Account.ERIN)).containsOnly(erin);
        assertThat(smtp.getReceivedMessages()).as("HR administrators read the attention list or register a webhook")
                .allSatisfy(message -> assertThat(to(message)).isNotEqualTo(Account.HANA.email));
    }

    @Test
    @Order(2)
    void afterErasureNoChannelTellsAnythingAboutThePerson() {
        RunningPlatform platform = PLATFORM.get();
        // Dora joins a PMO (a rotate-back date of her own) with an administrative overload, while the receiver is down
        LocalDate joined = today().plusDays(1);
        record(dora, event("JOINED_PMO", joined, "pmoType", "PROGRAM"));
        record(dora, event("ADMINISTRATIVE_LOAD_RECORDED", joined, "percentOfTime", 60));
        receiver.status.set(503);
        assertThat(run(joined).get("raised").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveryLog()).anySatisfy(delivery -> {
            assertThat(delivery.get("personId").asText()).isEqualTo(dora);
            assertThat(delivery.get("state").asText()).isEqualTo("PENDING");
            assertThat(delivery.get("attempts").get(0).get("status").asInt()).isEqualTo(503);
        }));
        assertThat(conditionsAbout(Account.MARIA, dora)).containsExactly("ADMIN_OVERLOAD");
        assertThat(emailedAbout(Account.MARIA)).containsOnlyOnce(dora);
        LocalDate doraRotatesBackBy = LocalDate.parse(boardMember(dora).get("rotateBackBy").asText());
        assertThat(calendarDays()).isEqualTo(Map.of(dora, doraRotatesBackBy));

        assertThat(platform.client.erase(dora)).isBetween(200, 299);
        erasedPeople.add(dora);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(conditionsAbout(Account.MARIA, dora)).isEmpty();
            assertThat(calendarDays()).doesNotContainKey(dora);
        });
        int emailsBefore = smtp.getReceivedMessages().length;
        // GreenMail lists its messages mailbox by mailbox: the new one is told by its id
        Set<String> sentBefore = Arrays.stream(smtp.getReceivedMessages()).map(ReminderChannelsEndToEndTest::messageId)
                .collect(Collectors.toSet());
        // the receiver is back, and the retry is due the next day: the delivery about Dora is dropped, unsent; Alma's
        // overload clears and recurs meanwhile, so that maria has a digest of the days after the erasure
        receiver.status.set(204);
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", joined.plusDays(1), "percentOfTime", 5));
        assertThat(run(joined.plusDays(1)).get("raised").asInt()).isZero();
        record(alma, event("ADMINISTRATIVE_LOAD_RECORDED", joined.plusDays(2), "percentOfTime", 65));
        assertThat(run(joined.plusDays(2)).get("raised").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveryLog())
                .filteredOn(delivery -> dora.equals(delivery.get("personId").asText()))
                .singleElement().satisfies(delivery -> assertThat(delivery.get("state").asText()).isEqualTo("DROPPED")));
        assertThat(receiver.requests).filteredOn(request -> request.body.contains(dora))
                .as("only the attempt made before the erasure").singleElement()
                .satisfies(request -> assertThat(request.status).isEqualTo(503));
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == emailsBefore + 1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(message -> !sentBefore.contains(messageId(message))))
                .singleElement().satisfies(afterErasure -> {
                    assertThat(to(afterErasure)).isEqualTo(Account.MARIA.email);
                    assertThat(digest(afterErasure).lines).extracting(EmailLine::personId).containsExactly(alma);
                });
        assertThat(conditionsAbout(Account.MARIA, alma)).containsExactly("ADMIN_OVERLOAD", "ADMIN_OVERLOAD", "ADMIN_OVERLOAD");
        for (Account account : Account.values()) {
            assertThat(personIdsIn(account)).doesNotContain(dora);
        }
        channelsAgree();
    }

    // ---------------------------------------------------------------------------------------------
    // what every channel holds, and whether they agree

    /** The accounts of the test: three demo accounts, and an employee of another team (a token minted for her). */
    private enum Account {
        MARIA("maria@careerpath.invalid"), ERIN("erin@careerpath.invalid"), HANA("hana@careerpath.invalid"),
        OTTO("otto@careerpath.invalid");

        final String email;

        Account(String email) {
            this.email = email;
        }

        RestClient api() {
            RunningPlatform platform = PLATFORM.get();
            if (this == OTTO) {
                return platform.queryApiWithToken(platform.signInServer().mint(claims -> claims.subject("otto")
                        .claim("roles", List.of("EMPLOYEE")).claim("person_id", oscar)
                        .claim("name", "Otto Outside").claim("email", email)));
            }
            return platform.queryApiAs(name().toLowerCase());
        }
    }

    /**
     * After a run: for every account, each crossing once in its in-app list and once as a line of its digests (at most
     * one a day, sent to its address, linking to the career page); each reminder delivered once by webhook, signed;
     * maria's calendar holds the board's upcoming rotate-back dates. People erased are in no list any more, and their
     * lines already sent are left out of the comparison.
     */
    private static void channelsAgree() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> reminderIds = new ArrayList<>();
            for (Account account : Account.values()) {
                List<JsonNode> inApp = list(notifications(account).get("notifications"));
                assertThat(inApp).extracting(n -> n.get("personId").asText() + "/" + n.get("condition").asText() + "/"
                        + n.get("crossedOn").asText()).as("each crossing once for " + account).doesNotHaveDuplicates();
                List<EmailLine> lines = new ArrayList<>();
                digestsTo(account).forEach(digest -> lines.addAll(digest.lines));
                assertThat(lines).filteredOn(line -> !erasedPeople.contains(line.personId))
                        .extracting(EmailLine::sentence).as("the digests of " + account)
                        .containsExactlyInAnyOrderElementsOf(inApp.stream().map(n -> n.get("words").asText()).toList());
                assertThat(lines).allSatisfy(line ->
                        assertThat(line.link).isEqualTo(DASHBOARDS + "/career.html?person=" + line.personId));
                assertThat(digestsTo(account)).extracting(Digest::day).as("one digest a day").doesNotHaveDuplicates();
                inApp.forEach(n -> reminderIds.add(n.get("id").asText()));
            }
            List<String> delivered = delivered().stream().map(event -> event.get("id").asText()
                    .substring(webhookId.length() + 1)).toList();
            assertThat(delivered).as("webhook deliveries, each reminder once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(reminderIds.stream().distinct().toList());
            assertThat(calendarDays()).isEqualTo(upcomingBoardDates());
        });
    }

    /** What each channel holds in all, to see that nothing was added. */
    private record Snapshot(Map<Account, Integer> inApp, int emails, int deliveries, int requests) {
        static Snapshot now() {
            Map<Account, Integer> inApp = new TreeMap<>();
            for (Account account : Account.values()) {
                inApp.put(account, notifications(account).get("notifications").size());
            }
            return new Snapshot(inApp, smtp.getReceivedMessages().length, deliveryLog().size(), receiver.requests.size());
        }
    }

    private static JsonNode notifications(Account account) {
        return account.api().get().uri("/api/notifications").retrieve().body(JsonNode.class);
    }

    /** The conditions of the notifications the account receives about the person, newest first. */
    private static List<String> conditionsAbout(Account account, String personId) {
        return list(notifications(account).get("notifications")).stream()
                .filter(n -> n.get("personId").asText().equals(personId)).map(n -> n.get("condition").asText()).toList();
    }

    private static List<String> personIdsIn(Account account) {
        return list(notifications(account).get("notifications")).stream().map(n -> n.get("personId").asText()).toList();
    }

    record EmailLine(String personId, String sentence, String link) {
    }

    /** @param day the day of the reminders, as the subject names it ("Careerpath: 2 reminders for 3 June 2026") */
    record Digest(String day, List<EmailLine> lines) {
    }

    /** The digests the SMTP server received for the account, lines read from their plain-text part. */
    private static List<Digest> digestsTo(Account account) {
        List<Digest> digests = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (to(message).equals(account.email)) {
                digests.add(digest(message));
            }
        }
        return digests;
    }

    private static List<String> emailedAbout(Account account) {
        return digestsTo(account).stream().flatMap(digest -> digest.lines.stream()).map(EmailLine::personId).toList();
    }

    private static String to(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines "- sentence" each followed by "  link" (the digest's plain text, digest/Digest.java). */
    private static Digest digest(MimeMessage message) {
        try {
            String[] text = plainText(message).split("\r?\n");
            List<EmailLine> lines = new ArrayList<>();
            for (int i = 0; i + 1 < text.length; i++) {
                if (text[i].startsWith("- ")) {
                    String link = text[i + 1].trim();
                    lines.add(new EmailLine(link.substring(link.indexOf("person=") + "person=".length()),
                            text[i].substring(2), link));
                }
            }
            String subject = message.getSubject();
            return new Digest(subject.substring(subject.lastIndexOf(" for ") + " for ".length()), lines);
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plainText(Part part) throws jakarta.mail.MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The events the receiver accepted (2xx), after checking each request's signature. */
    private static List<JsonNode> delivered() {
        List<JsonNode> events = new ArrayList<>();
        for (Received request : receiver.requests) {
            assertThat(request.signature).as("signed with the endpoint's secret")
                    .matches(header -> validSignature(header, request.body));
            if (request.status / 100 == 2) {
                events.add(read(request.body));
            }
        }
        return events;
    }

    private static List<JsonNode> deliveredAbout(String personId) {
        return delivered().stream().filter(event -> event.get("reminder").get("personId").asText().equals(personId)).toList();
    }

    /** Careerpath-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> (docs/reminders.md#webhooks). */
    private static boolean validSignature(String header, String body) {
        Map<String, String> parts = new TreeMap<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair[1]);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
            return expected.equals(parts.get("v1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> deliveryLog() {
        return list(PLATFORM.get().queryApi.get().uri("/api/webhooks/{id}/deliveries", webhookId).retrieve()
                .body(JsonNode.class));
    }

    /** Maria's calendar feed as a calendar client reads it (no token), parsed by ical4j: the day of each event by person. */
    private static Map<String, LocalDate> calendarDays() {
        try {
            HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(calendarUrl))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(feed.statusCode()).isEqualTo(200);
            Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
            assertThat(calendar.validate().hasErrors()).isFalse();
            Map<String, LocalDate> days = new TreeMap<>();
            for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
                String uid = event.getUid().orElseThrow().getValue();
                days.put(uid.substring(0, uid.indexOf("-rotate-back@")), LocalDate.parse(
                        event.getProperty(Property.DTSTART).orElseThrow().getValue(), DateTimeFormatter.BASIC_ISO_DATE));
            }
            return days;
        } catch (IOException | net.fortuna.ical4j.data.ParserException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rotate-back dates of maria's team's board that are today or later, by person. */
    private static Map<String, LocalDate> upcomingBoardDates() {
        Map<String, LocalDate> days = new TreeMap<>();
        board().get("members").forEach(member -> {
            if (!member.get("rotateBackBy").isNull()) {
                LocalDate day = LocalDate.parse(member.get("rotateBackBy").asText());
                if (!day.isBefore(today())) {
                    days.put(member.get("personId").asText(), day);
                }
            }
        });
        return days;
    }

    private static JsonNode board() {
        return PLATFORM.get().queryApi.get().uri("/api/teams/{team}/rotation-board", APOLLO).retrieve()
                .body(JsonNode.class);
    }

    private static JsonNode boardMember(String personId) {
        for (JsonNode member : board().get("members")) {
            if (member.get("personId").asText().equals(personId)) {
                return member;
            }
        }
        throw new AssertionError(personId + " is not on the board of " + APOLLO);
    }

    // ---------------------------------------------------------------------------------------------

    private static LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Moves the platform to the day and runs its reminders (as the HR administrator). */
    private static JsonNode run(LocalDate day) {
        clock.set(day.atTime(7, 0).toInstant(ZoneOffset.UTC));
        return PLATFORM.get().queryApi.post().uri("/api/admin/reminders/run").retrieve().body(JsonNode.class);
    }

    /** Moves the platform to the event's day (nothing is recorded ahead of today), records it, waits for the query side. */
    private static void record(String personId, Map<String, Object> event) {
        clock.set(LocalDate.parse((String) event.get("effectiveDate")).atTime(7, 0).toInstant(ZoneOffset.UTC));
        long sequence = PLATFORM.get().client.record(personId, event).get("sequenceNumber").asLong();
        PLATFORM.get().client.awaitTimeline(personId, timeline -> timeline.get("sequence").asLong() >= sequence);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request the receiver got: its signature header, its body, and the status it answered. */
    private record Received(String signature, String body, int status) {
    }

    /** A real HTTP server in this JVM standing for a receiver (an HRIS): it answers {@link #status} and records. */
    private static final class WebhookReceiver implements AutoCloseable {
        final AtomicInteger status = new AtomicInteger(204);
        final List<Received> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        WebhookReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int answer = status.get();
                requests.add(new Received(exchange.getRequestHeaders().getFirst("Careerpath-Signature"), body, answer));
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/careerpath";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
