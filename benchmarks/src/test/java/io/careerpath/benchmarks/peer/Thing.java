package io.careerpath.benchmarks.peer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The peer's one aggregate: an event-sourced thing whose only command appends an event, with no rules. */
@Aggregate
public class Thing {

    public record Create(String thingId) {
    }

    public record Record(@TargetAggregateIdentifier String thingId, LocalDate effectiveDate, int percentOfTime) {
    }

    public record Created(String thingId) {
    }

    public record Recorded(String thingId, LocalDate effectiveDate, int percentOfTime) {
    }

    @AggregateIdentifier
    private String thingId;

    protected Thing() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Thing(Create command) {
        apply(new Created(command.thingId()));
    }

    /** Answers the appended event's sequence number, as the command service's answer carries one. */
    @CommandHandler
    public long handle(Record command) {
        apply(new Recorded(thingId, command.effectiveDate(), command.percentOfTime()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(Created event) {
        thingId = event.thingId();
    }
}
