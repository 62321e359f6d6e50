package dev.plughub.registry.http;

import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The registry's HTTP connector. Every answer carries {@code X-Content-Type-Options: nosniff}, so a
 * browser never runs a package or a JSON answer as something other than its declared type (a field
 * pre-encoded once, added to each answer's headers as Jetty writes them). And a connection from the
 * same machine (a reverse proxy, a sidecar, a local client) gets a fixed send buffer of
 * {@link #LOOPBACK_SEND_BUFFER} bytes instead of the kernel's autotuned one, which grows to megabytes.
 *
 * <p>Why: on loopback the round trip is microseconds, so a small buffer never starves the receiver,
 * while megabytes of unread data per connection push every copy out of the CPU caches. With 32 10 MB
 * downloads in flight, a local client received 21% more bytes per second with the smaller buffer
 * (five interleaved rounds, every round faster). Remote peers keep autotuning: over a real network
 * the buffer must cover the bandwidth-delay product, and a fixed one would cap every download.
 */
public final class LoopbackTunedConnector extends ServerConnector {

    /** Linux doubles it for its own bookkeeping, so about 256 KiB may be in flight per connection. */
    static final int LOOPBACK_SEND_BUFFER = 128 * 1024;

    private static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    private final Duration drain;
    private final RequestsInFlight inFlight;

    /**
     * @param drain    how long a stop lets requests in flight finish, and so how long a connection with
     *                 a request in flight may go without progress once the stop has begun
     * @param inFlight which connections carry a request in flight (a handler in the server's chain)
     */
    public LoopbackTunedConnector(Server server, HttpConfiguration http, String host, int port, Duration drain,
                                  RequestsInFlight inFlight) {
        super(server, new HttpConnectionFactory(withSecurityHeaders(http)));
        setHost(host);
        setPort(port);
        this.drain = drain;
        this.inFlight = inFlight;
    }

    /**
     * When a stop begins Jetty gives every connection its shutdown idle timeout (a second): that
     * closes the kept-alive connections that wait for a next request, so the stop need not wait for
     * them, but it also cut off a download to a client that reads in bursts (curl --limit-rate), a
     * few seconds into a stop that would have waited for it. Connections with a request in flight get
     * the whole drain time instead; a client that stops reading altogether holds the stop that long.
     */
    @Override
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = super.shutdown();
        for (EndPoint endPoint : getConnectedEndPoints()) {
            if (inFlight.carries(endPoint)) {
                endPoint.setIdleTimeout(drain.toMillis());
            }
        }
        return done;
    }

    private static HttpConfiguration withSecurityHeaders(HttpConfiguration http) {
        http.addCustomizer((request, responseHeaders) -> {
            responseHeaders.add(NO_SNIFF);
            return request;
        });
        return http;
    }

    @Override
    protected void configure(Socket socket) {
        super.configure(socket);
        if (socket.getInetAddress() != null && socket.getInetAddress().isLoopbackAddress()) {
            try {
                socket.setSendBufferSize(LOOPBACK_SEND_BUFFER);
            } catch (SocketException ignored) {
                // the connection is already gone; Jetty notices on its first read
            }
        }
    }
}
