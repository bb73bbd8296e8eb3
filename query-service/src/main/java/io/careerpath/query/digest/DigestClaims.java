package io.careerpath.query.digest;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Who has been sent the digest of which day (collection {@value #COLLECTION}): a claim is inserted before the
 * email is sent, and the insert that wins sends it, so that a day published twice (a run taken over after a crash,
 * two instances) sends each account one email. A digest whose sending failed keeps the ids of the reminders it held:
 * the account's next digest (of the same day published again, or of the next day) carries them, so that a mail
 * server away for a day delays reminders without losing them. Not a read model: a rebuild keeps it.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class DigestClaims {

    static final String COLLECTION = "reminder_email_claims";
    private static final String CLAIMED = "CLAIMED";
    private static final String SENT = "SENT";
    private static final String FAILED = "FAILED";

    private final MongoCollection<Document> claims;
    private final Clock clock;

    DigestClaims(MongoDatabase readModels, Clock clock) {
        this.claims = readModels.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * True when this call claimed the account's digest of {@code day}: nobody had, or its sending had failed (then
     * this call takes it over, atomically); false when it is sent or being sent.
     */
    boolean claim(String subject, LocalDate day) {
        try {
            claims.insertOne(new Document("_id", id(subject, day))
                    .append("subject", subject)
                    .append("day", day.toString())
                    .append("state", CLAIMED)
                    .append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return claims.findOneAndUpdate(and(eq("_id", id(subject, day)), eq("state", FAILED)),
                    Updates.combine(Updates.set("state", CLAIMED), Updates.set("claimedAt", Date.from(clock.instant()))))
                    != null;
        }
    }

    /** The reminders of the account's digests whose sending failed, not yet carried by a later digest. */
    Set<String> undelivered(String subject) {
        Set<String> ids = new LinkedHashSet<>();
        claims.find(and(eq("subject", subject), eq("state", FAILED)))
                .forEach(claim -> ids.addAll(claim.getList("reminderIds", String.class, List.of())));
        return ids;
    }

    /** The digest of {@code day} was sent: it carried every reminder of the account's failed digests too. */
    void sent(String subject, LocalDate day) {
        claims.updateOne(eq("_id", id(subject, day)), Updates.set("state", SENT));
        claims.updateMany(and(eq("subject", subject), eq("state", FAILED)),
                Updates.combine(Updates.set("state", SENT), Updates.set("carriedBy", day.toString())));
    }

    /** The digest of {@code day}, holding {@code reminderIds}, could not be sent: the next digest carries them. */
    void failed(String subject, LocalDate day, Collection<String> reminderIds) {
        claims.updateOne(eq("_id", id(subject, day)), Updates.combine(Updates.set("state", FAILED),
                Updates.set("reminderIds", List.copyOf(reminderIds))));
    }

    private static String id(String subject, LocalDate day) {
        return day + "/" + subject;
    }
}
