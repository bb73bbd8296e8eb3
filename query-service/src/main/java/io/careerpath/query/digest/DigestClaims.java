package io.careerpath.query.digest;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Who has been sent the digest of which day (collection {@value #COLLECTION}): a claim is inserted before the
 * email is sent, and the insert that wins sends it, so that a day published twice (a run taken over after a crash,
 * two instances) sends each account one email. Not a read model: a rebuild keeps it.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class DigestClaims {

    static final String COLLECTION = "reminder_email_claims";

    private final MongoCollection<Document> claims;
    private final Clock clock;

    DigestClaims(MongoDatabase readModels, Clock clock) {
        this.claims = readModels.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** True when this call claimed the account's digest of {@code day}; false when it was claimed before. */
    boolean claim(String subject, LocalDate day) {
        try {
            claims.insertOne(new Document("_id", id(subject, day))
                    .append("subject", subject)
                    .append("day", day.toString())
                    .append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Gives a claim back after a failed send: the next publication of the day tries again. */
    void release(String subject, LocalDate day) {
        claims.deleteOne(eq("_id", id(subject, day)));
    }

    private static String id(String subject, LocalDate day) {
        return day + "/" + subject;
    }
}
