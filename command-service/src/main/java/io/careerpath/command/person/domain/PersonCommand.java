package io.careerpath.command.person.domain;

import java.time.LocalDate;

/**
 * What every command about an existing person carries. {@code expectedSequence} is the client's
 * optimistic lock (the {@code If-Match} header): the sequence number of the last event it saw, or
 * null to record regardless of what happened since. The implementations annotate it with
 * {@code @TargetAggregateVersion}, so Axon checks it when it loads the person.
 */
public interface PersonCommand {

    String personId();

    Long expectedSequence();

    LocalDate effectiveDate();

    Recording recording();
}
