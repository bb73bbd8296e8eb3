package io.careerpath.query.webhooks;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The deliveries and their log (collection {@value #COLLECTION}), one document per delivery with every attempt in
 * it. A delivery's id is its endpoint's id and its event's id, so that enqueuing the same event again adds nothing.
 * Sending claims a delivery with one atomic {@code findOneAndUpdate} that sets a lease: while the lease runs no
 * other instance can claim it, and an outcome is written only by the claim that holds it.
 */
@Component
class WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";
    /** The most deliveries an endpoint's log answers, newest first. */
    static final int LOG_LENGTH = 100;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    enum State {
        /** Waiting for its next attempt, due at {@code nextAttemptAt}. */
        PENDING,
        /** Claimed by an instance that is sending it now. */
        SENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Every attempt failed; no more are made. */
        FAILED,
        /** Never sent: the person it is about was erased meanwhile. */
        DROPPED
    }

    /** One request to the receiver: its HTTP status, or why none came back. */
    record Attempt(Instant at, Integer status, String error) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /**
     * A delivery, as its endpoint's log shows it.
     *
     * @param personId      whom the event is about (null for a test event)
     * @param nextAttemptAt when the next attempt is due, while one is
     * @param note          why it was dropped, if it was
     */
    record Delivery(String id, String endpointId, String type, String personId, Instant createdAt, State state,
                    List<Attempt> attempts, Instant nextAttemptAt, String note) {
    }

    /** A delivery to be written: its event, as it will be sent on every attempt. */
    record NewDelivery(String id, String endpointId, String type, String personId, String body, Instant createdAt) {
    }

    /** A delivery claimed for one attempt, with its body and the claim that alone may record the outcome. */
    record Claimed(Delivery delivery, String body, String claim) {
    }

    private final MongoCollection<Document> deliveries;

    WebhookDeliveries(MongoDatabase readModels) {
        this.deliveries = readModels.getCollection(COLLECTION);
    }

    /** Adds the deliveries not there yet, each due at once; those already there (any state) are left as they are. */
    void enqueue(List<NewDelivery> toAdd) {
        List<WriteModel<Document>> inserts = new ArrayList<>();
        for (NewDelivery delivery : toAdd) {
            Document document = document(delivery).append("state", State.PENDING.name())
                    .append("nextAttemptAt", Date.from(delivery.createdAt()));
            inserts.add(new UpdateOneModel<>(eq("_id", delivery.id()), new Document("$setOnInsert", document), UPSERT));
        }
        if (!inserts.isEmpty()) {
            deliveries.bulkWrite(inserts, UNORDERED);
        }
    }

    /** Writes a delivery already claimed by the caller, who sends it at once (a test event). */
    Claimed insertClaimed(NewDelivery delivery, Instant leaseUntil) {
        String claim = UUID.randomUUID().toString();
        Document document = document(delivery).append("state", State.SENDING.name())
                .append("claim", claim).append("leaseUntil", Date.from(leaseUntil));
        deliveries.insertOne(document);
        return new Claimed(delivery(document), delivery.body(), claim);
    }

    private static Document document(NewDelivery delivery) {
        return new Document("_id", delivery.id()).append("endpointId", delivery.endpointId())
                .append("type", delivery.type()).append("personId", delivery.personId()).append("body", delivery.body())
                .append("createdAt", Date.from(delivery.createdAt())).append("attempts", List.of());
    }

    /**
     * Claims the delivery due longest, if any: one pending whose attempt is due, or one whose claimant's lease ran
     * out (it died while sending; the receiver may get that attempt twice, and tells by {@code Careerpath-Event-Id}).
     */
    Optional<Claimed> claimDue(Instant now, Instant leaseUntil) {
        Bson due = or(
                and(eq("state", State.PENDING.name()), lte("nextAttemptAt", Date.from(now))),
                and(eq("state", State.SENDING.name()), lte("leaseUntil", Date.from(now))));
        String claim = UUID.randomUUID().toString();
        Document claimed = deliveries.findOneAndUpdate(due,
                Updates.combine(Updates.set("state", State.SENDING.name()), Updates.set("claim", claim),
                        Updates.set("leaseUntil", Date.from(leaseUntil))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(document -> new Claimed(delivery(document), document.getString("body"), claim));
    }

    /** Records an attempt of a claimed delivery and what comes next: another attempt at {@code nextAttemptAt}, or none. */
    void recordAttempt(Claimed claimed, Attempt attempt, State next, Instant nextAttemptAt) {
        Document logged = new Document("at", Date.from(attempt.at())).append("status", attempt.status())
                .append("error", attempt.error());
        release(claimed, Updates.combine(Updates.push("attempts", logged), Updates.set("state", next.name()),
                nextAttemptAt == null ? Updates.unset("nextAttemptAt") : Updates.set("nextAttemptAt", Date.from(nextAttemptAt))));
    }

    /** Gives a claimed delivery up unsent. */
    void drop(Claimed claimed, String why) {
        release(claimed, Updates.combine(Updates.set("state", State.DROPPED.name()), Updates.set("note", why),
                Updates.unset("nextAttemptAt")));
    }

    private void release(Claimed claimed, Bson update) {
        // only the claim that holds the delivery writes its outcome: one whose lease ran out and was taken over does not
        deliveries.updateOne(and(eq("_id", claimed.delivery().id()), eq("claim", claimed.claim())),
                Updates.combine(update, Updates.unset("claim"), Updates.unset("leaseUntil")));
    }

    Optional<Delivery> find(String id) {
        return Optional.ofNullable(deliveries.find(eq("_id", id)).first()).map(WebhookDeliveries::delivery);
    }

    /** The endpoint's latest deliveries, newest first. */
    List<Delivery> logOf(String endpointId) {
        List<Delivery> log = new ArrayList<>();
        deliveries.find(eq("endpointId", endpointId)).sort(Sorts.descending("createdAt")).limit(LOG_LENGTH)
                .forEach(document -> log.add(delivery(document)));
        return log;
    }

    void deleteAllOf(String endpointId) {
        deliveries.deleteMany(eq("endpointId", endpointId));
    }

    private static Delivery delivery(Document document) {
        List<Attempt> attempts = document.getList("attempts", Document.class, List.of()).stream()
                .map(a -> new Attempt(a.getDate("at").toInstant(), a.getInteger("status"), a.getString("error")))
                .toList();
        Date next = document.getDate("nextAttemptAt");
        return new Delivery(document.getString("_id"), document.getString("endpointId"), document.getString("type"),
                document.getString("personId"), document.getDate("createdAt").toInstant(),
                State.valueOf(document.getString("state")), attempts, next == null ? null : next.toInstant(),
                document.getString("note"));
    }
}
