package dev.plughub.core.net;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens {@link HttpURLConnection}s that reach only the address a {@link Destination} was checked
 * at. https: a socket factory that pins the TCP connection (TLS still checks the host name). http:
 * the checked address is given as the connection's proxy, so the JDK connects there and sends the
 * request in absolute form ({@code GET http://host/path}), which origin servers must accept
 * (RFC 9112 §3.2.2) — and the host name is never looked up again.
 */
public final class PinnedConnections {

    private PinnedConnections() {
    }

    /** Opens {@code url}, which must name the destination's scheme, host and port. */
    public static HttpURLConnection open(URL url, Destination destination) throws IOException {
        return open(url, destination, HttpsURLConnection.getDefaultSSLSocketFactory());
    }

    /** As {@link #open(URL, Destination)}, with the TLS settings (trust, keys) of {@code tls}. */
    public static HttpURLConnection open(URL url, Destination destination, SSLSocketFactory tls) throws IOException {
        try {
            if (!destination.sameEndpoint(url.toURI())) {
                throw new IllegalArgumentException("the URL is not on the checked destination " + destination.host());
            }
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL", e);
        }
        URLConnection connection = switch (destination.scheme()) {
            case "https" -> {
                HttpsURLConnection https = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
                https.setSSLSocketFactory(new PinnedSocketFactory(tls, destination.socketAddress()));
                yield https;
            }
            case "http" -> url.openConnection(new Proxy(Proxy.Type.HTTP, destination.socketAddress()));
            default -> throw new IllegalArgumentException("not an HTTP destination: " + destination.scheme());
        };
        return (HttpURLConnection) connection;
    }
}
