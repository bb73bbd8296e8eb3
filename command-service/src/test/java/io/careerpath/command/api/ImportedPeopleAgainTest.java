package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.imports.ImportFastPath;
import io.careerpath.command.imports.ImportRows;
import io.careerpath.command.imports.ImportedPersonIds;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A file run again reaches the people it reached before: people imported with this installation's keyed ids, and
 * people imported before ids were keyed, who keep their old name-based ids.
 */
class ImportedPeopleAgainTest extends CommandApiTest {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @Autowired
    ImportRows importRows;
    @Autowired
    ImportFastPath histories;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aRunAgainReachesThePeopleTheFirstRunImported() throws Exception {
        String ref = "keyed-" + UUID.randomUUID();

        JsonNode first = awaitEnd(upload(career(ref), NDJSON));
        JsonNode again = awaitEnd(upload(career(ref), NDJSON));

        assertThat(first.get("recorded").asLong()).isEqualTo(2);
        assertThat(again.get("recorded").asLong()).isZero();
        assertThat(again.get("alreadyRecorded").asLong()).isEqualTo(2);
        String person = importedPersonId(ref);
        assertThat(person).isNotEqualTo(ImportedPersonIds.legacyId(ref));
        assertThat(storedEvents(person)).hasSize(2);
        assertThat(storedEvents(ImportedPersonIds.legacyId(ref))).isEmpty();
    }

    @Test
    void aRunAgainReachesThePeopleImportedUnderTheOldNameBasedIds() throws Exception {
        String ref = "legacy-" + UUID.randomUUID();
        String legacyId = ImportedPersonIds.legacyId(ref);
        importedBeforeIdsWereKeyed(legacyId, career(ref));
        long events = allStoredEvents();
        String grown = career(ref) + line(ref, """
                "type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2019-01-07", "percentOfTime": 150""") + line(ref, """
                "type": "TEAM_CHANGED", "effectiveDate": "2020-01-06", "teamId": "team-hopper\"""");

        String location = upload(grown, NDJSON);
        JsonNode again = awaitEnd(location);

        assertThat(again.get("alreadyRecorded").asLong()).isEqualTo(2);
        assertThat(again.get("recorded").asLong()).isEqualTo(1);
        assertThat(again.get("failed").asLong()).isEqualTo(1);
        assertThat(importedPersonId(ref)).isEqualTo(legacyId);
        assertThat(storedEvents(legacyId)).hasSize(3);
        assertThat(allStoredEvents()).as("nobody else recorded").isEqualTo(events + 1);
        // the failure is about the person under the id they have, so that erasing them deletes it
        assertThat(jdbc.queryForList("SELECT person_id FROM import_job_failures WHERE job_id = ?", String.class,
                location.substring(location.lastIndexOf('/') + 1))).containsExactly(legacyId);
    }

    /** A registration and a delivery role, as one NDJSON line each. */
    private static String career(String ref) {
        return line(ref, """
                "type": "PERSON_REGISTERED", "effectiveDate": "2015-01-05", "displayName": "Grace Hopper", "teamId": "team-navy\"""")
                + line(ref, """
                "type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2015-02-02", "projectName": "Compiler\"""");
    }

    private static String line(String ref, String fields) {
        return "{\"personRef\": \"" + ref + "\", " + fields + "}\n";
    }

    /** What an import did before ids were keyed: the same rows, decided and stored under the name-based id. */
    private void importedBeforeIdsWereKeyed(String legacyId, String ndjson) throws Exception {
        List<ImportRow> rows = new ArrayList<>();
        String[] lines = ndjson.split("\n");
        for (int i = 0; i < lines.length; i++) {
            ObjectNode fields = (ObjectNode) json.readTree(lines[i]);
            fields.remove("personRef");
            ImportRows.Decoded decoded = importRows.decode(i + 1, legacyId, fields);
            assertThat(decoded.ok()).as("%s", decoded).isTrue();
            rows.add(decoded.row());
        }
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> histories.importAll(
                List.of(new ImportHistory(legacyId, rows, RECORDER, NOW)), Map.of()));
        assertThat(storedEvents(legacyId)).hasSize(2);
    }
}
