package io.careerpath.query.reminders;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The claims on the daily runs (collection {@value #COLLECTION}, one document per day, {@code _id} the day), so that
 * one instance runs each day however many run the service. The first to insert the day's document wins; the others
 * get a duplicate key. A claim has an owner and a lease that the owner renews as it goes: the claim of an instance
 * that died mid-run is taken over once its lease has expired (the stable ids of the reminders make the second
 * attempt add nothing the first stored). A finished day is never claimed again. Not a read model: a rebuild keeps it.
 */
@Component
class ReminderRuns {

    static final String COLLECTION = "reminder_runs";

    /** How the attempt to claim a day ended. */
    enum Claim {
        /** This instance holds the day's claim now (a first claim, or one taken over after its lease expired). */
        CLAIMED,
        /** Another instance holds the day's claim and its lease has not expired. */
        RUNNING_ELSEWHERE,
        /** The day's run has finished. */
        FINISHED
    }

    /** This instance, as the owner of its claims. */
    private final String owner = UUID.randomUUID().toString();
    private final MongoCollection<Document> runs;
    private final Clock clock;
    private final RemindersProperties properties;

    ReminderRuns(MongoDatabase readModels, Clock clock, RemindersProperties properties) {
        this.runs = readModels.getCollection(COLLECTION);
        this.clock = clock;
        this.properties = properties;
    }

    Claim claim(LocalDate day) {
        Instant now = clock.instant();
        try {
            runs.insertOne(new Document("_id", day.toString()).append("owner", owner)
                    .append("startedAt", Date.from(now)).append("leaseUntil", leaseFrom(now)));
            return Claim.CLAIMED;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document takenOver = runs.findOneAndUpdate(
                and(eq("_id", day.toString()), exists("finishedAt", false), lt("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", leaseFrom(now)),
                        Updates.inc("takeovers", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (takenOver != null) {
            return Claim.CLAIMED;
        }
        return finished(day).isPresent() ? Claim.FINISHED : Claim.RUNNING_ELSEWHERE;
    }

    /**
     * Renews this instance's lease on the day's run.
     *
     * @throws IllegalStateException if the claim is no longer this instance's (its lease expired and another took it)
     */
    void renew(LocalDate day) {
        if (runs.updateOne(and(eq("_id", day.toString()), eq("owner", owner), exists("finishedAt", false)),
                Updates.set("leaseUntil", leaseFrom(clock.instant()))).getMatchedCount() == 0) {
            throw new IllegalStateException("The reminders run of " + day + " was taken over by another instance");
        }
    }

    /** Marks the day's run finished, with how many reminders it raised. */
    void finish(LocalDate day, int raised) {
        runs.updateOne(and(eq("_id", day.toString()), eq("owner", owner)), Updates.combine(
                Updates.set("finishedAt", Date.from(clock.instant())), Updates.set("raised", raised)));
    }

    /** How many reminders the day's finished run raised; empty if it has not finished. */
    Optional<Integer> finished(LocalDate day) {
        Document run = runs.find(eq("_id", day.toString())).first();
        return run == null || run.get("finishedAt") == null ? Optional.empty() : Optional.of(run.getInteger("raised", 0));
    }

    private Date leaseFrom(Instant now) {
        return Date.from(now.plus(properties.lease()));
    }
}
