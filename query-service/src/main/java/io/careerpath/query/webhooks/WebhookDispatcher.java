package io.careerpath.query.webhooks;

import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.reminders.RemindersRaised;
import io.careerpath.query.webhooks.WebhookDeliveries.Attempt;
import io.careerpath.query.webhooks.WebhookDeliveries.Claimed;
import io.careerpath.query.webhooks.WebhookDeliveries.Delivery;
import io.careerpath.query.webhooks.WebhookDeliveries.NewDelivery;
import io.careerpath.query.webhooks.WebhookDeliveries.State;
import io.careerpath.query.webhooks.WebhookEndpoints.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns raised reminders into deliveries, and sends them: every instance looks for deliveries due every
 * {@code careerpath.webhooks.poll-interval} (as the name indexer, on a thread of its own), claims them one at a
 * time and makes one attempt each. A 2xx answer delivers; anything else (another status, no connection, a timeout)
 * schedules the next attempt after a growing wait, until the last one fails. A delivery about a person erased
 * meanwhile is dropped unsent.
 */
@Component
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String USER_AGENT = "Careerpath-Webhooks/1.0";
    /** The most deliveries one round sends: a long backlog does not keep the round from ending. */
    private static final int ROUND = 200;

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookEvents events;
    private final HistoryReads histories;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Map<State, Counter> outcomes = new EnumMap<>(State.class);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookEvents events,
                      HistoryReads histories, WebhookProperties properties, Clock clock, MeterRegistry meters) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.events = events;
        this.histories = histories;
        this.properties = properties;
        this.clock = clock;
        // redirects are not followed: a signed event goes to the registered address or nowhere
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (State outcome : List.of(State.DELIVERED, State.FAILED, State.DROPPED)) {
            outcomes.put(outcome, Counter.builder("careerpath.webhooks.deliveries").tag("outcome", outcome.name().toLowerCase())
                    .description("Webhook deliveries finished, by outcome").register(meters));
        }
    }

    /**
     * One delivery per registered endpoint and reminder; a day published again (a run taken over) adds nothing. A
     * failure to store them is left to the publisher: its day is then not finished, and is published again.
     */
    @EventListener
    void on(RemindersRaised raised) {
        Instant now = clock.instant();
        List<NewDelivery> toAdd = new ArrayList<>();
        for (Endpoint endpoint : endpoints.all()) {
            raised.reminders().forEach(reminder -> toAdd.add(events.reminderRaised(endpoint.id(), reminder, now)));
        }
        deliveries.enqueue(toAdd);
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (!properties.pollInterval().isZero()) {
            scheduler.scheduleWithFixedDelay(this::sendDueQuietly, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sendDueQuietly() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Webhook deliveries not sent now, trying again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /** Makes one attempt of each delivery due now (up to a round's worth); answers how many were claimed. */
    int sendDue() {
        int claimed = 0;
        Optional<Claimed> next;
        while (claimed < ROUND && (next = deliveries.claimDue(clock.instant(), leaseUntil())).isPresent()) {
            attempt(next.get());
            claimed++;
        }
        return claimed;
    }

    /** Sends a test event to the endpoint now, once (no retries), and answers its delivery as logged. */
    Delivery sendTest(Endpoint endpoint) {
        Claimed claimed = deliveries.insertClaimed(events.test(endpoint.id(), clock.instant()), leaseUntil());
        attempt(claimed);
        return deliveries.find(claimed.delivery().id()).orElseThrow();
    }

    private Instant leaseUntil() {
        return clock.instant().plus(properties.lease());
    }

    private void attempt(Claimed claimed) {
        Delivery delivery = claimed.delivery();
        // a test event is tried once: its outcome is the answer to the one who asked for it
        int maxAttempts = WebhookEvents.TEST.equals(delivery.type()) ? 1 : properties.maxAttempts();
        Optional<Endpoint> endpoint = endpoints.find(delivery.endpointId());
        if (endpoint.isEmpty()) {
            // deleted while this delivery was claimed (its log is being deleted with it)
            deliveries.drop(claimed, "The endpoint was deleted.");
            return;
        }
        if (delivery.personId() != null && histories.find(delivery.personId()).isEmpty()) {
            deliveries.drop(claimed, "The person was erased before it could be sent.");
            outcomes.get(State.DROPPED).increment();
            return;
        }
        Attempt attempt = send(endpoint.get(), delivery.id(), claimed.body());
        int made = delivery.attempts().size() + 1;
        if (attempt.succeeded()) {
            deliveries.recordAttempt(claimed, attempt, State.DELIVERED, null);
            outcomes.get(State.DELIVERED).increment();
        } else if (made >= maxAttempts) {
            deliveries.recordAttempt(claimed, attempt, State.FAILED, null);
            outcomes.get(State.FAILED).increment();
            log.warn("Webhook delivery {} to {} failed after {} attempts: {}", delivery.id(), endpoint.get().url(), made,
                    attempt.error() != null ? attempt.error() : "HTTP " + attempt.status());
        } else {
            deliveries.recordAttempt(claimed, attempt, State.PENDING, attempt.at().plus(properties.retryDelayAfter(made)));
        }
    }

    private Attempt send(Endpoint endpoint, String eventId, String body) {
        Instant at = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Careerpath-Event-Id", eventId)
                .header(WebhookSignature.HEADER, WebhookSignature.header(endpoint.secret(), at.getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return new Attempt(at, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), null);
        } catch (HttpTimeoutException e) {
            return new Attempt(at, null, "No answer within " + properties.readTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Attempt(at, null, failure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(at, null, "Interrupted: the service was stopping");
        }
    }

    /** Why a request failed, in a line: the connection refused, the host unknown, the TLS handshake failed. */
    private static String failure(IOException e) {
        String message = null;
        for (Throwable cause = e; cause != null && message == null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            message = cause.getMessage();
        }
        String what = e instanceof ConnectException ? "Could not connect"
                : e.getClass().getSimpleName().replace("Exception", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ");
        return message == null ? what : what + ": " + message;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
