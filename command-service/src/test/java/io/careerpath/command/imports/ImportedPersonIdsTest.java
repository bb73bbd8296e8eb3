package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.command.EventStoreDatabase;
import io.careerpath.command.personaldata.InstallationKeys;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An imported person's id follows from their HR reference and a secret of the installation, never from the reference alone. */
class ImportedPersonIdsTest {

    private static final String REFERENCE = "HR-004711";

    @Test
    void anotherInstallationGivesTheSameReferenceAnotherId() {
        EventStoreDatabase one = EventStoreDatabase.fresh(EventStoreDatabase.H2, "installation_one");
        EventStoreDatabase other = EventStoreDatabase.fresh(EventStoreDatabase.H2, "installation_other");

        String id = started(one).personId(REFERENCE);

        assertThat(id).isNotEqualTo(started(other).personId(REFERENCE))
                .isNotEqualTo(ImportedPersonIds.legacyId(REFERENCE));
        assertThat(UUID.fromString(id).version()).isEqualTo(8);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        assertThat(started(one).personId(REFERENCE)).as("after a restart").isEqualTo(id);
        assertThat(started(one).personId(REFERENCE + "0")).isNotEqualTo(id);
    }

    private static ImportedPersonIds started(EventStoreDatabase database) {
        return new ImportedPersonIds(new InstallationKeys(database.jdbc(), Clock.systemUTC()), database.jdbc());
    }
}
