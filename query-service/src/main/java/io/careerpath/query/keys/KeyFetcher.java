package io.careerpath.query.keys;

import java.util.List;
import java.util.Map;

/** Asks the holder of the people's keys for some of them. */
@FunctionalInterface
interface KeyFetcher {

    /** At most this many people per request (docs/security.md). */
    int MAX_PEOPLE_PER_REQUEST = 500;

    /**
     * @param personIds at most {@value #MAX_PEOPLE_PER_REQUEST}
     * @return the keys of those who have one; unknown and erased people are left out
     * @throws KeysUnavailable if the keys cannot be asked for now
     */
    Map<String, byte[]> fetch(List<String> personIds);
}
