package io.careerpath.query.reminders;

import io.careerpath.query.api.NotFound;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The in-app notifications: the reminders the caller receives, with their read marks (per account). Anyone signed in;
 * each sees only what {@link Recipient#receives} gives them (docs/security.md).
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationsController {

    private final Notifications notifications;
    private final ReminderStore store;

    NotificationsController(Notifications notifications, ReminderStore store) {
        this.notifications = notifications;
        this.store = store;
    }

    record UnreadCount(int unread) {
    }

    @Operation(summary = "The reminders the caller receives, newest first (at most " + Notifications.LIMIT + ")",
            description = "About the caller themself, or about a person of a team the caller manages; only people the "
                    + "caller may see now. unread=true: only those not marked as read. unread counts all of them.")
    @GetMapping
    Notifications.Listing list(@Parameter(hidden = true) Caller caller,
                               @RequestParam(defaultValue = "false") boolean unread) {
        return notifications.of(caller, unread);
    }

    @Operation(summary = "How many of the caller's notifications are unread (the dashboards' header asks on every page)")
    @GetMapping("/unread-count")
    UnreadCount unreadCount(@Parameter(hidden = true) Caller caller) {
        return new UnreadCount(notifications.unread(caller));
    }

    @Operation(summary = "Marks one of the caller's notifications as read", description = "404 if it is not the caller's.")
    @PostMapping("/{id}/read")
    ResponseEntity<Void> markRead(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        if (!notifications.receives(caller, id)) {
            throw new NotFound("notification-not-found", "No notification " + id + " for you: unknown, or not yours");
        }
        store.markRead(caller.subject(), List.of(id));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Marks all of the caller's notifications as read")
    @PostMapping("/read")
    ResponseEntity<Void> markAllRead(@Parameter(hidden = true) Caller caller) {
        store.markRead(caller.subject(), notifications.ids(caller));
        return ResponseEntity.noContent().build();
    }
}
