package io.careerpath.query.timeline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonRegistered;
import io.careerpath.query.intake.Projections;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Keeps one document per person: who they are and every career event recorded for them.
 *
 * <p>Delivery is at least once (a batch is resent after a lost acknowledgement or a crash before
 * the token was stored), so every write is conditional on the person's sequence number: an event
 * whose sequence the document has already reached changes nothing. Kafka keeps one person's events
 * in order (records are keyed by person), so "already reached" is a single comparison.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
class CareerTimelineProjection {

    static final String COLLECTION = "career_timelines";

    private final MongoCollection<Document> timelines;

    CareerTimelineProjection(MongoDatabase readModels) {
        this.timelines = readModels.getCollection(COLLECTION);
    }

    @EventHandler
    void on(CareerEvent event, @SequenceNumber Long sequence) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("lastSequence", sequence));
        updates.add(Updates.push("entries", TimelineEntry.of(event, sequence).toDocument()));
        if (event instanceof PersonRegistered registered) {
            updates.add(Updates.set("displayName", registered.displayName()));
            updates.add(Updates.set("teamId", registered.teamId()));
        }
        Bson notYetApplied = and(eq("_id", event.personId()),
                or(exists("lastSequence", false), lt("lastSequence", sequence)));
        try {
            timelines.updateOne(notYetApplied, Updates.combine(updates), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the document exists and is already past this sequence: the upsert collided with it
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
