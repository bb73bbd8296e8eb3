package io.careerpath.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/** What the tests that race two writers on one person need to set the race up. */
final class RaceHelpers {

    private RaceHelpers() {
    }

    /** Sessions of the command service's database blocked on a lock: here, the other writer's append. */
    static long sessionsWaitingOnALock(ConfigurableApplicationContext commandService) throws Exception {
        var settings = commandService.getEnvironment();
        try (Connection connection = DriverManager.getConnection(settings.getProperty("spring.datasource.url"),
                settings.getProperty("spring.datasource.username"), settings.getProperty("spring.datasource.password"));
             Statement statement = connection.createStatement();
             ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            waiting.next();
            return waiting.getLong(1);
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
