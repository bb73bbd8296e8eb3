package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.imports.ImportFastPath;
import io.careerpath.command.imports.ImportRows;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportRow;
import io.careerpath.command.person.domain.ImportedHistory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk import records most people in batches ({@link ImportFastPath}: one read, one append) and
 * falls back to the {@code ImportHistory} command, one person at a time, through the aggregate. Both
 * must decide the same rows the same way and store the same events.
 */
class BulkImportPathsTest extends CommandApiTest {

    @Autowired
    ImportRows importRows;
    @Autowired
    ImportFastPath histories;
    @Autowired
    CommandGateway commands;
    @Autowired
    PlatformTransactionManager transactionManager;

    private static final List<String> ROWS = List.of(
            "{\"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2015-02-02\", \"projectName\": \"Billing\"}",
            "{\"type\": \"PERSON_REGISTERED\", \"effectiveDate\": \"2015-01-05\", \"displayName\": \"Ada\", \"teamId\": \"t\"}",
            "{\"type\": \"ASSIGNMENT_ENDED\", \"effectiveDate\": \"2016-01-04\", \"outcome\": \"RESCUED\"}",
            "{\"type\": \"TOOK_TROUBLED_PROGRAM\", \"effectiveDate\": \"2017-01-02\", \"programName\": \"Phoenix\"}",
            "{\"type\": \"ASSIGNMENT_ENDED\", \"effectiveDate\": \"2018-01-01\", \"outcome\": \"CANCELLED\"}",
            "{\"type\": \"REGAINED_DELIVERY_ROLE\", \"effectiveDate\": \"2018-01-01\", \"projectName\": \"Claims\"}",
            "{\"type\": \"REGAINED_DELIVERY_ROLE\", \"effectiveDate\": \"2018-03-05\", \"projectName\": \"Claims\"}",
            "{\"type\": \"SKILL_ASSESSED\", \"effectiveDate\": \"2019-01-07\", \"skill\": \"LEADERSHIP\", \"level\": 4}",
            "{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2030-01-07\", \"teamId\": \"t2\"}");

    @Test
    void theBatchPathAndTheCommandPathDecideAlikeAndStoreTheSameEvents() throws Exception {
        String batched = importedPersonId("paths-" + UUID.randomUUID());
        String alone = importedPersonId("paths-" + UUID.randomUUID());

        List<ImportedHistory> viaBatch = new TransactionTemplate(transactionManager).execute(status ->
                histories.importAll(List.of(rowsOf(batched)), Map.of("importId", "test")));
        ImportedHistory viaCommand = commands.sendAndWait(rowsOf(alone));

        assertThat(viaBatch.get(0).outcomes()).extracting(o -> o.line() + " " + o.status() + " " + o.problem())
                // the registration first; line 6 regains after the program (time away), line 7 while delivering
                .containsExactly("2 RECORDED null", "1 RECORDED null", "3 REFUSED invalid-outcome", "4 RECORDED null",
                        "5 RECORDED null", "6 RECORDED null", "7 REFUSED regain-while-delivering", "8 RECORDED null",
                        "9 REFUSED effective-date-out-of-range")
                .isEqualTo(viaCommand.outcomes().stream().map(o -> o.line() + " " + o.status() + " " + o.problem())
                        .toList());
        assertThat(viaBatch.get(0).eventsRecorded()).isEqualTo(viaCommand.eventsRecorded()).isEqualTo(7);
        assertThat(viaBatch.get(0).lastSequence()).isEqualTo(viaCommand.lastSequence()).isEqualTo(6);
        assertThat(stored(batched)).isEqualTo(stored(alone)).hasSize(7).allMatch(row -> row.startsWith("Person "));
        assertThat(storedEvents(batched)).extracting(e -> e.getClass().getSimpleName())
                .isEqualTo(storedEvents(alone).stream().map(e -> e.getClass().getSimpleName()).toList());
    }

    @Test
    void theBatchPathRecordsNothingTwiceEither() {
        String person = importedPersonId("paths-" + UUID.randomUUID());
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        transactions.execute(status -> histories.importAll(List.of(rowsOf(person)), Map.of()));

        ImportedHistory again = transactions.execute(status -> histories.importAll(List.of(rowsOf(person)), Map.of()))
                .get(0);
        ImportedHistory againAlone = commands.sendAndWait(rowsOf(person));

        assertThat(again.eventsRecorded()).isZero();
        assertThat(againAlone.eventsRecorded()).isZero();
        assertThat(again.outcomes()).filteredOn(o -> o.status() != ImportedHistory.Status.REFUSED)
                .allMatch(o -> o.status() == ImportedHistory.Status.ALREADY_RECORDED).hasSize(6);
        assertThat(storedEvents(person)).hasSize(7);
    }

    @Test
    void aRowsIdLeavesPersonalDataOutSoThatNoNameCanBeConfirmedFromIt() throws Exception {
        String person = importedPersonId("ids-" + UUID.randomUUID());
        String one = decode(person, "{\"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2015-02-02\","
                + " \"projectName\": \"Billing\"}").row().eventId();
        String renamed = decode(person, "{\"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2015-02-02\","
                + " \"projectName\": \"Ledger\"}").row().eventId();
        String later = decode(person, "{\"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2015-02-03\","
                + " \"projectName\": \"Billing\"}").row().eventId();

        assertThat(renamed).isEqualTo(one);
        assertThat(later).isNotEqualTo(one);
    }

    @Test
    void aFileNamesPeopleByPersonRefNeverByPersonId() throws Exception {
        ImportRows.Decoded decoded = decode(importedPersonId("ids-" + UUID.randomUUID()), "{\"type\":"
                + " \"PERSON_REGISTERED\", \"displayName\": \"Ada\", \"teamId\": \"t\", \"personId\": \""
                + UUID.randomUUID() + "\"}");

        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.problem()).isEqualTo("unknown-field");
        assertThat(decoded.field()).isEqualTo("personId");
    }

    private ImportRows.Decoded decode(String personId, String row) throws Exception {
        return importRows.decode(1, personId, (ObjectNode) json.readTree(row));
    }

    private ImportHistory rowsOf(String personId) {
        List<ImportRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            try {
                ImportRows.Decoded decoded = importRows.decode(i + 1, personId, (ObjectNode) json.readTree(ROWS.get(i)));
                assertThat(decoded.ok()).as("%s", decoded).isTrue();
                rows.add(decoded.row());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ImportHistory(personId, rows, "hr-admin", NOW);
    }

    /** The stored rows of a person as the event store has them: aggregate type, sequence, payload type. */
    private List<String> stored(String personId) {
        return jdbc.queryForList("SELECT type || ' ' || sequenceNumber || ' ' || payloadType FROM DomainEventEntry"
                + " WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", String.class, personId);
    }
}
