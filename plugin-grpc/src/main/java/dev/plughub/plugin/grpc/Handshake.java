package dev.plughub.plugin.grpc;

import java.util.Objects;

/**
 * The one line an out-of-process plugin prints on stdout once it listens:
 * {@code PLUGHUB-PLUGIN|1|grpc|127.0.0.1:PORT}. The host reads it (within its initialize timeout)
 * and connects to that address; this class is where the format is defined, for both sides.
 *
 * @param protocol  the contract version, {@value #PROTOCOL}
 * @param transport always {@code grpc} for now
 * @param host      the address the plugin listens on; the host accepts only loopback addresses
 * @param port      its port
 */
public record Handshake(int protocol, String transport, String host, int port) {

    public static final String PREFIX = "PLUGHUB-PLUGIN";
    public static final int PROTOCOL = 1;
    public static final String TRANSPORT = "grpc";

    public Handshake {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
    }

    /** What a plugin listening on {@code host:port} prints. */
    public static Handshake listeningOn(String host, int port) {
        return new Handshake(PROTOCOL, TRANSPORT, host, port);
    }

    public String line() {
        String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return PREFIX + "|" + protocol + "|" + transport + "|" + address + ":" + port;
    }

    /**
     * Reads a handshake line.
     *
     * @throws IllegalArgumentException saying which part is wrong, for any other line
     */
    public static Handshake parse(String line) {
        String[] parts = line.strip().split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("expected '" + PREFIX + "|" + PROTOCOL + "|" + TRANSPORT
                    + "|127.0.0.1:PORT' as the first line on stdout, got '" + abbreviate(line) + "'");
        }
        int protocol;
        try {
            protocol = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the handshake's protocol version '" + abbreviate(parts[1]) + "' is not a number");
        }
        if (protocol != PROTOCOL) {
            throw new IllegalArgumentException("the plugin speaks protocol " + protocol + "; this host speaks " + PROTOCOL);
        }
        if (!parts[2].equals(TRANSPORT)) {
            throw new IllegalArgumentException("the handshake names transport '" + abbreviate(parts[2]) + "'; only '"
                    + TRANSPORT + "' is supported");
        }
        String address = parts[3];
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the handshake's address '" + abbreviate(address) + "' is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the handshake's port in '" + abbreviate(address) + "' is not 1-65535");
        }
        return new Handshake(protocol, parts[2], host, port);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
