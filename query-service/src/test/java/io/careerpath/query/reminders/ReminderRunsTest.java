package io.careerpath.query.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.query.reminders.ReminderRuns.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim on a day's run, in the store, with two instances (two {@link ReminderRuns}: two owners) on one database:
 * one claim per day; a claim whose owner stopped renewing it (killed mid-run) is taken over after its lease, and the
 * takeover stores no second copy of what the first attempt raised; a finished day is never run again.
 */
class ReminderRunsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T06:15:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("careerpath");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void oneInstanceClaimsTheDayAndAFinishedDayIsNeverRunAgain() {
        ReminderRuns first = runs();
        ReminderRuns second = runs();
        assertThat(first.claim(DAY)).isEqualTo(Claim.CLAIMED);
        assertThat(second.claim(DAY)).isEqualTo(Claim.RUNNING_ELSEWHERE);
        first.finish(DAY, 3);
        now.set(now.get().plus(LEASE.multipliedBy(2)));
        assertThat(second.claim(DAY)).isEqualTo(Claim.FINISHED);
        assertThat(first.claim(DAY)).isEqualTo(Claim.FINISHED);
        assertThat(second.finished(DAY)).contains(3);
        assertThat(second.claim(DAY.plusDays(1))).as("the next day is a claim of its own").isEqualTo(Claim.CLAIMED);
    }

    @Test
    void aCrashedRunIsTakenOverAfterItsLeaseWithoutDoublingWhatItRaised() {
        ReminderRuns crashed = runs();
        ReminderRuns survivor = runs();
        ReminderStore store = new ReminderStore(database);
        assertThat(crashed.claim(DAY)).isEqualTo(Claim.CLAIMED);
        Reminder raised = reminder("aaaaaaaa-0000-4000-8000-000000000001");
        store.raise(raised); // then the instance dies: no finish, no more renewals

        now.set(now.get().plus(LEASE).minusSeconds(1));
        assertThat(survivor.claim(DAY)).as("within the lease").isEqualTo(Claim.RUNNING_ELSEWHERE);
        now.set(now.get().plusSeconds(2));
        assertThat(survivor.claim(DAY)).as("after the lease").isEqualTo(Claim.CLAIMED);
        assertThatThrownBy(() -> crashed.renew(DAY)).as("the first owner has lost the claim")
                .isInstanceOf(IllegalStateException.class);
        assertThat(runs().claim(DAY)).as("a taken-over claim has a fresh lease").isEqualTo(Claim.RUNNING_ELSEWHERE);

        // the takeover raises the same crossings again: the same ids, stored once
        store.raise(raised);
        store.raise(reminder("bbbbbbbb-0000-4000-8000-000000000002"));
        survivor.finish(DAY, store.raisedOn(DAY).size());
        assertThat(store.raisedOn(DAY)).hasSize(2);
        assertThat(survivor.finished(DAY)).contains(2);
        assertThat(crashed.claim(DAY)).isEqualTo(Claim.FINISHED);
    }

    private ReminderRuns runs() {
        return new ReminderRuns(database, clock, new RemindersProperties(true, "0 15 6 * * *", "UTC", LEASE, 500));
    }

    private Reminder reminder(String personId) {
        return new Reminder(ReminderStore.idOf(personId, ReminderCondition.ADMIN_OVERLOAD, DAY), personId, "t1",
                ReminderCondition.ADMIN_OVERLOAD, DAY, null, null, 55.0, 0, now.get());
    }
}
