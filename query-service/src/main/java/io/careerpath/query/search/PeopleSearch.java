package io.careerpath.query.search;

import io.careerpath.query.words.NaturalOrder;
import static com.mongodb.client.model.Filters.eq;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.InvalidInput;
import io.careerpath.query.api.NotConfigured;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.security.Caller;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Finds the people a caller may see by words of their names. Each query word must start a word of the name
 * (accents and case aside, {@link NameWords}); the words of two letters or more are looked up in the blind
 * index ({@link NameIndexer}), one document by {@code _id} per word, and the people found in all of them are
 * narrowed to those the caller may see (an employee: herself; a manager: herself and her teams' people;
 * PMO leads and HR administrators: everyone) before any history is read. Their names are then opened and
 * checked against every query word, so a one-letter word ("maria w") still counts.
 */
@Component
public class PeopleSearch {

    /** At most this many people in an answer: a type-ahead list, not a directory; more letters narrow it. */
    public static final int LIMIT = 20;
    static final int LONGEST_QUERY = 100;
    /**
     * Histories are read and opened this many at a time, until the answer is full: one more than fits, since
     * nearly every person the index names does match (all but a one-letter word's misses), and whether there is
     * more is known with the one more.
     */
    private static final int CHUNK = LIMIT + 1;

    private final ReadModelGenerations generations;
    private final HistoryReads histories;
    private final PeopleAccess people;
    private final NamePrefixDigests digests;
    private final AsOf asOf;

    PeopleSearch(ReadModelGenerations generations, HistoryReads histories, PeopleAccess people, NamePrefixDigests digests,
                 AsOf asOf) {
        this.generations = generations;
        this.histories = histories;
        this.people = people;
        this.digests = digests;
        this.asOf = asOf;
    }

    /** Where a person is now: what the rotation board shows as their current assignment. */
    public record CurrentAssignment(AssignmentKind kind, PmoType pmoType, String name, LocalDate since) {
    }

    public record PersonFound(String personId, String displayName, String teamId, String teamName,
                              CurrentAssignment currentAssignment) {
    }

    /** @param more whether more people match than are listed (at most {@value #LIMIT}): more letters narrow it down */
    public record PeopleFound(List<PersonFound> people, boolean more) {
    }

    /**
     * @throws InvalidInput naming the rule, for a query without a word of two letters, or longer than
     *                      {@value #LONGEST_QUERY} characters
     */
    public PeopleFound find(Caller caller, String query) {
        List<String> words = queryWords(query);
        if (!digests.available()) {
            throw new NotConfigured("search-unavailable", "Searching people by name is not set up on this installation:"
                    + " its search index secret (CAREERPATH_SEARCH_INDEX_SECRET) is missing");
        }
        int generation = generations.active();
        List<Set<String>> filed = new ArrayList<>();
        List<String> first = null;
        for (String word : words) {
            if (word.length() < NameWords.SHORTEST_PREFIX) {
                continue; // checked on the opened names
            }
            Document people = generations.namePrefixes(generation).find(eq("_id", digests.of(NameWords.lookedUpAs(word)))).first();
            List<String> having = people == null ? List.of() : people.getList("people", String.class);
            if (having.isEmpty()) {
                return new PeopleFound(List.of(), false);
            }
            if (first == null || having.size() < first.size()) {
                if (first != null) {
                    filed.add(new HashSet<>(first));
                }
                first = having;
            } else {
                filed.add(new HashSet<>(having));
            }
        }
        // the people of the shortest list (in the order they were filed) who are in every other list too
        List<String> candidates = first.stream().filter(id -> filed.stream().allMatch(set -> set.contains(id))).toList();
        return opened(caller, words, mayBeAmong(caller, candidates));
    }

    private static List<String> queryWords(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidInput("q", "Type at least two letters of a name to search for");
        }
        if (query.length() > LONGEST_QUERY) {
            throw new InvalidInput("q", "A search is at most " + LONGEST_QUERY + " characters long");
        }
        List<String> words = NameWords.of(query);
        if (words.stream().noneMatch(word -> word.length() >= NameWords.SHORTEST_PREFIX)) {
            throw new InvalidInput("q", "Type at least two letters of a name to search for (one word of two letters"
                    + " or more; accents and case do not matter)");
        }
        return words;
    }

    /**
     * The candidates narrowed, before any history is read, to those the caller could possibly see: whoever is or
     * was in a team they manage, and themselves ({@link PeopleAccess} then decides by the current team).
     */
    private List<String> mayBeAmong(Caller caller, List<String> candidates) {
        if (caller.seesEveryone()) {
            return candidates;
        }
        Set<String> reachable = new HashSet<>();
        if (caller.personId() != null) {
            reachable.add(caller.personId());
        }
        caller.managedTeams().stream().filter(caller::managesTeam).forEach(team -> reachable.addAll(histories.team(team).everMembers()));
        return candidates.stream().filter(reachable::contains).toList();
    }

    private PeopleFound opened(Caller caller, List<String> words, List<String> ordered) {
        Viewpoint today = new Viewpoint(asOf.today(), asOf.today());
        List<Named> found = new ArrayList<>();
        for (int from = 0; from < ordered.size() && found.size() <= LIMIT; from += CHUNK) {
            List<String> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
            for (PersonHistory history : people.histories(caller, chunk, today, history -> true)) {
                String name = history.displayName().orElse(null);
                if (name != null && NameWords.matches(words, NameWords.of(name))) {
                    found.add(new Named(history, name));
                }
            }
        }
        found.sort(Comparator.comparing(Named::name, NaturalOrder.NAMES));
        boolean more = found.size() > LIMIT;
        List<Named> listed = more ? found.subList(0, LIMIT) : found;
        // the listed people's teams named in one read, not one per team
        Map<String, String> teamNames = histories.teamNames(listed.stream()
                .flatMap(named -> named.history().teamId().stream()).collect(Collectors.toSet()));
        return new PeopleFound(listed.stream().map(named -> personFound(named, teamNames)).toList(), more);
    }

    /** A person found, with the name their history opened to. */
    private record Named(PersonHistory history, String name) {
    }

    private static PersonFound personFound(Named named, Map<String, String> teamNames) {
        PersonHistory history = named.history();
        Assignment current = history.currentAssignment().orElse(null);
        String teamId = history.teamId().orElse(null);
        return new PersonFound(history.personId(), named.name(), teamId, teamId == null ? null : teamNames.get(teamId),
                current == null ? null : new CurrentAssignment(current.kind(), current.pmoType(), current.name(), current.start()));
    }
}
