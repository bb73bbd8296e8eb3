package io.careerpath.query.reminders;

import io.careerpath.security.Caller;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An account that has signed in to the dashboards at least once, as its latest token described it: reminders
 * sent when nobody is signed in (the email digest, the calendar feed) are addressed with this.
 *
 * @param caller   what the account may see (the permission table)
 * @param email    its {@code email} claim, or null
 * @param name     its {@code name} claim (else {@code preferred_username}), or null
 * @param lastSeen when a request last carried its token
 */
public record Recipient(Caller caller, String email, String name, Instant lastSeen) {

    public String subject() {
        return caller.subject();
    }

    /**
     * Whether this account receives {@code reminder}: the person themself and the managers of the team the person
     * was in when it was raised, and only while the permission table lets them see the person (decided on the
     * person's current team, asked for only when needed). PMO leads and HR administrators see everyone but are not
     * told about everyone: they read the attention list, or register a webhook.
     */
    public static boolean receives(Caller caller, Reminder reminder, Supplier<String> currentTeam) {
        boolean addressed = reminder.personId().equalsIgnoreCase(caller.personId() == null ? "" : caller.personId())
                || caller.managesTeam(reminder.teamId());
        return addressed && caller.mayAccessPerson(reminder.personId(), currentTeam);
    }
}
