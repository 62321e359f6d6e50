package dev.plughub.host.install;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * An {@link HttpClient} made on first use and closed with the host. Made late because building
 * one loads the JDK's trust store (a tenth of a second of CPU a host that never downloads need not
 * spend at start); closed because each client keeps a selector thread until it is closed or
 * collected, and an application may start and close many hosts.
 */
final class LazyHttpClient implements AutoCloseable {

    private final Supplier<HttpClient> build;
    private HttpClient client;
    private boolean closed;

    LazyHttpClient(Supplier<HttpClient> build) {
        this.build = build;
    }

    synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the host is closed");
        }
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    /** Ends the connections and the selector thread; requests in flight fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.shutdownNow();
        }
    }
}
