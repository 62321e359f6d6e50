package dev.plughub.core.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's exceptions to "public addresses over https only" (PLUGHUB_OUTBOUND_ALLOW): host
 * names, and addresses or CIDR blocks, that may be reached even though they are loopback or private,
 * and over plain http (or git://) too.
 *
 * @param hosts  lower-case host names allowed whatever they resolve to
 * @param blocks address blocks (a single address is a full-length block)
 */
public record OutboundPolicy(Set<String> hosts, List<Cidr> blocks) {

    /** The environment variable that carries the allow-list; named in every refusal so operators find it. */
    public static final String VARIABLE = "PLUGHUB_OUTBOUND_ALLOW";

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

    public OutboundPolicy {
        hosts = Set.copyOf(hosts);
        blocks = List.copyOf(blocks);
    }

    /** No exceptions: public addresses over https only. */
    public static OutboundPolicy none() {
        return new OutboundPolicy(Set.of(), List.of());
    }

    /** Reads a comma-separated list such as {@code 127.0.0.1, git.internal, 10.0.0.0/8, fd00::/8}. */
    public static OutboundPolicy parse(String list) {
        Set<String> hosts = new LinkedHashSet<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || IpLiterals.isLiteral(entry)) {
                blocks.add(Cidr.parse(entry));
            } else if (HOST_NAME.matcher(entry).matches()) {
                hosts.add(trimDot(entry));
            } else {
                throw new IllegalArgumentException(VARIABLE + " entry '" + raw.trim()
                        + "' is neither a host name, an IP address nor a CIDR block");
            }
        }
        return new OutboundPolicy(hosts, blocks);
    }

    public boolean allowsHost(String host) {
        return hosts.contains(trimDot(host.toLowerCase(Locale.ROOT)));
    }

    public boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && blocks.isEmpty();
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
