package dev.plughub.core.net;

import dev.plughub.core.net.OutboundRefusedException.Reason;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether the server may make a request to a URL given by a user (a git repository to
 * import, a package to install from a URL). Allowed: https to hosts whose every address is public.
 * The operator's {@link OutboundPolicy} opens named hosts, addresses or blocks, which may then also
 * be private and use plain http or git://. Never allowed: credentials inside the URL, and schemes
 * that run commands or read local files (file, ext, ssh …).
 *
 * <p>The answer is a {@link Destination} holding the checked address; callers connect to that
 * address (see {@link PinnedConnections}) so that DNS cannot answer differently at connect time.
 */
public final class OutboundGuard {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("https", 443, "http", 80, "git", 9418);
    private static final String SCHEMES = "https:// (and http:// or git:// for hosts on " + OutboundPolicy.VARIABLE + ")";

    private final OutboundPolicy policy;
    private final HostResolver resolver;

    public OutboundGuard(OutboundPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public OutboundGuard(OutboundPolicy policy) {
        this(policy, HostResolver.SYSTEM);
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /** Checks a URL as the user wrote it. */
    public Destination check(String url) throws OutboundRefusedException {
        String text = url.strip();
        if (text.regionMatches(true, 0, "ext::", 0, 5)) {
            throw new OutboundRefusedException(Reason.SCHEME, "ext:: URLs run commands on the server and are never used; use "
                    + SCHEMES);
        }
        if (!text.contains("://")) {
            throw new OutboundRefusedException(Reason.MALFORMED, "'" + redacted(text) + "' is not a URL: write it as "
                    + SCHEMES + ", for example https://github.com/user/repo");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException(Reason.MALFORMED, "The URL is malformed: " + e.getReason());
        }
        return check(uri);
    }

    public Destination check(URI uri) throws OutboundRefusedException {
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!DEFAULT_PORTS.containsKey(scheme)) {
            String why = scheme.equals("file") ? "file:// URLs read the server's own disk and are never used"
                    : "the scheme '" + scheme + "' is not used";
            throw new OutboundRefusedException(Reason.SCHEME, why + "; use " + SCHEMES);
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException(Reason.CREDENTIALS, "The URL contains a user name or password; remove it "
                    + "(credentials are configured on the server, never sent inside URLs)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new OutboundRefusedException(Reason.MALFORMED, "The URL has no valid host name");
        }
        String host = hostOf(uri);
        List<InetAddress> addresses = resolve(host);
        boolean allowListed = policy.allowsHost(host) || addresses.stream().allMatch(policy::allowsAddress);
        if (!allowListed) {
            for (InetAddress address : addresses) {
                AddressKind kind = AddressClassifier.classify(address);
                if (!kind.isPublic()) {
                    throw new OutboundRefusedException(Reason.ADDRESS, describe(host, address) + " is " + kind.description()
                            + "; the server only reaches public addresses unless " + OutboundPolicy.VARIABLE
                            + " lists the host, the address or a block containing it");
                }
            }
            if (!scheme.equals("https")) {
                throw new OutboundRefusedException(Reason.SCHEME, scheme + ":// is only used for hosts on "
                        + OutboundPolicy.VARIABLE + "; use https://");
            }
        }
        return new Destination(uri, scheme, host, portOf(uri), addresses.getFirst(), allowListed);
    }

    private List<InetAddress> resolve(String host) throws OutboundRefusedException {
        Optional<byte[]> literal = IpLiterals.parse(host);
        try {
            if (literal.isPresent()) {
                return List.of(InetAddress.getByAddress(literal.get()));
            }
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException(Reason.UNRESOLVABLE, "The host " + host + " does not resolve to any address");
        }
    }

    private static String describe(String host, InetAddress address) {
        String literal = address.getHostAddress();
        return host.equalsIgnoreCase(literal) ? literal : host + " resolves to " + literal + ", which";
    }

    /** A URL's host, without the brackets of an IPv6 literal. */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int portOf(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort()
                : DEFAULT_PORTS.getOrDefault(Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT), -1);
    }

    /** Text for an error message with anything that looks like credentials cut out. */
    private static String redacted(String text) {
        String cut = text.replaceAll("[^/@\\s]*@", "***@");
        return cut.length() > 200 ? cut.substring(0, 200) + "…" : cut;
    }
}
