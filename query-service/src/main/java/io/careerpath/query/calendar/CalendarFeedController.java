package io.careerpath.query.calendar;

import io.careerpath.query.api.NotFound;
import io.careerpath.query.reminders.Recipients;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationResult;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The caller's calendar feed: created (or replaced), looked at and revoked with the caller's token; read by calendar
 * clients, which cannot send one, at an address whose token is the only credential (docs/security.md).
 */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final CalendarFeeds feeds;
    private final RotateBackCalendar calendars;
    private final Recipients recipients;

    CalendarFeedController(CalendarFeeds feeds, RotateBackCalendar calendars, Recipients recipients) {
        this.feeds = feeds;
        this.calendars = calendars;
        this.recipients = recipients;
    }

    /** @param url the feed's address: shown once, kept nowhere */
    record CreatedFeed(String url) {
    }

    /** @param createdAt null without a feed */
    record FeedStatus(boolean active, Instant createdAt) {
    }

    @Operation(summary = "Create the caller's calendar feed, replacing (and so revoking) the one they had",
            description = "Answers the feed's address once: it is stored only as a hash. Anyone with the address can "
                    + "read the feed: the upcoming rotate-back dates of the caller and of the current members of the "
                    + "teams they manage.")
    @PostMapping("/api/calendar-feed")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedFeed create(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token) {
        // the feed is read without a token: it answers with the permissions this one carries (and later ones)
        recipients.remember(token);
        String feedToken = feeds.create(token.getSubject());
        return new CreatedFeed(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/calendar/{token}.ics").buildAndExpand(feedToken).toUriString());
    }

    @Operation(summary = "Whether the caller has a calendar feed, and since when (never its address)")
    @GetMapping("/api/calendar-feed")
    FeedStatus status(@Parameter(hidden = true) Caller caller) {
        return feeds.of(caller.subject()).map(feed -> new FeedStatus(true, feed.createdAt()))
                .orElse(new FeedStatus(false, null));
    }

    @Operation(summary = "Revoke the caller's calendar feed: its address answers 404 from now on")
    @DeleteMapping("/api/calendar-feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@Parameter(hidden = true) Caller caller) {
        feeds.revoke(caller.subject());
    }

    @Operation(summary = "A calendar feed (iCalendar, RFC 5545); no access token: the address is the credential",
            description = "404, saying nothing more, for an address that was revoked, replaced or never existed.")
    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        Caller owner = feeds.opened(token)
                .flatMap(feed -> recipients.find(feed.subject()))
                .orElseThrow(() -> new NotFound("calendar-feed-not-found",
                        "There is no calendar feed at this address: it was revoked or replaced, or never existed"))
                .caller();
        URI dashboards = ServletUriComponentsBuilder.fromCurrentContextPath().path("/").build().toUri();
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                // personal data behind a secret address: no shared cache keeps it, no page it links to learns it
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("Referrer-Policy", "no-referrer")
                .body(write(calendars.of(owner, dashboards)));
    }

    /** The feed as text, after ical4j's own validation (its outputter would only log what is wrong). */
    private static String write(Calendar calendar) {
        ValidationResult validation = calendar.validate();
        if (validation.hasErrors()) {
            throw new IllegalStateException("Not a valid iCalendar feed: " + validation);
        }
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
