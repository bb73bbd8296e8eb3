package io.careerpath.command.erasure;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.careerpath.command.erasure.ErasureLedger.Erasure;
import io.careerpath.command.person.domain.ErasePerson;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.personaldata.PersonKeyTable;
import io.careerpath.command.personaldata.PersonalDataHolder;
import io.careerpath.command.web.Problems;
import io.careerpath.events.PersonErased;
import io.careerpath.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Erasure on request (docs/security.md): the person's {@code PersonErased} event and the deletion of
 * everything held about them outside the event store (their key, stored answers, import failures: every
 * {@link PersonalDataHolder}) commit in one transaction, or nothing does. Once the key is gone, the
 * sealed values in their events, wherever copies went, can never be opened again.
 *
 * <p>A restore of the event store from a backup taken before the erasure would bring the key back, so every
 * erasure is also written to the {@link ErasureLedger}, kept apart from the store and its backups, before it
 * commits; {@link #reapplyLedger()} erases again, at start, whoever the ledger holds and the store does not.
 */
@Component
class PersonErasure {

    /** Who recorded an erasure re-applied from the ledger: the platform itself, on the ledger's word. */
    static final String LEDGER_RECORDER = "careerpath:erasure-ledger";
    private static final Logger log = LoggerFactory.getLogger(PersonErasure.class);
    private static final String ERASED = PersonErased.class.getName();
    private static final int CHUNK = 500;
    /**
     * Another instance starting on the same store may erase the same person at the same moment: their erasure
     * wins (the person is no longer found, or the append races), and the next attempt looks at the store again.
     */
    private static final RetryPolicy<Boolean> ANOTHER_INSTANCE_ERASED_MEANWHILE = RetryPolicy.<Boolean>builder()
            .handle(AggregateNotFoundException.class, ConcurrencyException.class)
            .withMaxAttempts(3)
            .build();

    /**
     * What re-applying the ledger did.
     *
     * @param erasures      erasures in the ledger
     * @param recordedAgain people whose {@code PersonErased} the event store lacked, recorded again
     * @param keysDeleted   people who had a key again (deleted, with everything else held about them)
     */
    record Reapplied(Instant at, int erasures, int recordedAgain, int keysDeleted) {
    }

    private enum Stored { NOTHING, LIVE, ERASED }

    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final List<PersonalDataHolder> holders;
    private final ErasureLedger ledger;
    private final PersonKeyTable keys;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    PersonErasure(CommandGateway commands, PlatformTransactionManager transactionManager,
                  List<PersonalDataHolder> holders, ErasureLedger ledger, PersonKeyTable keys, JdbcTemplate jdbc,
                  Clock clock) {
        this.commands = commands;
        this.transactions = new TransactionTemplate(transactionManager);
        this.holders = holders;
        this.ledger = ledger;
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @throws org.axonframework.modelling.command.AggregateNotFoundException for an unknown or already
     *                                                                        erased person
     * @throws ErrorResponseException                                         503 when the ledger cannot be
     *                                                                        written (nothing was erased)
     */
    void erase(String personId, Caller caller) {
        Recording recording = Recording.by(caller, clock.instant());
        try {
            transactions.executeWithoutResult(status -> {
                commands.sendAndWait(new ErasePerson(personId, recording));
                holders.forEach(holder -> holder.erase(personId));
                // last, once the erasure is decided (an unknown person was refused above and is never ledgered),
                // and before the commit: an erasure is acknowledged only once a restore can no longer undo it.
                // Should the commit fail after this, the next start completes the erasure that was asked for.
                ledger.record(new Erasure(personId, recording.eventId(), recording.recordedAt()));
            });
        } catch (ErasureLedger.Unavailable e) {
            log.error("Erasure of {} refused: {}", personId, e.getMessage());
            ErrorResponseException refusal = Problems.refusal(HttpStatus.SERVICE_UNAVAILABLE,
                    "erasure-ledger-unavailable", "Erasure ledger unavailable",
                    "The erasure could not be written to the erasure ledger, without which restoring a backup would"
                            + " undo it; nothing was erased. Try again once the ledger's storage is back.");
            refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
            throw refusal;
        }
        holders.forEach(PersonalDataHolder::afterErasure);
    }

    /**
     * Erases again whoever the ledger holds and the event store does not hold erased (the store was
     * restored from a backup taken before their erasure): records their {@code PersonErased} with the
     * ledger's event id and time, and deletes their key and everything else held about them. People the
     * store never held (registered after the backup) are left alone: there is nothing of them to erase.
     * Idempotent: a second run finds nothing to do.
     */
    Reapplied reapplyLedger() {
        List<Erasure> erasures = ledger.erasures();
        int recordedAgain = 0;
        int keysDeleted = 0;
        for (int from = 0; from < erasures.size(); from += CHUNK) {
            List<Erasure> chunk = erasures.subList(from, Math.min(erasures.size(), from + CHUNK));
            Set<String> withKey = keys.findAll(chunk.stream().map(Erasure::personId).toList()).keySet();
            for (Erasure erasure : chunk) {
                boolean hasKey = withKey.contains(erasure.personId());
                if (reapply(erasure, hasKey)) {
                    recordedAgain++;
                }
                if (hasKey) {
                    keysDeleted++;
                }
            }
        }
        if (recordedAgain > 0 || keysDeleted > 0) {
            holders.forEach(PersonalDataHolder::afterErasure);
            log.warn("Erasure ledger ({}): the event store did not hold every erasure (restored from an earlier"
                            + " backup?); erased again: PersonErased recorded for {}, keys deleted for {}",
                    ledger.directory(), recordedAgain, keysDeleted);
        } else {
            log.info("Erasure ledger ({}): all {} erasures hold in the event store", ledger.directory(), erasures.size());
        }
        return new Reapplied(clock.instant(), erasures.size(), recordedAgain, keysDeleted);
    }

    /** @return whether {@code PersonErased} was recorded again */
    private boolean reapply(Erasure erasure, boolean hasKey) {
        String personId = erasure.personId();
        try {
            return Failsafe.with(ANOTHER_INSTANCE_ERASED_MEANWHILE).get(() -> {
                boolean live = stored(personId) == Stored.LIVE;
                if (!live && !hasKey) {
                    return false;
                }
                transactions.executeWithoutResult(status -> {
                    if (live) {
                        commands.sendAndWait(new ErasePerson(personId,
                                new Recording(erasure.eventId(), LEDGER_RECORDER, erasure.erasedAt())));
                    }
                    holders.forEach(holder -> holder.erase(personId));
                });
                return live;
            });
        } catch (AggregateNotFoundException | ConcurrencyException e) {
            throw new IllegalStateException("Could not erase " + personId + " again as the erasure ledger"
                    + " says (" + ledger.directory() + ")", e);
        }
    }

    private Stored stored(String personId) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN payloadType = ? THEN 1 ELSE 0 END), 0)"
                        + " FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                (row, n) -> row.getLong(1) == 0 ? Stored.NOTHING : row.getLong(2) > 0 ? Stored.ERASED : Stored.LIVE,
                ERASED, personId);
    }
}
