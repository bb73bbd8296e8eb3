package io.careerpath.query.webhooks;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.careerpath.events.PersonErased;
import io.careerpath.query.SettableClock;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.ReminderCondition;
import io.careerpath.query.reminders.RemindersRaised;
import io.careerpath.query.webhooks.WebhookReceiver.Received;
import io.careerpath.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The webhook channel against a real HTTP receiver in this JVM: signed POSTs, retries that wait longer each time, the
 * delivery log, exactly once however often a day is published or however many instances send, nothing about erased
 * people, and who may manage endpoints.
 */
@ApiTest
class WebhooksTest {

    private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
    private static final SettableClock CLOCK = new SettableClock(START);
    private static WebhookReceiver receiver;

    /** The service's one clock, moved by the tests (retries fall due when it says so). */
    @TestBean(name = "fixedClock", methodName = "settableClock")
    private Clock clock;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private WebhookDispatcher dispatcher;
    @Autowired
    private WebhookDeliveries deliveries;
    @Autowired
    private MongoDatabase database;
    @Autowired
    private MeterRegistry meters;

    static Clock settableClock() {
        return CLOCK;
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void reset() {
        fixture.seeded();
        CLOCK.set(START);
        receiver.forget();
        database.getCollection(WebhookEndpoints.COLLECTION).deleteMany(new Document());
        database.getCollection(WebhookDeliveries.COLLECTION).deleteMany(new Document());
    }

    @Test
    void eachReminderIsPostedOnceSignedWithTheEndpointsSecretAndWithoutNames() throws Exception {
        JsonNode endpoint = register(receiver.url());
        String secret = endpoint.get("secret").asText();

        raise(reminder(A, ReminderCondition.ROTATE_BACK_DUE), reminder(B, ReminderCondition.ADMIN_OVERLOAD));
        assertThat(dispatcher.sendDue()).isEqualTo(2);

        List<Received> received = receiver.received();
        assertThat(received).hasSize(2);
        Map<String, Received> byPerson = received.stream()
                .collect(Collectors.toMap(r -> read(r.body()).at("/reminder/personId").asText(), Function.identity()));
        assertThat(byPerson).containsOnlyKeys(A, B);
        Received aboutA = byPerson.get(A);
        JsonNode event = read(aboutA.body());
        assertThat(event.get("type").asText()).isEqualTo("reminder.raised");
        assertThat(event.get("id").asText()).isEqualTo(endpoint.get("id").asText() + ":" + reminderId(A, ReminderCondition.ROTATE_BACK_DUE));
        assertThat(event.get("createdAt").asText()).isEqualTo(START.toString());
        assertThat(event.at("/reminder/teamId").asText()).isEqualTo(T1);
        assertThat(event.at("/reminder/condition").asText()).isEqualTo("ROTATE_BACK_DUE");
        assertThat(event.at("/reminder/crossedOn").asText()).isEqualTo("2025-06-01");
        assertThat(event.at("/reminder/rotateBackBy").asText()).isEqualTo("2025-08-15");
        assertThat(event.at("/reminder/deliveryRetention").asDouble()).isEqualTo(0.62);
        assertThat(event.at("/reminder/troubledStreak").asInt()).isZero();
        assertThat(event.at("/links/career").asText()).isEqualTo("http://localhost:8081/career.html?person=" + A);
        // the receiver is outside the crypto-shredding boundary: no name, ever
        assertThat(aboutA.body()).doesNotContain(fixture.nameOf(A)).doesNotContain("Ada");

        assertThat(aboutA.header("Content-Type")).isEqualTo("application/json");
        assertThat(aboutA.header("User-Agent")).startsWith("Careerpath-Webhooks/");
        assertThat(aboutA.header("Careerpath-Event-Id")).isEqualTo(event.get("id").asText());
        // verified as a receiver would: the HMAC of "<t>.<body>" under the secret it was given once
        String signature = aboutA.header("Careerpath-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = signature.substring(2, signature.indexOf(','));
        assertThat(Long.parseLong(t)).isEqualTo(START.getEpochSecond());
        assertThat(signature.substring(signature.indexOf("v1=") + 3)).isEqualTo(hmacSha256Hex(secret, t + "." + aboutA.body()));
        assertThat(signature).isNotEqualTo(WebhookSignature.header("whsec_another", START.getEpochSecond(), aboutA.body()));

        // the same day published again (a run taken over after a crash) sends nothing more
        raise(reminder(A, ReminderCondition.ROTATE_BACK_DUE), reminder(B, ReminderCondition.ADMIN_OVERLOAD));
        CLOCK.advance(Duration.ofDays(3));
        assertThat(dispatcher.sendDue()).isZero();
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void aFailingReceiverIsRetriedAfterLongerAndLongerWaitsThenDeliveredExactlyOnce() throws Exception {
        String endpointId = register(receiver.url()).get("id").asText();
        receiver.answer(500, 503);
        double deliveredBefore = counted("delivered");

        raise(reminder(A, ReminderCondition.ROTATE_BACK_PASSED));
        assertThat(dispatcher.sendDue()).isEqualTo(1);
        JsonNode first = onlyDelivery(endpointId);
        assertThat(first.get("state").asText()).isEqualTo("PENDING");
        assertThat(Instant.parse(first.get("nextAttemptAt").asText())).isEqualTo(START.plusSeconds(30));

        // not due yet: nothing is sent before its time
        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(dispatcher.sendDue()).isZero();
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.sendDue()).isEqualTo(1);
        JsonNode second = onlyDelivery(endpointId);
        assertThat(Instant.parse(second.get("nextAttemptAt").asText())).isEqualTo(START.plusSeconds(30 + 120));

        CLOCK.advance(Duration.ofSeconds(120));
        assertThat(dispatcher.sendDue()).isEqualTo(1);
        CLOCK.advance(Duration.ofDays(30));
        assertThat(dispatcher.sendDue()).isZero();

        JsonNode log = onlyDelivery(endpointId);
        assertThat(log.get("state").asText()).isEqualTo("DELIVERED");
        assertThat(log.get("nextAttemptAt").isNull()).isTrue();
        assertThat(log.get("attempts")).extracting(a -> a.get("status").asInt()).containsExactly(500, 503, 204);
        assertThat(log.get("attempts")).extracting(a -> Instant.parse(a.get("at").asText()))
                .containsExactly(START, START.plusSeconds(30), START.plusSeconds(150));
        // the same event each time: one id, one body, so that a receiver can tell a retry from a new event
        assertThat(receiver.received()).hasSize(3).extracting(Received::body).containsOnly(receiver.received().get(0).body());
        assertThat(receiver.received()).extracting(r -> r.header("Careerpath-Event-Id")).containsOnly(log.get("id").asText());
        assertThat(counted("delivered") - deliveredBefore).isEqualTo(1);
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpointId = register("http://127.0.0.1:" + closedPort + "/hooks").get("id").asText();
        double failedBefore = counted("failed");

        raise(reminder(A, ReminderCondition.TROUBLED_PROGRAM_STREAK));
        for (int attempt = 1; attempt <= 8; attempt++) {
            assertThat(dispatcher.sendDue()).as("attempt " + attempt).isEqualTo(1);
            CLOCK.advance(Duration.ofDays(3));
        }
        assertThat(dispatcher.sendDue()).isZero();

        JsonNode log = onlyDelivery(endpointId);
        assertThat(log.get("state").asText()).isEqualTo("FAILED");
        assertThat(log.get("attempts")).hasSize(8).allSatisfy(attempt -> {
            assertThat(attempt.get("status").isNull()).isTrue();
            assertThat(attempt.get("error").asText()).startsWith("Could not connect");
        });
        assertThat(counted("failed") - failedBefore).isEqualTo(1);
    }

    @Test
    void twoInstancesSendingAtOnceSendEachEventOnce() throws Exception {
        register(receiver.url());
        List<Reminder> known = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String personId = ApiFixture.newPersonId();
            fixture.person(personId, "Parallel " + i, T1, "2020-01-01");
            known.add(reminder(personId, ReminderCondition.ADMIN_OVERLOAD));
        }
        raise(known.toArray(Reminder[]::new));

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(dispatcher::sendDue);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(dispatcher::sendDue);
        assertThat(one.get() + other.get()).isEqualTo(40);

        assertThat(receiver.received()).extracting(r -> r.header("Careerpath-Event-Id")).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void aDeliveryClaimedByAnInstanceThatDiedIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        String endpointId = register(receiver.url()).get("id").asText();
        raise(reminder(B, ReminderCondition.ROTATE_BACK_DUE));
        // another instance claims it, and dies before it sends
        WebhookDeliveries.Claimed dead = deliveries.claimDue(CLOCK.instant(), CLOCK.instant().plus(Duration.ofMinutes(2)))
                .orElseThrow();

        assertThat(dispatcher.sendDue()).as("leased to the other instance").isZero();
        CLOCK.advance(Duration.ofMinutes(2));
        assertThat(dispatcher.sendDue()).isEqualTo(1);
        // the first instance, should it wake up, cannot write over the outcome
        deliveries.recordAttempt(dead, new WebhookDeliveries.Attempt(CLOCK.instant(), 500, null),
                WebhookDeliveries.State.PENDING, CLOCK.instant());

        JsonNode log = onlyDelivery(endpointId);
        assertThat(log.get("state").asText()).isEqualTo("DELIVERED");
        assertThat(log.get("attempts")).singleElement().satisfies(a -> assertThat(a.get("status").asInt()).isEqualTo(204));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReminderAboutAPersonErasedMeanwhileIsDroppedUnsent() throws Exception {
        String personId = ApiFixture.newPersonId();
        fixture.person(personId, "Erin Erased", T1, "2020-01-01");
        String endpointId = register(receiver.url()).get("id").asText();
        raise(reminder(personId, ReminderCondition.ROTATE_BACK_DUE));

        fixture.record(new PersonErased(personId, "erase-" + personId, LocalDate.parse("2025-06-01"), "hr", START));
        assertThat(dispatcher.sendDue()).isEqualTo(1);

        assertThat(receiver.received()).isEmpty();
        JsonNode log = onlyDelivery(endpointId);
        assertThat(log.get("state").asText()).isEqualTo("DROPPED");
        assertThat(log.get("attempts")).isEmpty();
        assertThat(log.get("note").asText()).contains("erased");
    }

    @Test
    void aTestSendAnswersHowItWentAndIsLogged() throws Exception {
        String endpointId = register(receiver.url()).get("id").asText();

        mvc.perform(post("/api/webhooks/" + endpointId + "/test").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("webhook.test"))
                .andExpect(jsonPath("$.state").value("DELIVERED"))
                .andExpect(jsonPath("$.attempts[0].status").value(204));
        assertThat(receiver.received()).singleElement()
                .satisfies(r -> assertThat(read(r.body()).get("type").asText()).isEqualTo("webhook.test"));

        // a test is tried once: a failing receiver's answer is the outcome, and nothing is retried
        receiver.answer(404);
        mvc.perform(post("/api/webhooks/" + endpointId + "/test").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FAILED"))
                .andExpect(jsonPath("$.attempts[0].status").value(404));
        CLOCK.advance(Duration.ofDays(3));
        assertThat(dispatcher.sendDue()).isZero();
        mvc.perform(get("/api/webhooks/" + endpointId + "/deliveries").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void theSecretIsAnsweredOnceAndNeverListed() throws Exception {
        JsonNode registered = register(receiver.url());
        assertThat(registered.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);

        String listed = mvc.perform(get("/api/webhooks").with(as(Role.HR_ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(registered.get("id").asText()))
                .andExpect(jsonPath("$[0].url").value(receiver.url()))
                .andExpect(jsonPath("$[0].description").value("HRIS"))
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).doesNotContain("secret").doesNotContain(registered.get("secret").asText());
    }

    @Test
    void aDeletedEndpointGetsNothingMoreAndItsLogIsGone() throws Exception {
        String endpointId = register(receiver.url()).get("id").asText();
        raise(reminder(A, ReminderCondition.ADMIN_OVERLOAD));

        mvc.perform(delete("/api/webhooks/" + endpointId).with(as(Role.HR_ADMIN))).andExpect(status().isNoContent());
        assertThat(dispatcher.sendDue()).isZero();
        assertThat(receiver.received()).isEmpty();
        mvc.perform(get("/api/webhooks/" + endpointId + "/deliveries").with(as(Role.HR_ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:webhook-not-found"));
        mvc.perform(delete("/api/webhooks/" + endpointId).with(as(Role.HR_ADMIN))).andExpect(status().isNotFound());
    }

    @Test
    void onlyHrAdministratorsManageWebhooks() throws Exception {
        String endpointId = register(receiver.url()).get("id").asText();
        for (Role role : List.of(Role.EMPLOYEE, Role.MANAGER, Role.PMO_LEAD)) {
            for (var request : List.of(get("/api/webhooks"), registration("{\"url\": \"" + receiver.url() + "\"}"),
                    delete("/api/webhooks/" + endpointId), post("/api/webhooks/" + endpointId + "/test"),
                    get("/api/webhooks/" + endpointId + "/deliveries"))) {
                mvc.perform(request.with(as(role)))
                        .andExpect(status().isForbidden())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.detail").value("Webhooks are for HR administrators only"));
            }
        }
        assertThat(receiver.received()).isEmpty();
        mvc.perform(get("/api/webhooks").with(as(Role.HR_ADMIN))).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void anAddressThatIsNoHttpUrlIsRefusedAndNothingIsRegistered() throws Exception {
        for (String url : List.of("", "ftp://files.example.com/hooks", "hooks.example.com/careerpath", "not a url",
                "https://user:password@hooks.example.com/", "javascript:alert(1)", "https:///no-host")) {
            mvc.perform(registration(json.writeValueAsString(Map.of("url", url))).with(as(Role.HR_ADMIN)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("url"));
        }
        mvc.perform(registration("{\"url\": \"https://hooks.example.com\", \"description\": \"" + "x".repeat(201) + "\"}")
                        .with(as(Role.HR_ADMIN)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("description"));
        mvc.perform(get("/api/webhooks").with(as(Role.HR_ADMIN))).andExpect(jsonPath("$.length()").value(0));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode register(String url) throws Exception {
        String answer = mvc.perform(registration(json.writeValueAsString(Map.of("url", url, "description", "HRIS")))
                        .with(as(Role.HR_ADMIN)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder registration(String body) {
        return post("/api/webhooks").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void raise(Reminder... reminders) {
        events.publishEvent(new RemindersRaised(LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC), List.of(reminders)));
    }

    private static Reminder reminder(String personId, ReminderCondition condition) {
        return new Reminder(reminderId(personId, condition), personId, T1, condition, LocalDate.parse("2025-06-01"),
                LocalDate.parse("2025-08-15"), 0.62, 12.5, 0, START);
    }

    private static String reminderId(String personId, ReminderCondition condition) {
        return personId + "/" + condition + "/2025-06-01";
    }

    private JsonNode onlyDelivery(String endpointId) throws Exception {
        String log = mvc.perform(get("/api/webhooks/" + endpointId + "/deliveries").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode deliveries = json.readTree(log);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private double counted(String outcome) {
        return meters.get("careerpath.webhooks.deliveries").tag("outcome", outcome).counter().count();
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    /** Written out here, as a receiver would, rather than with the code under test. */
    private static String hmacSha256Hex(String secret, String signed) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
