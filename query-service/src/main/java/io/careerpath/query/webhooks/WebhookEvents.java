package io.careerpath.query.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.RemindersProperties;
import io.careerpath.query.webhooks.WebhookDeliveries.NewDelivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The events as receivers get them (docs/reminders.md#webhooks). They carry the pseudonymous ids and figures only,
 * never a name nor any other sealed value: the receiver is outside the crypto-shredding boundary, and looks a person
 * up with its own token if it may.
 */
@Component
class WebhookEvents {

    static final String REMINDER_RAISED = "reminder.raised";
    static final String TEST = "webhook.test";

    private final ObjectMapper json = new ObjectMapper();
    private final String dashboardUrl;

    WebhookEvents(RemindersProperties reminders) {
        this.dashboardUrl = reminders.dashboardBase();
    }

    /** The reminder's delivery to the endpoint: its id stays the same however often the reminder is raised again. */
    NewDelivery reminderRaised(String endpointId, Reminder reminder, Instant createdAt) {
        String id = endpointId + ":" + reminder.id();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("personId", reminder.personId());
        about.put("teamId", reminder.teamId());
        about.put("condition", reminder.condition().name());
        about.put("crossedOn", String.valueOf(reminder.crossedOn()));
        about.put("rotateBackBy", reminder.rotateBackBy() == null ? null : reminder.rotateBackBy().toString());
        about.put("deliveryRetention", reminder.deliveryRetention());
        about.put("adminLoadPercent", reminder.adminLoadPercent());
        about.put("troubledStreak", reminder.troubledStreak());
        Map<String, Object> event = envelope(id, REMINDER_RAISED, createdAt);
        event.put("reminder", about);
        event.put("links", Map.of("career", dashboardUrl + "/career.html?person="
                + URLEncoder.encode(reminder.personId(), StandardCharsets.UTF_8)));
        return new NewDelivery(id, endpointId, REMINDER_RAISED, reminder.personId(), write(event), createdAt);
    }

    /** A test event, about nobody: each is a delivery of its own. */
    NewDelivery test(String endpointId, Instant createdAt) {
        String id = endpointId + ":test-" + UUID.randomUUID();
        Map<String, Object> event = envelope(id, TEST, createdAt);
        event.put("message", "A test event sent from Careerpath's webhooks page. It is about nobody.");
        return new NewDelivery(id, endpointId, TEST, null, write(event), createdAt);
    }

    private static Map<String, Object> envelope(String id, String type, Instant createdAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("createdAt", createdAt.toString());
        return event;
    }

    private String write(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings and numbers always serialize", e);
        }
    }
}
