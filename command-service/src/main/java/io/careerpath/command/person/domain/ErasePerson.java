package io.careerpath.command.person.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the person on request (docs/security.md): the last command they ever take. */
public record ErasePerson(@TargetAggregateIdentifier String personId, Recording recording) {
}
