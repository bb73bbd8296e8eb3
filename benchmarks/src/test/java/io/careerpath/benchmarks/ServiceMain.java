package io.careerpath.benchmarks;

import io.careerpath.benchmarks.peer.PeerService;
import io.careerpath.command.CommandServiceApplication;
import io.careerpath.query.QueryServiceApplication;
import java.io.IOException;
import java.util.Arrays;

/**
 * Runs one service in a JVM of its own (see {@link ServiceProcess}), so that each service's heap
 * can be limited and measured apart: {@code command --server.port=...}, {@code query ...}
 * or {@code peer ...} (the command path's peer, {@link PeerService}).
 *
 * <p>The service ends when the test JVM that started it is gone, as the platform's broker child does: a test JVM
 * killed (or a failed run's fork ended by Surefire) cannot stop its children, but the operating system then closes
 * the pipe that is this process's standard input. Without this, a failed run left services holding ports and memory.
 */
public final class ServiceMain {

    private static final long SHUTDOWN_GRACE_MILLIS = 10_000;

    private ServiceMain() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(ServiceMain::exitWhenTheTestIsGone, "test-jvm-watch");
        watch.setDaemon(true);
        watch.start();
        String[] settings = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "command" -> CommandServiceApplication.builder().run(settings);
            case "query" -> QueryServiceApplication.builder().run(settings);
            case "peer" -> PeerService.builder().run(settings);
            default -> throw new IllegalArgumentException("command, query or peer, not " + args[0]);
        }
    }

    private static void exitWhenTheTestIsGone() {
        try {
            while (System.in.read() != -1) {
                // the test never writes; anything that comes is ignored
            }
        } catch (IOException closed) {
            // as good as the end
        }
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "service-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
