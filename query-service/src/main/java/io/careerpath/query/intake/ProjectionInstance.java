package io.careerpath.query.intake;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This instance of the query service as its projection shows in MongoDB: the owner of the segments it claims in
 * the token store, and its heartbeat in {@code projection_instances}. The JVM's name ({@code pid@host}, Axon's
 * default owner) says where it runs; the random part keeps two instances apart that share a JVM (as tests run them)
 * or a name (a restarted container).
 */
public record ProjectionInstance(String id) {

    static ProjectionInstance started() {
        return new ProjectionInstance(ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
