package io.careerpath.command.person.domain;

import io.careerpath.security.Caller;

/**
 * Who may see and act on a person is not the domain's decision: the aggregate only asks, before anything
 * else, and gives the facts the answer depends on (the person's id, their current team, whether they were
 * erased). The permission table lives in the application layer ({@code PersonAccess}, docs/security.md), so
 * that the career rules stay free of who is asking.
 */
public interface PersonAccessPolicy {

    /**
     * Refuses a caller who may not see {@code person} exactly as an unknown person is refused (whether
     * someone is registered is itself private). A null caller is the platform itself, on a request already
     * authorized as a whole.
     *
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when the caller may not
     */
    void requireVisible(PersonState person, Caller caller);
}
