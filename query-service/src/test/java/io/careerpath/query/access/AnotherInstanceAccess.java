package io.careerpath.query.access;

import io.careerpath.query.api.AsOf;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.keys.PersonKeyLookup;

/** {@link PeopleAccess} of a second query-service instance ({@link io.careerpath.query.history.AnotherInstance}). */
public final class AnotherInstanceAccess {

    private AnotherInstanceAccess() {
    }

    public static PeopleAccess of(HistoryReads histories, PersonKeyLookup keys, AsOf asOf) {
        return new PeopleAccess(histories, keys, asOf);
    }
}
