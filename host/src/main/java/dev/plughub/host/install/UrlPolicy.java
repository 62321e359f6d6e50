package dev.plughub.host.install;

import dev.plughub.core.net.AddressClassifier;
import dev.plughub.core.net.AddressKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs the host downloads packages from: https from hosts whose every address is public,
 * https or plain http from the hosts named here (a test server, a registry or a package server on
 * the same machine or network), nothing else. Only public addresses by default, because a URL given
 * to the admin API would otherwise let its caller reach the machine's own services and the cloud's
 * metadata address (169.254.169.254) through the host. {@code anyAddress} lifts that for sources
 * the operator chose (the registries and where they redirect, such as their object store).
 */
public record UrlPolicy(Set<String> plainHttpHosts, boolean anyAddress) {

    public UrlPolicy {
        plainHttpHosts = Set.copyOf(plainHttpHosts);
    }

    /** https from public addresses, and http or https from {@code plainHttpHosts}. */
    public UrlPolicy(Set<String> plainHttpHosts) {
        this(plainHttpHosts, false);
    }

    public static UrlPolicy httpsOnly() {
        return new UrlPolicy(Set.of());
    }

    /** Empty when the URL may be fetched; otherwise why not. */
    public java.util.Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (url.getRawUserInfo() != null) {
            return java.util.Optional.of("a user name or password in the URL is never sent; host the package where it needs none,"
                    + " or install it from a file");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return java.util.Optional.of("only https URLs are accepted, not " + (scheme.isEmpty() ? "a relative one" : scheme + ":"));
        }
        if (host.isEmpty()) {
            return java.util.Optional.of("the URL names no host");
        }
        if (plainHttpHosts.contains(host)) {
            return java.util.Optional.empty();
        }
        if (scheme.equals("https")) {
            return anyAddress ? java.util.Optional.empty() : notPublic(host);
        }
        return java.util.Optional.of("plain http downloads are refused (use https, or allow the host " + host
                + " in the host's URL policy)");
    }

    /**
     * Why {@code host} may not be reached, when one of its addresses is not public. A name that does
     * not resolve is left to the download, which says so.
     */
    private java.util.Optional<String> notPublic(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                AddressKind kind = AddressClassifier.classify(address);
                if (!kind.isPublic()) {
                    return java.util.Optional.of(host + " is " + kind.description() + " (" + address.getHostAddress()
                            + "); packages are downloaded from public addresses only, unless the host's URL policy names " + host);
                }
            }
            return java.util.Optional.empty();
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** The URL as it may be shown: without a user name or password it carries. */
    public static String shown(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "");
    }
}
