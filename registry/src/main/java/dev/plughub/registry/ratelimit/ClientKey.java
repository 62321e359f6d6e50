package dev.plughub.registry.ratelimit;

import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who a client is, for rate limits and download de-duplication: the user id when the request is
 * authenticated ({@code u:<id>}), else the socket's address: an IPv4 address in full ({@code a:1.2.3.4}),
 * an IPv6 address by its /64 network ({@code n:2001:db8:1:2::/64}), since one host usually holds a
 * whole /64. {@code X-Forwarded-For} counts only from a proxy the operator trusts ({@link TrustedProxies}):
 * any client can send it.
 */
public final class ClientKey {

    private ClientKey() {
    }

    public static String of(Optional<Principal> principal, String remoteAddress) {
        if (principal.isPresent() && !principal.get().operator()) {
            return "u:" + principal.get().userId();
        }
        return ofAddress(remoteAddress);
    }

    /** The key of a request's client: its user when the credentials are good, else its address. */
    public static String of(Authenticator authenticator, Context ctx) {
        // bad credentials count as the address
        return of(authenticator.authenticateIfValid(ctx), TrustedProxies.clientAddress(ctx));
    }

    /** The key of an unauthenticated client from its socket address (a literal IP address). */
    public static String ofAddress(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "a:unknown";
        }
        String literal = remoteAddress.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.indexOf(':') < 0) {
            return "a:" + literal;   // IPv4 (or a host name we cannot group): the full address
        }
        try {
            InetAddress address = InetAddress.getByName(literal);   // a literal: no lookup happens
            byte[] b = address.getAddress();
            if (!(address instanceof Inet6Address) || b.length != 16) {
                return "a:" + address.getHostAddress();   // an IPv4-mapped IPv6 address comes back as IPv4
            }
            return String.format("n:%x:%x:%x:%x::/64",
                    ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                    ((b[4] & 0xff) << 8) | (b[5] & 0xff), ((b[6] & 0xff) << 8) | (b[7] & 0xff));
        } catch (UnknownHostException e) {
            return "a:" + literal;
        }
    }
}
