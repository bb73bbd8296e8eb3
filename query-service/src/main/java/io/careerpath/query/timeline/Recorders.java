package io.careerpath.query.timeline;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.security.Caller;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who recorded an event, as a person reads it: by name where the caller may see that person, else by
 * what they are. Events store only a pseudonymous recorder ({@link Caller#recorder()}: a person id, or
 * {@code sub:<subject>} for an account that is no person); names are sealed per person, so a name is
 * opened here exactly as the caller could open it on that person's own career.
 */
final class Recorders {

    /** The launcher's account: it registers the demo people. */
    static final String PLATFORM = "sub:careerpath-launcher";

    private final PeopleAccess people;
    private final AsOf asOf;

    Recorders(PeopleAccess people, AsOf asOf) {
        this.people = people;
        this.asOf = asOf;
    }

    /**
     * @param displayName the recorder's name, where the caller may see them; else null
     * @param role        what the recorder is, in words: "you", "the person themselves", "a manager or HR"
     *                    (only they record for someone else), "the platform", "a connected system"
     */
    record Recorder(String displayName, String role) {
    }

    /** The recorder of each entry, by the stored recorder id. */
    Map<String, Recorder> of(Caller caller, PersonHistory subject, List<HistoryEntry> entries) {
        Set<String> recorders = entries.stream().map(HistoryEntry::recordedBy)
                .filter(id -> id != null).collect(Collectors.toSet());
        Map<String, String> names = namesOf(caller, recorders.stream()
                .filter(id -> !id.startsWith("sub:") && !id.equals(subject.personId())).toList());
        String subjectName = subject.displayName().orElse(null);
        names.put(subject.personId(), subjectName);
        Map<String, Recorder> answer = new HashMap<>();
        for (String id : recorders) {
            answer.put(id, new Recorder(names.get(id), roleOf(caller, subject.personId(), id)));
        }
        return answer;
    }

    private static String roleOf(Caller caller, String subjectId, String recorder) {
        if (recorder.equals(caller.recorder())) {
            return "you";
        }
        if (recorder.equals(subjectId)) {
            return "the person themselves";
        }
        if (recorder.equals(PLATFORM)) {
            return "the platform";
        }
        return recorder.startsWith("sub:") ? "a connected system" : "a manager or HR";
    }

    /** The names of those of these people the caller may see (the rest are left out). */
    private Map<String, String> namesOf(Caller caller, Collection<String> personIds) {
        Map<String, String> names = new HashMap<>();
        if (personIds.isEmpty()) {
            return names;
        }
        for (PersonHistory history : people.histories(caller, personIds, asOf.resolve(null, null), any -> true)) {
            history.displayName().ifPresent(name -> names.put(history.personId(), name));
        }
        return names;
    }
}
