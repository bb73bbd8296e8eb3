package io.careerpath.query.digest;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.reminders.Recipient;
import io.careerpath.query.reminders.Recipients;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.ReminderStore;
import io.careerpath.query.reminders.RemindersProperties;
import io.careerpath.query.reminders.RemindersRaised;
import io.careerpath.query.words.NaturalOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends each account with an email address one digest of the day's reminders it receives
 * ({@link Recipient#receives}), naming only the people it may see, opened with its own caller: a person it may not
 * see, or who is erased, is left out, and a digest left empty is not sent. Each account's digest of a day is claimed
 * before it is sent ({@link DigestClaims}); a failed send is logged and counted
 * ({@code careerpath.reminders.email{outcome=failed}}), and its reminders are carried by the account's next digest
 * (the same day published again, or the next day's). Nothing here fails the daily run.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class EmailDigest {

    private static final Logger log = LoggerFactory.getLogger(EmailDigest.class);

    private final Recipients recipients;
    private final HistoryReads histories;
    private final PeopleAccess people;
    private final AsOf asOf;
    private final DigestClaims claims;
    private final ReminderStore store;
    private final JavaMailSender mail;
    private final EmailDigestProperties properties;
    private final String dashboardUrl;
    private final int warningMonths;
    private final Counter sent;
    private final Counter failed;

    EmailDigest(Recipients recipients, HistoryReads histories, PeopleAccess people, AsOf asOf, DigestClaims claims,
                ReminderStore store,
                JavaMailSender mail, EmailDigestProperties properties, RemindersProperties reminders, QueryProperties query,
                MeterRegistry meters) {
        requireSender(properties.from());
        this.recipients = recipients;
        this.histories = histories;
        this.people = people;
        this.asOf = asOf;
        this.claims = claims;
        this.store = store;
        this.mail = mail;
        this.properties = properties;
        this.dashboardUrl = reminders.dashboardUrl();
        this.warningMonths = query.rotateBackWarningMonths();
        this.sent = Counter.builder("careerpath.reminders.email").tag("outcome", "sent")
                .description("Reminder digests sent by email").register(meters);
        this.failed = Counter.builder("careerpath.reminders.email").tag("outcome", "failed")
                .description("Reminder digests whose sending failed (their reminders go with the account's next digest)")
                .register(meters);
    }

    /** A missing or malformed sender would fail every send: refuse to start instead. */
    private static void requireSender(String from) {
        try {
            new InternetAddress(from == null ? "" : from, true).validate();
        } catch (AddressException e) {
            throw new IllegalStateException("careerpath.reminders.email.from (CAREERPATH_REMINDERS_EMAIL_FROM) must be "
                    + "an email address when spring.mail.host is set, e.g. 'Careerpath <careerpath@example.com>'; it is '"
                    + (from == null ? "" : from) + "'", e);
        }
    }

    @EventListener
    void on(RemindersRaised raised) {
        try {
            Map<String, Optional<String>> currentTeams = new HashMap<>();
            Function<String, String> currentTeam = personId -> currentTeams.computeIfAbsent(personId,
                    id -> histories.find(id).flatMap(stored -> stored.currentTeam(raised.day()))).orElse(null);
            for (Recipient recipient : recipients.all()) {
                if (recipient.email() != null && !recipient.email().isBlank()) {
                    send(recipient, raised, currentTeam);
                }
            }
        } catch (RuntimeException e) {
            failed.increment();
            log.error("No reminder digest of {} was sent: the accounts could not be read", raised.day(), e);
        }
    }

    private void send(Recipient recipient, RemindersRaised raised, Function<String, String> currentTeam) {
        try {
            // the day's reminders, and those of the account's digests that could not be sent before
            Map<String, Reminder> reminders = new LinkedHashMap<>();
            store.byIds(claims.undelivered(recipient.subject())).forEach(reminder -> reminders.put(reminder.id(), reminder));
            raised.reminders().forEach(reminder -> reminders.put(reminder.id(), reminder));
            List<Reminder> received = reminders.values().stream().filter(reminder ->
                    Recipient.receives(recipient.caller(), reminder, () -> currentTeam.apply(reminder.personId()))).toList();
            Optional<Digest> digest = digestFor(recipient, raised.day(), received);
            if (digest.isEmpty() || !claims.claim(recipient.subject(), raised.day())) {
                return;
            }
            try {
                mail.send(message(recipient, digest.get()));
                claims.sent(recipient.subject(), raised.day());
                sent.increment();
            } catch (MailException | MessagingException | UnsupportedEncodingException e) {
                claims.failed(recipient.subject(), raised.day(), received.stream().map(Reminder::id).toList());
                failed.increment();
                log.warn("The reminder digest of {} for account {} could not be sent (its reminders go with the account's "
                        + "next digest): {}", raised.day(), recipient.subject(), e.toString());
            }
        } catch (RuntimeException e) {
            // MongoDB or the key path away: this account's digest is not sent, the others still are
            failed.increment();
            log.error("The reminder digest of {} for account {} could not be prepared", raised.day(), recipient.subject(), e);
        }
    }

    /** The digest of the reminders the account receives, naming only the people it may see now; empty: none left. */
    private Optional<Digest> digestFor(Recipient recipient, LocalDate day, List<Reminder> received) {
        if (received.isEmpty()) {
            return Optional.empty();
        }
        Viewpoint today = new Viewpoint(asOf.today(), asOf.today());
        Map<String, String> names = people.histories(recipient.caller(),
                        received.stream().map(Reminder::personId).distinct().toList(), today, any -> true).stream()
                .collect(Collectors.toMap(PersonHistory::personId, history -> history.displayName().orElse("Someone")));
        List<Digest.Line> lines = new ArrayList<>();
        for (Reminder reminder : received) {
            String name = names.get(reminder.personId());
            if (name != null) {
                lines.add(new Digest.Line(reminder.personId(), name, reminder.inWords(name, warningMonths)));
            }
        }
        lines.sort(Comparator.comparing(Digest.Line::name, NaturalOrder.NAMES).thenComparing(Digest.Line::sentence));
        return lines.isEmpty() ? Optional.empty()
                : Optional.of(new Digest(recipient.name(), day, lines, dashboardUrl));
    }

    private MimeMessage message(Recipient recipient, Digest digest) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(new InternetAddress(recipient.email(), recipient.name(), "UTF-8"));
        helper.setSubject(digest.subject());
        helper.setText(digest.text(), digest.html());
        return message;
    }
}
