package io.careerpath.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;

/**
 * A MongoDB-wire server in this JVM (mongo-java-server): no mongod can be installed on the project
 * machines. The services talk to it with the real MongoDB driver, as they would to MongoDB.
 * Persistent when given a file (its H2 backend), in memory otherwise.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String host;
    private final int port;

    private EmbeddedMongo(MongoServer server, int port) {
        this.server = server;
        this.host = "127.0.0.1";
        this.port = port;
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            // release the event loops and the store file, or they keep the JVM alive after a failed start
            server.shutdownNow();
            throw new IllegalStateException("Cannot serve MongoDB wire protocol on " + host + ":" + port
                    + " (port taken? choose another with --mongo-port)", e);
        }
    }

    public static EmbeddedMongo persistent(Path file, int port) {
        return new EmbeddedMongo(new MongoServer(new H2Backend(file.toAbsolutePath().toString())), port);
    }

    public static EmbeddedMongo inMemory(int port) {
        return new EmbeddedMongo(new MongoServer(new MemoryBackend()), port);
    }

    public String uri() {
        return "mongodb://" + host + ":" + server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
