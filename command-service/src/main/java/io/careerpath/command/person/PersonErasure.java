package io.careerpath.command.person;

import io.careerpath.command.PersonalDataHolder;
import io.careerpath.security.Caller;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure on request (docs/security.md): the person's {@code PersonErased} event and the deletion of
 * everything held about them outside the event store (their key, stored answers, import failures: every
 * {@link PersonalDataHolder}) commit in one transaction, or nothing does. Once the key is gone, the
 * sealed values in their events, wherever copies went, can never be opened again.
 */
@Component
class PersonErasure {

    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final List<PersonalDataHolder> holders;
    private final Clock clock;

    PersonErasure(CommandGateway commands, PlatformTransactionManager transactionManager,
                  List<PersonalDataHolder> holders, Clock clock) {
        this.commands = commands;
        this.transactions = new TransactionTemplate(transactionManager);
        this.holders = holders;
        this.clock = clock;
    }

    /**
     * @throws org.axonframework.modelling.command.AggregateNotFoundException for an unknown or already
     *                                                                        erased person
     */
    void erase(String personId, Caller caller) {
        transactions.executeWithoutResult(status -> {
            commands.sendAndWait(new ErasePerson(personId, Recording.by(caller, clock.instant())));
            holders.forEach(holder -> holder.erase(personId));
        });
        holders.forEach(PersonalDataHolder::afterErasure);
    }
}
