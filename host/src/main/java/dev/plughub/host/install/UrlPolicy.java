package dev.plughub.host.install;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs the host downloads packages from: https anywhere, plain http only from the hosts named
 * here (for a test server or a registry on the same machine), nothing else.
 */
public record UrlPolicy(Set<String> plainHttpHosts) {

    public UrlPolicy {
        plainHttpHosts = Set.copyOf(plainHttpHosts);
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
        if (scheme.equals("https")) {
            return java.util.Optional.empty();
        }
        if (scheme.equals("http") && plainHttpHosts.contains(host)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("plain http downloads are refused (use https, or allow the host " + host
                + " in the host's URL policy)");
    }

    /** The URL as it may be shown: without a user name or password it carries. */
    public static String shown(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "");
    }
}
