package io.careerpath.query.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search by name ({@code careerpath.search.*}).
 *
 * @param indexSecret   the key of the name index's digests ({@code CAREERPATH_SEARCH_INDEX_SECRET}), at least 16
 *                      characters; kept out of MongoDB, so that the index alone tells nothing about anyone's name.
 *                      Blank: search answers 503 {@code search-unavailable} and nobody is indexed. Changing it
 *                      needs a read-model rebuild (the old digests match nothing any more)
 * @param indexInterval how often the indexer looks for people to index (0: only when asked, for tests)
 */
@ConfigurationProperties("careerpath.search")
record SearchProperties(String indexSecret, @DefaultValue("250ms") Duration indexInterval) {

    static final int SHORTEST_SECRET = 16;

    SearchProperties {
        if (indexSecret != null && !indexSecret.isBlank() && indexSecret.length() < SHORTEST_SECRET) {
            throw new IllegalArgumentException("careerpath.search.index-secret (CAREERPATH_SEARCH_INDEX_SECRET) must be at "
                    + "least " + SHORTEST_SECRET + " characters long");
        }
    }

    boolean enabled() {
        return indexSecret != null && !indexSecret.isBlank();
    }
}
