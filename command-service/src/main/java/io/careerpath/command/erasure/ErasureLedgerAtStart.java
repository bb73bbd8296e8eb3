package io.careerpath.command.erasure;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Re-applies the erasure ledger when the service starts ({@link PersonErasure#reapplyLedger()}), and reports
 * it as the health component {@code erasureLedger}.
 *
 * <p>It runs after Axon has subscribed its command handlers and before the web server takes its first
 * request, so that no request (the key path included) ever meets a person the ledger says is erased. If it
 * cannot finish, the service does not start: serving a restored store with an erased person's key in it is
 * exactly what the ledger is there to prevent.
 */
@Component("erasureLedgerHealthIndicator")
class ErasureLedgerAtStart implements SmartLifecycle, HealthIndicator {

    /**
     * After Axon's configuration, which starts every Axon component (command handlers included) at
     * {@code Integer.MAX_VALUE - 3072} (SpringAxonConfiguration), before Spring Boot's web server at
     * {@code Integer.MAX_VALUE - 2048} (WebServerStartStopLifecycle).
     */
    static final int PHASE = Integer.MAX_VALUE - 2560;

    private final PersonErasure erasure;
    private final ErasureLedger ledger;
    private volatile PersonErasure.Reapplied atStart;

    ErasureLedgerAtStart(PersonErasure erasure, ErasureLedger ledger) {
        this.erasure = erasure;
        this.ledger = ledger;
    }

    @Override
    public void start() {
        atStart = erasure.reapplyLedger();
    }

    @Override
    public void stop() {
        // nothing runs after start
    }

    @Override
    public boolean isRunning() {
        return atStart != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** DOWN while the ledger's directory cannot be written: erasures are refused (503) until it can. */
    @Override
    public Health health() {
        Health.Builder health = ledger.writable() ? Health.up()
                : Health.down().withDetail("reason", "the directory cannot be written: erasures are refused");
        health.withDetail("directory", ledger.directory().toString());
        PersonErasure.Reapplied report = atStart;
        if (report != null) {
            health.withDetail("atStart", report);
        }
        return health.build();
    }
}
