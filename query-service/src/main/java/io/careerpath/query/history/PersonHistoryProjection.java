package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonRegistered;
import io.careerpath.query.intake.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps, per person, every career event recorded for them, and per team everyone who ever belonged
 * to it. Everything else (timelines, skills, boards, as-of views) is derived from these at query
 * time, so a change of the skill model takes effect without touching stored data.
 *
 * <p>Delivery is at least once and a rebuild may replay what the live processor also writes, so
 * every write is idempotent and order-independent: an event is stored under its per-person
 * sequence number (writing it twice writes the same value), the last sequence only ever grows
 * ({@code $max}), and team membership is a set ({@code $addToSet}).
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class PersonHistoryProjection {

    private final ReadModelGenerations generations;

    PersonHistoryProjection(ReadModelGenerations generations) {
        this.generations = generations;
    }

    @EventHandler
    void on(CareerEvent event, @SequenceNumber Long sequence) {
        apply(event, sequence, generations.active());
    }

    /** Writes one event into the given generation; the live processor and a rebuild share this. */
    public void apply(CareerEvent event, long sequence, int generation) {
        HistoryEntry entry = HistoryEntry.of(event, sequence);
        generations.personHistories(generation).updateOne(eq("_id", event.personId()),
                Updates.combine(
                        Updates.set("entries." + sequence, entry.toDocument()),
                        Updates.max("lastSequence", sequence)),
                new UpdateOptions().upsert(true));
        String teamId = teamOf(entry);
        if (teamId != null) {
            generations.teamMembers(generation).updateOne(eq("_id", teamId),
                    Updates.addToSet("members", event.personId()), new UpdateOptions().upsert(true));
        }
    }

    private static String teamOf(HistoryEntry entry) {
        return entry.type().equals(CareerEvent.typeOf(PersonRegistered.class)) || entry.type().equals("TEAM_CHANGED")
                ? entry.detail("teamId")
                : null;
    }
}
