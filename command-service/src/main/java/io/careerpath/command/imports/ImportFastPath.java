package io.careerpath.command.imports;

import io.careerpath.command.eventstore.StoredEvents;
import io.careerpath.command.person.domain.EffectiveDateWindow;
import io.careerpath.command.person.domain.ImportHistory;
import io.careerpath.command.person.domain.ImportedHistory;
import io.careerpath.command.person.domain.Person;
import io.careerpath.command.person.domain.PersonState;
import io.careerpath.events.CareerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Records the imported rows of many people at once: the bulk import's fast path. For a batch of
 * people it reads their histories with one query, decides each person's rows with exactly the
 * aggregate's logic ({@link PersonState#importRows}, the same rules and date window as every command),
 * and appends every resulting event through Axon's event store in one batch: one round trip to read
 * and one to write per batch, where the command path ({@link ImportHistory} through the command bus)
 * costs two reads and a write per person.
 *
 * <p>It must run in the caller's database transaction, and its result counts only once that commits.
 * Concurrency is guarded as between two servers: the event store's unique (person, sequence number)
 * key refuses an append racing another writer (an API request, another import), the append throws, and
 * the whole transaction must be rolled back; the caller then records those people through the command
 * bus, one by one. The events appended are the aggregate's events, with the aggregate's type and
 * consecutive sequence numbers, indistinguishable from events it applied itself.
 *
 * <p>Why a path around Axon's command handling at all: measured here, the command path records 1,300 to
 * 2,200 commands/s and a file of 10,000 people then takes minutes; one read and one append per batch of
 * people is what makes a large import finish while people wait for it (docs/bulk-import.md). What it may
 * never do is write anything the aggregate would not: {@code ImportFastPathEquivalenceTest} reads back, through
 * Axon's event store, what each path writes for the same rows and requires it to be the same (payload types,
 * revisions, sequence numbers, payloads, metadata), but for Axon's message origin ({@code traceId},
 * {@code correlationId}), which only a command message has. The histories are read with
 * {@link StoredEvents#entriesOf}, every id bound as a statement parameter, never written into the SQL.
 */
@Component
public class ImportFastPath {

    /** The aggregate type Axon stores with the Person aggregate's events. */
    static final String AGGREGATE_TYPE = Person.class.getSimpleName();

    private final StoredEvents storedEvents;
    private final ObjectProvider<Configuration> axon;
    private final EffectiveDateWindow dates;

    ImportFastPath(StoredEvents storedEvents, ObjectProvider<Configuration> axon, EffectiveDateWindow dates) {
        this.storedEvents = storedEvents;
        this.axon = axon;
        this.dates = dates;
    }

    /**
     * Decides and appends the rows of every command (one per person), in the caller's transaction.
     *
     * @param metaData carried by every event appended (which import recorded it)
     * @return one result per command, in order
     */
    public List<ImportedHistory> importAll(List<ImportHistory> commands, Map<String, ?> metaData) {
        Map<String, PersonState> people = load(commands.stream().map(ImportHistory::personId).toList());
        List<ImportedHistory> results = new ArrayList<>(commands.size());
        List<DomainEventMessage<?>> appended = new ArrayList<>();
        MetaData meta = MetaData.from(metaData);
        for (ImportHistory command : commands) {
            PersonState person = people.computeIfAbsent(command.personId(), id -> new PersonState());
            results.add(person.importRows(command, dates, event -> {
                long sequence = person.lastSequence() + 1;
                person.on(event, sequence);
                appended.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, command.personId(), sequence, event, meta));
            }));
        }
        if (!appended.isEmpty()) {
            axon.getObject().eventStore().publish(appended);
        }
        return results;
    }

    /** The people's states, from every event recorded for them (people with none are left out). */
    private Map<String, PersonState> load(List<String> personIds) {
        Map<String, PersonState> people = new HashMap<>();
        if (personIds.isEmpty()) {
            return people;
        }
        Configuration configuration = axon.getObject();
        EventStreamUtils.upcastAndDeserializeDomainEvents(storedEvents.entriesOf(personIds).stream(),
                        configuration.eventSerializer(), configuration.upcasterChain())
                .asStream()
                .forEach(message -> people.computeIfAbsent(message.getAggregateIdentifier(), id -> new PersonState())
                        .on((CareerEvent) message.getPayload(), message.getSequenceNumber()));
        return people;
    }
}
