package io.careerpath.local;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main of the broker's child process: Kafka itself ({@code kafka.Kafka}), ended when the JVM that
 * started it is gone. A JVM cannot catch SIGKILL, so a launcher killed that way cannot stop its broker;
 * but the operating system then closes the pipe that is this process's standard input, and that is
 * what this watches. It asks Kafka for its controlled shutdown (its own shutdown hook, as on SIGTERM) and
 * halts if that takes longer than {@link #SHUTDOWN_GRACE}: nobody waits for it any more, and a new
 * launcher may already be waiting for its ports.
 *
 * <p>A new log directory is formatted here too, in the same JVM, before the broker starts: a JVM of its own for
 * Kafka's storage tool took seconds of a fresh start (another JVM loading Kafka's classes, on the cores the
 * launcher's services start on).
 */
final class KafkaBrokerChild {

    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerChild.class);

    private KafkaBrokerChild() {
    }

    /**
     * @param args the path of server.properties (Kafka's own argument), then, for a log directory not formatted
     *             yet, the cluster id to format it with
     */
    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            awaitEndOfInput(System.in);
            log.warn("The launcher is gone (standard input closed): stopping the broker");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(SHUTDOWN_GRACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.warn("The broker did not stop within {}: halting", SHUTDOWN_GRACE);
                Runtime.getRuntime().halt(1);
            }, "broker-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(0);
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
        if (args.length > 1) {
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "--ignore-formatted",
                    "-t", args[1], "-c", args[0]}, System.out);
            if (formatted != 0) {
                log.error("Could not format the log directory of {} (storage tool exit {})", args[0], formatted);
                System.exit(formatted);
            }
        }
        kafka.Kafka.main(Arrays.copyOf(args, 1));
    }

    private static void awaitEndOfInput(InputStream in) {
        try {
            while (in.read() != -1) {
                // the launcher never writes; anything that comes is ignored
            }
        } catch (IOException closed) {
            // as good as the end
        }
    }
}
