package io.careerpath.query.history;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Projections;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.careerpath.pipeline.eventstore.HistoryFingerprint;
import io.careerpath.query.api.NotFound;
import io.careerpath.query.api.NotYetProjected;
import io.careerpath.query.api.QueryProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads person histories and team memberships from the active generation; erased people are not there. */
@Component
public class HistoryReads {

    /** How often a read waiting for an event of its person looks again. */
    private static final Duration POLL = Duration.ofMillis(20);

    private final ReadModelGenerations generations;
    private final QueryProperties properties;

    HistoryReads(ReadModelGenerations generations, QueryProperties properties) {
        this.generations = generations;
        this.properties = properties;
    }

    /**
     * A person's stored history, if the read model holds one the predicate lets the caller see. With
     * {@code minSequence}, waits (boundedly) until the projection has reached that event of the
     * person, so a client that just recorded an event sees it; if it does not arrive in time,
     * {@link NotYetProjected}. A person the predicate refuses is treated exactly as one the read
     * model does not hold (waited for, then not found), so that nobody can tell the two apart.
     *
     * @throws NotFound as {@code person-not-found}: unknown, erased, or not for this caller
     */
    public StoredHistory await(String personId, Long minSequence, Predicate<StoredHistory> visible) {
        RetryPolicy<Optional<StoredHistory>> untilReached = RetryPolicy.<Optional<StoredHistory>>builder()
                .handleIf((history, failure) -> failure == null && minSequence != null && reached(history) < minSequence)
                .withDelay(POLL)
                .withMaxDuration(properties.consistencyWait())
                .withMaxRetries(-1)
                .build();
        Optional<StoredHistory> history;
        try {
            history = Failsafe.with(untilReached).get(() -> find(personId).filter(visible));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw new IllegalStateException("Interrupted while waiting for the projection", interrupted);
            }
            throw e;
        }
        if (minSequence != null && reached(history) < minSequence) {
            throw new NotYetProjected(personId, minSequence, reached(history));
        }
        return history.orElseThrow(() -> personNotFound(personId));
    }

    private static long reached(Optional<StoredHistory> history) {
        return history.map(StoredHistory::lastSequence).orElse(-1L);
    }

    /** The one answer for a person who is unknown, erased or not the caller's to see. */
    public static NotFound personNotFound(String personId) {
        return new NotFound("person-not-found", "No career history for person " + personId
                + ": unknown, or not yet projected");
    }

    /**
     * The person's stored history; empty if unknown or erased. Queried by {@code _id} alone, the tombstone
     * told apart here: mongo-java-server answers any other filter, even {@code _id} and one more field,
     * by scanning the whole collection.
     */
    public Optional<StoredHistory> find(String personId) {
        return Optional.ofNullable(generations.personHistories(generations.active()).find(eq("_id", personId)).first())
                .filter(HistoryReads::notErased)
                .map(StoredHistory::new);
    }

    /** The stored histories of the given people that exist (erased people left out), by {@code _id} alone. */
    public List<StoredHistory> findAll(Collection<String> personIds) {
        List<StoredHistory> histories = new ArrayList<>();
        for (Document document : generations.personHistories(generations.active()).find(in("_id", personIds))) {
            if (notErased(document)) {
                histories.add(new StoredHistory(document));
            }
        }
        return histories;
    }

    /**
     * The stored histories of the given people in one generation (the active one, or one a rebuild fills),
     * erased people left out; by {@code _id} alone.
     */
    public List<StoredHistory> findAllIn(int generation, Collection<String> personIds) {
        List<StoredHistory> histories = new ArrayList<>();
        for (Document document : generations.personHistories(generation).find(in("_id", personIds))) {
            if (notErased(document)) {
                histories.add(new StoredHistory(document));
            }
        }
        return histories;
    }

    private static boolean notErased(Document document) {
        return !Boolean.TRUE.equals(document.getBoolean(HistoryWrites.ERASED));
    }

    /**
     * Every team the platform knows, with its name and everyone who ever belonged to it. A team whose
     * only members were erased has none left and is no longer listed.
     */
    public List<KnownTeam> teams() {
        return teamsIn(generations.active());
    }

    /** {@link #teams()} of one generation. */
    public List<KnownTeam> teamsIn(int generation) {
        List<KnownTeam> teams = new ArrayList<>();
        for (Document team : generations.teamMembers(generation).find()) {
            List<String> members = team.getList("members", String.class);
            if (!members.isEmpty()) {
                String teamId = team.getString("_id");
                teams.add(new KnownTeam(teamId, TeamNames.of(teamId, team), List.copyOf(members)));
            }
        }
        teams.sort(java.util.Comparator.comparing(KnownTeam::teamId));
        return teams;
    }

    /**
     * A team's display name ({@link TeamNames}): the latest one recorded, else its id read as a name. Only the
     * names are read: the timeline asks this on every read, and the members list (200 ids in a team of 200)
     * would be fetched and decoded for nothing.
     */
    public String teamName(String teamId) {
        return teamNames(List.of(teamId)).get(teamId);
    }

    /** {@link #teamName} of several teams in one read. */
    public Map<String, String> teamNames(Collection<String> teamIds) {
        Map<String, String> names = new HashMap<>();
        if (teamIds.isEmpty()) {
            return names;
        }
        for (Document team : generations.teamMembers(generations.active()).find(in("_id", teamIds))
                .projection(Projections.include(TeamNames.NAMES))) {
            names.put(team.getString("_id"), TeamNames.of(team.getString("_id"), team));
        }
        teamIds.forEach(teamId -> names.computeIfAbsent(teamId, unknown -> TeamNames.of(unknown, null)));
        return names;
    }

    /** One team, its name and everyone who ever belonged, from one read (no members when it is not known). */
    public KnownTeam team(String teamId) {
        return teamIn(generations.active(), teamId);
    }

    /** {@link #team} in one generation. */
    public KnownTeam teamIn(int generation, String teamId) {
        return teamsIn(generation, List.of(teamId)).get(teamId);
    }

    /** {@link #teamIn} of several teams in one read; a team not known has no members. */
    public Map<String, KnownTeam> teamsIn(int generation, Collection<String> teamIds) {
        Map<String, KnownTeam> teams = new HashMap<>();
        if (teamIds.isEmpty()) {
            return teams;
        }
        for (Document team : generations.teamMembers(generation).find(in("_id", teamIds))) {
            String teamId = team.getString("_id");
            teams.put(teamId, new KnownTeam(teamId, TeamNames.of(teamId, team), List.copyOf(team.getList("members", String.class))));
        }
        for (String teamId : teamIds) {
            teams.computeIfAbsent(teamId, id -> new KnownTeam(id, TeamNames.of(id, null), List.of()));
        }
        return teams;
    }

    /** @param everMembers everyone who ever belonged to it, erased people left out */
    public record KnownTeam(String teamId, String teamName, List<String> everMembers) {
    }

    /**
     * Where one person's read model stands, as the integrity check compares it with the event store.
     *
     * @param fingerprint the {@link HistoryFingerprint} of its (sequence number, event id) pairs; null when an
     *                    entry lacks the event store's id (written by older code) or it is a tombstone
     */
    public record Stand(String personId, long lastSequence, boolean erased, String fingerprint) {
    }

    /** Where these people's read models stand in the active generation (people it does not hold are left out). */
    public Map<String, Stand> standOf(Collection<String> personIds) {
        Map<String, Stand> stands = new HashMap<>();
        for (Document document : generations.personHistories(generations.active()).find(in("_id", personIds))) {
            Number last = document.get(HistoryWrites.LAST_SEQUENCE, Number.class);
            stands.put(document.getString("_id"), new Stand(document.getString("_id"), last == null ? -1 : last.longValue(),
                    !notErased(document), fingerprint(document)));
        }
        return stands;
    }

    private static String fingerprint(Document document) {
        Document entries = document.get("entries", Document.class);
        if (entries == null) {
            return null;
        }
        TreeMap<Long, String> ids = new TreeMap<>();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            String messageId = PackedEntries.unpack(entry.getValue()).getString(HistoryWrites.MESSAGE_ID);
            if (messageId == null) {
                return null;
            }
            ids.put(Long.parseLong(entry.getKey()), messageId);
        }
        return HistoryFingerprint.of(ids);
    }

    /** Everyone the active generation holds a document for, tombstones included. */
    public List<String> everyone() {
        return everyoneIn(generations.active());
    }

    /** {@link #everyone()} of one generation. */
    public List<String> everyoneIn(int generation) {
        List<String> ids = new ArrayList<>();
        generations.personHistories(generation).find().projection(Projections.include("_id"))
                .forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }
}
