package dev.plughub.registry.ratelimit;

import dev.plughub.core.net.Cidr;
import dev.plughub.registry.CommaSeparated;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.PluginRead;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * The reverse proxies whose {@code X-Forwarded-For} the registry believes ({@code PLUGHUB_TRUSTED_PROXIES}:
 * addresses and CIDR blocks, comma-separated). Behind a proxy every request arrives from the proxy's
 * address, so without this all clients would share one rate-limit count and one download identity.
 *
 * <p>The client is the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy: each trusted hop appends the address it saw, and everything left of that is whatever the
 * client chose to send. A request whose socket address is not trusted keeps it, whatever headers it
 * carries. An entry that is not an address ends the walk at the last address known for sure.
 */
public final class TrustedProxies implements BeforeRule {

    /** The header a trusted proxy names the client in. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /** The request attribute holding the client address when a trusted proxy forwarded the request. */
    private static final String ATTRIBUTE = "plughub.client-address";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Cidr> blocks;

    private TrustedProxies(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Reads {@code "10.0.0.1, 192.168.0.0/16, ::1, fd00::/8"}; blank means none.
     *
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR block
     */
    public static TrustedProxies parse(String spec) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : CommaSeparated.entries(spec)) {
            try {
                blocks.add(unmapped(Cidr.parse(entry)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PLUGHUB_TRUSTED_PROXIES: '" + entry
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8): " + e.getMessage());
            }
        }
        return new TrustedProxies(blocks);
    }

    /** {@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}: addresses are compared as {@link #literal} reads them. */
    private static Cidr unmapped(Cidr block) {
        byte[] network = block.network();
        boolean mapped = network.length == 16 && block.prefix() >= 96 && network[10] == (byte) 0xff && network[11] == (byte) 0xff
                && Arrays.equals(network, 0, 10, new byte[10], 0, 10);
        return mapped ? new Cidr(Arrays.copyOfRange(network, 12, 16), block.prefix() - 96) : block;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Decides each request's client address before the rate limits read it; nothing when no proxy is trusted. */
    @Override
    public void register(RoutesConfig routes) {
        if (blocks.isEmpty()) {
            return;
        }
        routes.before(ctx -> {
            String socket = ctx.ip();
            String client = clientAddress(socket, Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
            if (!client.equals(socket)) {
                ctx.attribute(ATTRIBUTE, client);
            }
        });
    }

    /**
     * It only notes the client's address, which only what counts requests reads: the rate limiter
     * answers for itself, and MappedDownloads asks {@link #clientAddress(String, List)} directly.
     */
    @Override
    public boolean leavesAlone(PluginRead read, HttpFields headers) {
        return true;
    }

    /** The request's client address: the one a trusted proxy forwarded, else the socket's. */
    public static String clientAddress(Context ctx) {
        String forwarded = ctx.attribute(ATTRIBUTE);
        return forwarded != null ? forwarded : ctx.ip();
    }

    /** The client's address of a request seen below Javalin, as {@link #clientAddress(Context)} sees it above. */
    public String clientAddress(Request request) {
        String socket = Request.getRemoteAddr(request);
        return blocks.isEmpty() ? socket : clientAddress(socket, request.getHeaders().getValuesList(FORWARDED_FOR));
    }

    /**
     * The client's address given the socket's and every {@code X-Forwarded-For} header in order.
     * Answers the socket address unless it belongs to a trusted proxy.
     */
    public String clientAddress(String socketAddress, List<String> forwardedFor) {
        if (blocks.isEmpty()) {
            return socketAddress;   // the usual case, and on every counted request: no parsing at all
        }
        Optional<byte[]> socket = literal(unbracket(socketAddress));
        if (socket.isEmpty() || !trusted(socket.get())) {
            return socketAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String known = socketAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            Optional<byte[]> address = literal(hop);
            if (address.isEmpty()) {
                return known;   // "unknown", a host name or garbage: nothing left of it can be believed
            }
            known = hop;
            if (!trusted(address.get())) {
                return hop;
            }
        }
        return known;   // every hop is a trusted proxy: the left-most one is as far as anyone can tell
    }

    private boolean trusted(byte[] address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}; {@code [2001:db8::1]:443} → {@code 2001:db8::1}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':') && IPV4.matcher(hop.substring(0, colon)).matches()) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    private static String unbracket(String address) {
        if (address == null) {
            return "";
        }
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    /**
     * The bytes of an IP literal, IPv4-mapped IPv6 addresses as IPv4. Never looks a name up: only a
     * dotted quad or a string of IPv6 characters with a colon reaches {@link InetAddress}.
     */
    private static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        boolean ipv4 = IPV4.matcher(text).matches();
        boolean ipv6 = text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches();
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        if (ipv4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
