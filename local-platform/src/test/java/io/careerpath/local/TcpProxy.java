package io.careerpath.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy between a service and one of its components (PostgreSQL, MongoDB, the sign-in server), under the
 * test's control: {@link #cut()} makes the component unreachable as a stopped server is (every open connection
 * closed, new ones refused), {@link #restore()} brings it back on the same address. The service is given the
 * proxy's address and never knows.
 */
final class TcpProxy implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("//([^/:?,]+):(\\d+)");

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** A proxy on a free port of 127.0.0.1 to {@code host:port}. */
    static TcpProxy to(String host, int port) {
        return new TcpProxy(host, port);
    }

    /** A proxy to the {@code host:port} of {@code url} (the first after {@code //}: a JDBC, MongoDB or HTTP address). */
    static TcpProxy toAddressOf(String url) {
        Matcher address = ADDRESS.matcher(url);
        if (!address.find()) {
            throw new IllegalArgumentException("No host:port in " + url);
        }
        return to(address.group(1), Integer.parseInt(address.group(2)));
    }

    int port() {
        return port;
    }

    /** {@code url} with its {@code host:port} (the first after {@code //}) replaced by this proxy's. */
    String inFront(String url) {
        return ADDRESS.matcher(url).replaceFirst("//127.0.0.1:" + port);
    }

    /** The component goes away: open connections are closed, new ones refused, until {@link #restore()}. */
    synchronized void cut() {
        ServerSocket server = listening;
        listening = null;
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** The component is back, at the same address. */
    synchronized void restore() {
        if (listening == null) {
            listening = listen(port);
            accept(listening);
        }
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("The proxy cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        daemon("proxy-accept-" + port, () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target;
                    try {
                        target = new Socket(targetHost, targetPort);
                    } catch (IOException targetAway) {
                        closeQuietly(client);
                        continue;
                    }
                    client.setTcpNoDelay(true);
                    target.setTcpNoDelay(true);
                    open.add(client);
                    open.add(target);
                    if (listening != server) {
                        // cut while this connection was being opened
                        closeQuietly(client);
                        closeQuietly(target);
                        continue;
                    }
                    daemon("proxy-" + port + "-up", () -> pump(client, target));
                    daemon("proxy-" + port + "-down", () -> pump(target, client));
                } catch (IOException closed) {
                    // the listening socket was closed: cut
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
