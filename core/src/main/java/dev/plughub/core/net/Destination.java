package dev.plughub.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A URL the {@link OutboundGuard} let through, with the address it checked. Connections go to
 * {@link #address()} and nowhere else, so a DNS answer that changes after the check (rebinding)
 * cannot move them.
 *
 * @param uri         the URL as given
 * @param scheme      lower-case scheme
 * @param host        the host name or literal as written (IPv6 without brackets)
 * @param port        explicit or the scheme's default
 * @param address     the checked address to connect to
 * @param allowListed whether PLUGHUB_OUTBOUND_ALLOW opened it (then it may be private and plain http)
 */
public record Destination(URI uri, String scheme, String host, int port, InetAddress address, boolean allowListed) {

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** Whether {@code other} names the same host and port, so a connection to it may reuse this check. */
    public boolean sameEndpoint(URI other) {
        return other.getHost() != null && OutboundGuard.hostOf(other).equalsIgnoreCase(host)
                && OutboundGuard.portOf(other) == port && scheme.equalsIgnoreCase(other.getScheme());
    }
}
