package dev.plughub.core.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Sorts IP addresses into {@link AddressKind}s by the IANA special-purpose registries (RFC 6890
 * and its updates). An address in none of the listed blocks is public.
 */
public final class AddressClassifier {

    private record Block(Cidr cidr, AddressKind kind) {
    }

    private static final List<Block> IPV4 = blocks(Map.ofEntries(
            Map.entry("0.0.0.0/8", AddressKind.UNSPECIFIED),      // "this network"
            Map.entry("10.0.0.0/8", AddressKind.PRIVATE),
            Map.entry("100.64.0.0/10", AddressKind.PRIVATE),      // carrier-grade NAT, shared address space
            Map.entry("127.0.0.0/8", AddressKind.LOOPBACK),
            Map.entry("169.254.0.0/16", AddressKind.LINK_LOCAL),  // includes cloud metadata 169.254.169.254
            Map.entry("172.16.0.0/12", AddressKind.PRIVATE),
            Map.entry("192.0.0.0/24", AddressKind.RESERVED),      // IETF protocol assignments
            Map.entry("192.0.2.0/24", AddressKind.RESERVED),      // documentation
            Map.entry("192.88.99.0/24", AddressKind.RESERVED),    // 6to4 relay anycast
            Map.entry("192.168.0.0/16", AddressKind.PRIVATE),
            Map.entry("198.18.0.0/15", AddressKind.RESERVED),     // benchmarking
            Map.entry("198.51.100.0/24", AddressKind.RESERVED),   // documentation
            Map.entry("203.0.113.0/24", AddressKind.RESERVED),    // documentation
            Map.entry("224.0.0.0/4", AddressKind.MULTICAST),
            Map.entry("240.0.0.0/4", AddressKind.RESERVED)));     // includes broadcast 255.255.255.255

    private static final List<Block> IPV6 = blocks(Map.ofEntries(
            Map.entry("::/128", AddressKind.UNSPECIFIED),
            Map.entry("::1/128", AddressKind.LOOPBACK),
            Map.entry("::ffff:0:0/96", AddressKind.IPV4_MAPPED),
            Map.entry("::/96", AddressKind.IPV4_MAPPED),          // deprecated IPv4-compatible
            Map.entry("64:ff9b::/96", AddressKind.IPV4_MAPPED),   // NAT64: reaches any IPv4 address
            Map.entry("64:ff9b:1::/48", AddressKind.IPV4_MAPPED), // local-use NAT64
            Map.entry("100::/64", AddressKind.RESERVED),          // discard
            Map.entry("2001::/32", AddressKind.IPV4_MAPPED),      // Teredo
            Map.entry("2001:db8::/32", AddressKind.RESERVED),     // documentation
            Map.entry("2002::/16", AddressKind.IPV4_MAPPED),      // 6to4
            Map.entry("fc00::/7", AddressKind.UNIQUE_LOCAL),
            Map.entry("fe80::/10", AddressKind.LINK_LOCAL),
            Map.entry("fec0::/10", AddressKind.PRIVATE),          // deprecated site-local
            Map.entry("ff00::/8", AddressKind.MULTICAST)));

    /** Only global unicast (2000::/3) is routed on the internet; everything else in IPv6 is unassigned. */
    private static final Cidr IPV6_GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private AddressClassifier() {
    }

    public static AddressKind classify(InetAddress address) {
        return classify(address.getAddress());
    }

    /** Classifies raw address bytes (4 or 16); raw bytes keep IPv4-mapped IPv6 forms that InetAddress would unwrap. */
    public static AddressKind classify(byte[] address) {
        List<Block> blocks = address.length == 4 ? IPV4 : IPV6;
        // the longest matching block decides (::1/128 inside ::/96, 2001:db8::/32 inside 2001::/32 …)
        Block best = null;
        for (Block b : blocks) {
            if (b.cidr().contains(address) && (best == null || b.cidr().prefix() > best.cidr().prefix())) {
                best = b;
            }
        }
        if (best != null) {
            return best.kind();
        }
        if (address.length == 16 && !IPV6_GLOBAL_UNICAST.contains(address)) {
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    private static List<Block> blocks(Map<String, AddressKind> table) {
        return table.entrySet().stream().map(e -> new Block(Cidr.parse(e.getKey()), e.getValue())).toList();
    }
}
