package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.command.eventstore.EventStoreDatabase;
import io.careerpath.command.eventstore.StoredEvents;
import io.careerpath.command.personaldata.InstallationKeys;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {EventStoreDatabase.H2, EventStoreDatabase.POSTGRESQL})
    void aReferenceWhoseOldNameBasedIdHasEventsStillNamesThatPerson(String kind) {
        EventStoreDatabase database = EventStoreDatabase.fresh(kind, "careerpath_imported_person_ids_test");
        String importedBefore = "HR-000001";
        database.jdbc().update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                        + " payload, payloadType, timeStamp) VALUES (?, 0, 'Person', ?, ?, 'PersonRegistered', 'then')",
                ImportedPersonIds.legacyId(importedBefore), UUID.randomUUID().toString(), new byte[] {'{', '}'});

        Map<String, String> ids = started(database).personIds(List.of(importedBefore, REFERENCE));

        assertThat(ids.get(importedBefore)).isEqualTo(ImportedPersonIds.legacyId(importedBefore));
        assertThat(UUID.fromString(ids.get(REFERENCE)).version()).isEqualTo(8);
    }

    private static ImportedPersonIds started(EventStoreDatabase database) {
        return new ImportedPersonIds(new InstallationKeys(database.jdbc(), Clock.systemUTC()),
                new StoredEvents(database.jdbc()));
    }
}
