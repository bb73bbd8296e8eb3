package io.careerpath.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer as a Kubernetes Service is one: each new connection goes to the next backend, in turn,
 * that accepts it; a backend that is gone is skipped. A connection to a backend that dies is cut, and whoever
 * used it connects again (and lands on another backend). Requests on one kept-alive connection all go to the
 * backend it was opened to, as they would through a Service.
 */
final class RoundRobinProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService relays = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "round-robin-relay");
        thread.setDaemon(true);
        return thread;
    });

    private RoundRobinProxy(ServerSocket server, List<InetSocketAddress> backends) {
        this.server = server;
        this.backends = backends;
    }

    /** Listens on any free port of 127.0.0.1 and relays to the backends' ports on 127.0.0.1. */
    static RoundRobinProxy start(List<Integer> backendPorts) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            RoundRobinProxy proxy = new RoundRobinProxy(server, backendPorts.stream()
                    .map(port -> new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).toList());
            proxy.relays.submit(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                relays.submit(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        Socket backend = connectToNext();
        if (backend == null) {
            close(client); // no backend accepts: the caller sees the connection refused, as through a Service
            return;
        }
        relays.submit(() -> pipe(client, backend));
        pipe(backend, client);
    }

    private Socket connectToNext() {
        for (int tried = 0; tried < backends.size(); tried++) {
            InetSocketAddress address = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            Socket backend = new Socket();
            try {
                backend.connect(address, CONNECT_TIMEOUT_MILLIS);
                return backend;
            } catch (IOException gone) {
                close(backend);
            }
        }
        return null;
    }

    /** Copies until either side ends; then both are closed, so the other direction ends too. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException cut) {
            // a side went away (a backend killed, a client done): both connections end
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing accepts any more either way
        }
        relays.shutdownNow();
    }
}
