package io.careerpath.command.person.application;

import io.careerpath.command.person.domain.PersonAccessPolicy;
import io.careerpath.command.person.domain.PersonState;
import io.careerpath.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Who may see and record for a person (docs/security.md): nobody an erased or unknown person; everyone
 * else as the caller's permissions say, a manager by the person's current team, as of today in UTC.
 * Asked by the {@code Person} aggregate before it decides anything (a Spring bean Axon hands its command
 * handlers), and by the audit view before it shows anything.
 */
@Component
public class PersonAccess implements PersonAccessPolicy {

    private final Clock clock;

    public PersonAccess(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code caller} may see and record for {@code person}; never an erased or unregistered one. */
    public boolean visible(PersonState person, Caller caller) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return person.personId() != null && !person.erased()
                && (caller == null || caller.mayAccessPerson(person.personId(), () -> person.currentTeam(today)));
    }

    @Override
    public void requireVisible(PersonState person, Caller caller) {
        if (!visible(person, caller)) {
            throw new AggregateNotFoundException(person.personId(),
                    "No person with id " + person.personId() + " is registered");
        }
    }
}
