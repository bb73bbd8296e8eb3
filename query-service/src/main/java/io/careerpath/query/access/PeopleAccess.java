package io.careerpath.query.access;

import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.keys.PersonKeyLookup;
import io.careerpath.security.Caller;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The people a caller may see, with their personal data readable. Every answer about a person goes
 * through here, so three rules hold everywhere (docs/security.md):
 * <ul>
 *   <li>who may see a person is decided by the person's <em>current</em> team (as of today, whatever
 *       day the request looks at), with {@link Caller#mayAccessPerson};</li>
 *   <li>a person the caller may not see is answered exactly like an unknown one (404, left out of lists);</li>
 *   <li>sealed values are opened with the person's key; a person without a key (erased, even if the
 *       erasure has not reached the read model yet) is answered like an unknown one too.</li>
 * </ul>
 */
@Component
public class PeopleAccess {

    private final HistoryReads histories;
    private final PersonKeyLookup keys;
    private final AsOf asOf;

    PeopleAccess(HistoryReads histories, PersonKeyLookup keys, AsOf asOf) {
        this.histories = histories;
        this.keys = keys;
        this.asOf = asOf;
    }

    /**
     * One person's history from the viewpoint, personal data opened.
     *
     * @param minSequence wait (boundedly) for this event of the person, see {@link HistoryReads#await}
     * @throws io.careerpath.query.api.NotFound as {@code person-not-found}: unknown, erased, or not the caller's to see
     */
    public PersonHistory history(Caller caller, String personId, Viewpoint viewpoint, Long minSequence) {
        LocalDate today = asOf.today();
        StoredHistory stored = histories.await(personId, minSequence, mayBeSeenBy(caller, today));
        byte[] key = null;
        if (stored.hasSealedValues()) {
            key = keys.keyOf(personId).orElseThrow(() -> HistoryReads.personNotFound(personId));
        }
        return stored.at(viewpoint).opened(key);
    }

    /**
     * The histories, from the viewpoint and personal data opened, of those of the people who pass
     * {@code belongs} (judged on the sealed history) and whom the caller may see; everyone else is
     * left out, without a trace. The keys of all of them are asked for at once.
     */
    public List<PersonHistory> histories(Caller caller, Collection<String> personIds, Viewpoint viewpoint,
                                         Predicate<PersonHistory> belongs) {
        Predicate<StoredHistory> visible = mayBeSeenBy(caller, asOf.today());
        List<StoredHistory> candidates = new ArrayList<>();
        List<PersonHistory> views = new ArrayList<>();
        for (StoredHistory stored : histories.findAll(personIds)) {
            PersonHistory view = stored.at(viewpoint);
            if (belongs.test(view) && visible.test(stored)) {
                candidates.add(stored);
                views.add(view);
            }
        }
        Map<String, byte[]> found = keys.keysOf(candidates.stream()
                .filter(StoredHistory::hasSealedValues).map(StoredHistory::personId).toList());
        List<PersonHistory> opened = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            StoredHistory stored = candidates.get(i);
            byte[] key = found.get(stored.personId());
            if (key != null || !stored.hasSealedValues()) {
                opened.add(views.get(i).opened(key));
            }
        }
        return opened;
    }

    private static Predicate<StoredHistory> mayBeSeenBy(Caller caller, LocalDate today) {
        return stored -> caller.mayAccessPerson(stored.personId(), () -> stored.currentTeam(today).orElse(null));
    }
}
