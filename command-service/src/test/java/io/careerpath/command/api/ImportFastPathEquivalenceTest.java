package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.imports.ImportFastPath;
import io.careerpath.command.imports.ImportRows;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportRow;
import io.careerpath.command.personaldata.PersonalFields;
import io.careerpath.events.CareerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk import's fast path ({@link ImportFastPath}) appends events without going through the
 * {@code Person} aggregate. It is only allowed to because what it writes cannot be told apart, when Axon's
 * event store reads it back, from what the aggregate writes for the same rows: the same aggregate type,
 * sequence numbers, payload types and revisions, the same payloads (personal data opened) and the same
 * metadata. The one documented difference: the aggregate's events also carry Axon's message origin
 * ({@code traceId}, {@code correlationId} of the command that recorded them); the fast path handles no
 * command message, so it has no origin to record.
 */
class ImportFastPathEquivalenceTest extends CommandApiTest {

    /** Axon's MessageOriginProvider keys: the command path's events carry them, the fast path's cannot. */
    private static final Set<String> MESSAGE_ORIGIN = Set.of("traceId", "correlationId");

    private static final List<String> ROWS = List.of(
            "{\"type\": \"PERSON_REGISTERED\", \"effectiveDate\": \"2010-01-04\", \"displayName\": \"Ada\", \"teamId\": \"t\"}",
            "{\"type\": \"DELIVERY_ROLE_STARTED\", \"effectiveDate\": \"2011-02-07\", \"projectName\": \"Billing\"}",
            // ends the delivery role: two events for one row, the second a consequence with a derived id
            "{\"type\": \"JOINED_PMO\", \"effectiveDate\": \"2013-03-04\", \"pmoType\": \"PROGRAM\", \"pmoName\": \"Ops\","
                    + " \"deliveryResponsibility\": \"PARTIAL\"}",
            "{\"type\": \"ADMINISTRATIVE_LOAD_RECORDED\", \"effectiveDate\": \"2013-06-03\", \"percentOfTime\": 35}",
            "{\"type\": \"TOOK_TROUBLED_PROGRAM\", \"effectiveDate\": \"2015-01-05\", \"programName\": \"Phoenix\"}",
            "{\"type\": \"ASSIGNMENT_ENDED\", \"effectiveDate\": \"2016-01-04\", \"outcome\": \"RESCUED\"}",
            "{\"type\": \"REGAINED_DELIVERY_ROLE\", \"effectiveDate\": \"2016-05-02\", \"projectName\": \"Claims\"}",
            "{\"type\": \"SKILL_ASSESSED\", \"effectiveDate\": \"2019-01-07\", \"skill\": \"LEADERSHIP\", \"level\": 4,"
                    + " \"assessor\": \"Grace\"}",
            "{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2020-01-06\", \"teamId\": \"t2\", \"managerId\": \"m-1\"}");

    @Autowired
    ImportRows importRows;
    @Autowired
    ImportFastPath fastPath;
    @Autowired
    CommandGateway commands;
    @Autowired
    PlatformTransactionManager transactionManager;

    /** One event as Axon's event store gives it back, with the revision it is stored under. */
    record ReadBack(String aggregateType, long sequenceNumber, String payloadType, String revision, CareerEvent payload,
                    Map<String, Object> metaData) {
    }

    @Test
    void eventsWrittenByTheFastPathReadBackThroughAxonExactlyAsTheAggregateWritesThem() {
        String person = importedPersonId("equivalence-" + UUID.randomUUID());
        ImportHistory history = rowsOf(person);
        Map<String, String> importId = Map.of("importId", "job-" + UUID.randomUUID());

        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                fastPath.importAll(List.of(history), importId));
        List<ReadBack> viaFastPath = readBack(person);
        // the same rows again, this time through the aggregate (the import's path for people it cannot batch):
        // the person's events and key are removed first; their id stays, so every derived event id is the same
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ?", person);
            // straight from the table: the key cache never learns of this key, the next one comes from the table too
            jdbc.update("DELETE FROM person_keys WHERE person_id = ?", person);
        });
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(history).andMetaData(importId));
        List<ReadBack> viaAggregate = readBack(person);

        // nine rows, two of which end the assignment before them: eleven events
        assertThat(viaFastPath).hasSize(11);
        assertThat(viaAggregate).allSatisfy(event -> assertThat(event.metaData()).containsKeys("traceId", "correlationId"));
        assertThat(viaFastPath).allSatisfy(event -> assertThat(event.metaData()).doesNotContainKeys("traceId", "correlationId"));
        assertThat(viaFastPath).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(withoutMessageOrigin(viaAggregate));
        assertThat(viaFastPath).extracting(ReadBack::metaData).allSatisfy(meta -> assertThat(meta).isEqualTo(importId));
    }

    private List<ReadBack> readBack(String person) {
        byte[] key = jdbc.queryForObject("SELECT key_bytes FROM person_keys WHERE person_id = ?", byte[].class, person);
        Map<Long, String> revisions = new HashMap<>();
        jdbc.query("SELECT sequenceNumber, payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                row -> {
                    revisions.put(row.getLong(1), row.getString(2));
                }, person);
        return eventStore.readEvents(person).asStream().map(message -> new ReadBack(message.getType(),
                message.getSequenceNumber(), message.getPayloadType().getName(), revisions.get(message.getSequenceNumber()),
                PersonalFields.open((CareerEvent) message.getPayload(), key), new HashMap<>(message.getMetaData())))
                .toList();
    }

    private static List<ReadBack> withoutMessageOrigin(List<ReadBack> events) {
        return events.stream().map(event -> {
            Map<String, Object> meta = new HashMap<>(event.metaData());
            meta.keySet().removeAll(MESSAGE_ORIGIN);
            return new ReadBack(event.aggregateType(), event.sequenceNumber(), event.payloadType(), event.revision(),
                    event.payload(), meta);
        }).toList();
    }

    private ImportHistory rowsOf(String personId) {
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            try {
                ImportRows.Decoded decoded = importRows.decode(i + 2, personId, (ObjectNode) json.readTree(ROWS.get(i)));
                assertThat(decoded.ok()).as("%s", decoded).isTrue();
                rows.add(decoded.row());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ImportHistory(personId, rows, RECORDER, NOW);
    }
}
