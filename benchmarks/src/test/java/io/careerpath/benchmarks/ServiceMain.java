package io.careerpath.benchmarks;

import io.careerpath.benchmarks.peer.PeerService;
import io.careerpath.command.CommandServiceApplication;
import io.careerpath.query.QueryServiceApplication;
import java.util.Arrays;

/**
 * Runs one service in a JVM of its own (see {@link ServiceProcess}), so that each service's heap
 * can be limited and measured apart: {@code command --server.port=...}, {@code query ...}
 * or {@code peer ...} (the command path's peer, {@link PeerService}).
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void main(String[] args) {
        String[] settings = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "command" -> CommandServiceApplication.builder().run(settings);
            case "query" -> QueryServiceApplication.builder().run(settings);
            case "peer" -> PeerService.builder().run(settings);
            default -> throw new IllegalArgumentException("command, query or peer, not " + args[0]);
        }
    }
}
