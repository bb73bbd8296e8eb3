package io.careerpath.query.digest;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.C;
import static io.careerpath.query.api.ApiFixture.MANAGER;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.T2;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.careerpath.events.PersonErased;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.query.reminders.Recipients;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.ReminderStore;
import io.careerpath.query.reminders.ReminderCondition;
import io.careerpath.query.reminders.RemindersRaised;
import io.careerpath.query.words.CareerWords;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email digest against a real SMTP server in this JVM (GreenMail): who is sent what, with which names and
 * links, once per account and day, and again after a failed send. The people are {@link ApiFixture}'s (today is
 * 1 Jun 2025): Ada (A) and Bob (B) in team t1, which Mia manages.
 */
@ApiTest
@ImportAutoConfiguration(MailSenderAutoConfiguration.class)
@Import({EmailDigest.class, DigestClaims.class, Recipients.class})
@EnableConfigurationProperties(EmailDigestProperties.class)
class EmailDigestTest {

    private static final LocalDate DAY = LocalDate.parse("2025-06-01");
    private static final Instant RAISED = Instant.parse("2025-06-01T06:00:00Z");
    /** A port of our own, so that the server can be stopped and started again where the mail sender expects it. */
    private static final int SMTP_PORT = freePort();
    private static final String ERASED = ApiFixture.newPersonId();
    /** Erased on the command side (key destroyed), the erasure not yet projected: still in team t1 here. */
    private static final String BEING_ERASED = ApiFixture.newPersonId();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(true);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("careerpath.reminders.email.from", () -> "Careerpath <careerpath@example.com>");
        registry.add("careerpath.reminders.dashboard-url", () -> "https://careerpath.example.com/");
    }

    @Autowired
    private ApiFixture fixture;
    @Autowired
    private TestKeys keys;
    @Autowired
    private Recipients recipients;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private ReminderStore store;
    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void accounts() {
        fixture.seeded();
        if (fixture.nameOf(ERASED) == null) {
            fixture.person(ERASED, "Erin Erased", T1, "2019-01-01");
            keys.destroy(ERASED);
            fixture.record(new PersonErased(ERASED, "erased-" + ERASED, DAY.minusDays(1), "hr", RAISED));
            fixture.person(BEING_ERASED, "Ivo Interim", T1, "2019-01-01");
            keys.destroy(BEING_ERASED);
        }
        account("account-a", A, "EMPLOYEE", List.of(), "ada@example.com", "Ada Lovelace");
        account("account-m", MANAGER, "MANAGER", List.of(T1), "mia@example.com", "Mia Manager");
        account("account-o", null, "MANAGER", List.of(T2), "otto@example.com", "Otto Other");
        account("account-h", null, "HR_ADMIN", List.of(), "hal@example.com", "Hal Hr");
        account("account-b", B, "EMPLOYEE", List.of(), null, "Bob Byte");
    }

    @Test
    void thePersonAndTheirTeamsManagerEachGetOneDigestOfTheDaysRemindersAboutPeopleTheyMaySee() throws Exception {
        events.publishEvent(new RemindersRaised(DAY, reminders(DAY)));

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        // Otto manages another team, Hal sees everyone but is not told about everyone, Bob has no address
        assertThat(received).extracting(EmailDigestTest::to).containsExactlyInAnyOrder("ada@example.com", "mia@example.com");

        MimeMessage ada = sentTo(received, "ada@example.com");
        assertThat(ada.getSubject()).isEqualTo("Careerpath: 1 reminder for 1 Jun 2025");
        assertThat(((InternetAddress) ada.getFrom()[0]).getAddress()).isEqualTo("careerpath@example.com");
        assertThat(lines(part(ada, "text/plain"))).contains(
                "- Ada Lovelace's rotate-back date, 15 Aug 2025, is less than 3 months away",
                "  https://careerpath.example.com/career.html?person=" + A,
                "All your notifications: https://careerpath.example.com/notifications.html");
        assertThat(part(ada, "text/plain")).doesNotContain("Bob", B);

        MimeMessage mia = sentTo(received, "mia@example.com");
        assertThat(mia.getSubject()).isEqualTo("Careerpath: 2 reminders for 1 Jun 2025");
        String text = part(mia, "text/plain");
        assertThat(lines(text)).containsSubsequence(
                "- Ada Lovelace's rotate-back date, 15 Aug 2025, is less than 3 months away",
                "  https://careerpath.example.com/career.html?person=" + A,
                "- Bob Byte's administrative load in their current role is 45 % of their time, at or above the overload share",
                "  https://careerpath.example.com/career.html?person=" + B);
        // erased: neither a name nor a link; Cleo was in t1 when hers was raised, but is in t2 now: not Mia's to see
        assertThat(text).doesNotContain("Erin", ERASED, "Ivo", BEING_ERASED, "Cleo", C);
        String html = part(mia, "text/html");
        assertThat(html).contains("<li>Bob Byte&#39;s administrative load in their current role is 45 % of their time, at or above the overload share. "
                        + "<a href=\"https://careerpath.example.com/career.html?person=" + B + "\">Bob Byte&#39;s career</a></li>",
                "<a href=\"https://careerpath.example.com/notifications.html\">")
                .doesNotContain("Erin", ERASED, "Ivo", BEING_ERASED, "Cleo", C);
    }

    @Test
    void theSameDayPublishedAgainSendsNothingMore() throws Exception {
        LocalDate day = DAY.plusDays(1);
        events.publishEvent(new RemindersRaised(day, reminders(day)));
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();

        // a run taken over after a crash publishes the whole day again
        events.publishEvent(new RemindersRaised(day, reminders(day)));
        events.publishEvent(new RemindersRaised(day, reminders(day)));

        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aFailedSendIsCountedAndTriedAgainWhenTheDayIsPublishedAgain() throws Exception {
        LocalDate day = DAY.plusDays(2);
        double failedBefore = failed();
        smtp.stop();
        events.publishEvent(new RemindersRaised(day, reminders(day)));
        assertThat(failed() - failedBefore).isEqualTo(2);

        smtp.start();
        events.publishEvent(new RemindersRaised(day, reminders(day)));

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(EmailDigestTest::to)
                .containsExactlyInAnyOrder("ada@example.com", "mia@example.com");
    }

    @Test
    void theRemindersOfADigestThatCouldNotBeSentGoWithTheNextDaysDigest() throws Exception {
        LocalDate day = DAY.plusDays(10);
        List<Reminder> lost = reminders(day);
        lost.forEach(store::raise);
        smtp.stop();
        events.publishEvent(new RemindersRaised(day, lost));

        // the mail server is back the next morning, a day that raised nothing new
        smtp.start();
        events.publishEvent(new RemindersRaised(day.plusDays(1), List.of()));

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage mia = sentTo(smtp.getReceivedMessages(), "mia@example.com");
        assertThat(mia.getSubject()).isEqualTo("Careerpath: 2 reminders for " + CareerWords.day(day.plusDays(1)));
        assertThat(lines(part(mia, "text/plain"))).contains(
                "- Ada Lovelace's rotate-back date, 15 Aug 2025, is less than 3 months away",
                "- Bob Byte's administrative load in their current role is 45 % of their time, at or above the overload share");
        // carried once: neither that day published again nor the day after sends them a second time
        events.publishEvent(new RemindersRaised(day.plusDays(1), List.of()));
        events.publishEvent(new RemindersRaised(day.plusDays(2), List.of()));
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aDigestLeftEmptyIsNotSent() {
        LocalDate day = DAY.plusDays(3);
        events.publishEvent(new RemindersRaised(day, List.of(reminder(day, ERASED, T1, ReminderCondition.ROTATE_BACK_PASSED),
                reminder(day, BEING_ERASED, T1, ReminderCondition.ROTATE_BACK_PASSED))));
        events.publishEvent(new RemindersRaised(day.plusDays(1), List.of()));

        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static List<Reminder> reminders(LocalDate day) {
        return List.of(reminder(day, A, T1, ReminderCondition.ROTATE_BACK_DUE),
                reminder(day, B, T1, ReminderCondition.ADMIN_OVERLOAD),
                reminder(day, ERASED, T1, ReminderCondition.ROTATE_BACK_PASSED),
                reminder(day, BEING_ERASED, T1, ReminderCondition.ROTATE_BACK_PASSED),
                reminder(day, C, T1, ReminderCondition.TROUBLED_PROGRAM_STREAK));
    }

    private static Reminder reminder(LocalDate day, String personId, String teamId, ReminderCondition condition) {
        return new Reminder(personId + "/" + condition + "/" + day, personId, teamId, condition, day,
                LocalDate.parse("2025-08-15"), 0.62, 45.0, 2, RAISED);
    }

    private void account(String subject, String personId, String role, List<String> teams, String email, String name) {
        Jwt.Builder token = Jwt.withTokenValue("token-" + subject).header("alg", "RS256").subject(subject)
                .claim("roles", List.of(role)).claim("managed_teams", teams).claim("name", name);
        if (personId != null) {
            token.claim("person_id", personId);
        }
        if (email != null) {
            token.claim("email", email);
        }
        recipients.remember(token.build());
    }

    private double failed() {
        return meters.counter("careerpath.reminders.email", "outcome", "failed").count();
    }

    private static String to(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(address -> ((InternetAddress) address).getAddress()).reduce((a, b) -> a + "," + b).orElse("");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage sentTo(MimeMessage[] received, String address) {
        return Arrays.stream(received).filter(message -> to(message).equals(address)).findFirst().orElseThrow();
    }

    /** The body part of that type, wherever the multipart nesting put it. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = partOrNull(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String partOrNull(Part part, String type) throws Exception {
        try {
            return part(part, type);
        } catch (AssertionError none) {
            return null;
        }
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
