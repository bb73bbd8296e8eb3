package io.careerpath.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The event table's global index: on H2 (the single-machine file) cached 1,000 at a time, so that a bulk
 * import's transaction does not store the file once per 32 indexes; on PostgreSQL untouched, one at a time,
 * because there a cache is per session and would hand out indexes far out of commit order.
 */
class EventIndexCacheTest {

    @Test
    void h2CachesAThousandIndexes() {
        EventStoreDatabase database = EventStoreDatabase.fresh(EventStoreDatabase.H2, "event_index_cache_test");

        assertThat(database.jdbc().queryForObject("SELECT identity_cache FROM information_schema.columns"
                + " WHERE table_name = 'domainevententry' AND column_name = 'globalindex'", Long.class)).isEqualTo(1_000L);
    }

    @Test
    void postgresqlHandsOutIndexesOneAtATime() {
        EventStoreDatabase database = EventStoreDatabase.fresh(EventStoreDatabase.POSTGRESQL, "careerpath_event_index_cache_test");

        assertThat(database.jdbc().queryForObject("SELECT seqcache FROM pg_sequence"
                + " WHERE seqrelid = pg_get_serial_sequence('domainevententry', 'globalindex')::regclass", Long.class))
                .isEqualTo(1L);
    }
}
