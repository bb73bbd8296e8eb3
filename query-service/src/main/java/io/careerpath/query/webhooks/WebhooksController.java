package io.careerpath.query.webhooks;

import io.careerpath.query.api.Forbidden;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.webhooks.WebhookDeliveries.Delivery;
import io.careerpath.query.webhooks.WebhookEndpoints.Endpoint;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints and their delivery logs: HR administrators only (docs/security.md); anyone else gets 403. */
@RestController
@RequestMapping("/api/webhooks")
class WebhooksController {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookDispatcher dispatcher;

    WebhooksController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDispatcher dispatcher) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
    }

    /** Checked by {@link WebhookEndpoints#register} once the caller is known to be allowed: a refusal comes first. */
    record Registration(String url, String description) {
    }

    /** An endpoint as listed: never its secret. */
    record Listed(String id, String url, String description, Instant createdAt) {

        static Listed of(Endpoint endpoint) {
            return new Listed(endpoint.id(), endpoint.url(), endpoint.description(), endpoint.createdAt());
        }
    }

    /** A newly registered endpoint, with the secret its deliveries are signed with: answered this once only. */
    record Registered(String id, String url, String description, Instant createdAt, String secret) {
    }

    @Operation(summary = "Register an endpoint that receives every reminder as a signed POST",
            description = "The answer holds the signing secret, shown this once only (docs/reminders.md#webhooks).")
    @PostMapping
    ResponseEntity<Registered> register(@Parameter(hidden = true) Caller caller, @RequestBody Registration registration) {
        requireAdministrator(caller);
        Endpoint endpoint = endpoints.register(registration.url(), registration.description(), caller.subject());
        return ResponseEntity.created(URI.create("/api/webhooks/" + endpoint.id())).body(new Registered(endpoint.id(),
                endpoint.url(), endpoint.description(), endpoint.createdAt(), endpoint.secret()));
    }

    @Operation(summary = "The registered endpoints, oldest first (without their secrets)")
    @GetMapping
    List<Listed> list(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return endpoints.all().stream().map(Listed::of).toList();
    }

    @Operation(summary = "Delete an endpoint: nothing more is sent to it, and its delivery log goes with it")
    @DeleteMapping("/{webhookId}")
    ResponseEntity<Void> delete(@Parameter(hidden = true) Caller caller, @PathVariable String webhookId) {
        requireAdministrator(caller);
        if (!endpoints.delete(webhookId)) {
            throw notFound(webhookId);
        }
        deliveries.deleteAllOf(webhookId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Send a test event to the endpoint now, once, and answer how it went",
            description = "Answers 200 with the delivery as logged, whether the receiver took it (state DELIVERED) or "
                    + "not (FAILED, with the HTTP status or the error); a test event is not retried.")
    @PostMapping("/{webhookId}/test")
    Delivery test(@Parameter(hidden = true) Caller caller, @PathVariable String webhookId) {
        requireAdministrator(caller);
        return dispatcher.sendTest(endpoints.find(webhookId).orElseThrow(() -> notFound(webhookId)));
    }

    @Operation(summary = "The endpoint's delivery log: its latest " + WebhookDeliveries.LOG_LENGTH
            + " deliveries, newest first, each with every attempt")
    @GetMapping("/{webhookId}/deliveries")
    List<Delivery> deliveries(@Parameter(hidden = true) Caller caller, @PathVariable String webhookId) {
        requireAdministrator(caller);
        endpoints.find(webhookId).orElseThrow(() -> notFound(webhookId));
        return deliveries.logOf(webhookId);
    }

    private static NotFound notFound(String webhookId) {
        return new NotFound("webhook-not-found", "No webhook endpoint has this id; it may have been deleted");
    }

    private static void requireAdministrator(Caller caller) {
        if (!caller.mayAdminister()) {
            throw new Forbidden("not-permitted", "Webhooks are for HR administrators only");
        }
    }
}
