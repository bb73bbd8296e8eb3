package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.careerpath.query.NotFound;
import io.careerpath.query.QueryProperties;
import io.careerpath.query.Viewpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads person histories and team memberships from the active generation. */
@Component
public class PersonHistories {

    private final ReadModelGenerations generations;
    private final QueryProperties properties;

    PersonHistories(ReadModelGenerations generations, QueryProperties properties) {
        this.generations = generations;
        this.properties = properties;
    }

    /**
     * One person's history from the given viewpoint. With {@code minSequence}, waits (boundedly) until
     * the projection has reached that event of the person, so a client that just recorded an event
     * sees it; if it does not arrive in time, {@link NotYetProjected}.
     */
    public PersonHistory load(String personId, Viewpoint viewpoint, Long minSequence) {
        long deadline = System.nanoTime() + properties.consistencyWait().toNanos();
        while (true) {
            Document document = generations.personHistories(generations.active()).find(eq("_id", personId)).first();
            long reached = document == null ? -1 : document.get("lastSequence", Number.class).longValue();
            if (minSequence == null || reached >= minSequence) {
                if (document == null) {
                    throw new NotFound("person-not-found", "No career history for person " + personId
                            + ": unknown, or not yet projected");
                }
                return PersonHistory.fromDocument(document, viewpoint);
            }
            if (System.nanoTime() > deadline) {
                throw new NotYetProjected(personId, minSequence, reached);
            }
            pause();
        }
    }

    /** The histories of the given people that exist, from the given viewpoint. */
    public List<PersonHistory> loadAll(Collection<String> personIds, Viewpoint viewpoint) {
        List<PersonHistory> histories = new ArrayList<>();
        for (Document document : generations.personHistories(generations.active()).find(in("_id", personIds))) {
            histories.add(PersonHistory.fromDocument(document, viewpoint));
        }
        return histories;
    }

    /** Everyone who ever belonged to the team; who belongs on a given day is for their history to say. */
    public List<String> everMembersOf(String teamId) {
        Document team = generations.teamMembers(generations.active()).find(eq("_id", teamId)).first();
        return team == null ? List.of() : team.getList("members", String.class);
    }

    /** Every team the platform knows, with how many people ever belonged to it, by id. */
    public List<KnownTeam> teams() {
        List<KnownTeam> teams = new ArrayList<>();
        for (Document team : generations.teamMembers(generations.active()).find()) {
            teams.add(new KnownTeam(team.getString("_id"), team.getList("members", String.class).size()));
        }
        teams.sort(java.util.Comparator.comparing(KnownTeam::teamId));
        return teams;
    }

    public record KnownTeam(String teamId, int everMembers) {
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the projection", e);
        }
    }

    /** The projection has not reached the sequence a client asked for within the wait. */
    public static final class NotYetProjected extends RuntimeException {
        NotYetProjected(String personId, long wanted, long reached) {
            super("The read model has reached event " + reached + " of person " + personId + ", not yet " + wanted
                    + "; try again shortly");
        }
    }
}
