package dev.plughub.host.admin;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the admin API: the operator key ({@code PLUGHUB_API_KEY}) or a separate host token
 * ({@code PLUGHUB_HOST_TOKEN}), presented in {@code Authorization: Bearer}, {@code X-Plughub-Token},
 * seed 004's {@code X-Nebula-Token} or {@code X-API-Key}; or a staff member's session cookie ({@code plughub_session}, or
 * seed 004's {@code nebula_session}) when the embedding application says who is staff
 * ({@link StaffSessions}). With none of these the API refuses everything: an admin API that is open by
 * accident is worse than one that needs a setting.
 */
public final class HostAuth {

    /** After {@code Authorization: Bearer}; {@code X-API-Key} is where the operator key goes everywhere else. */
    static final String[] TOKEN_HEADERS = {"X-Plughub-Token", "X-Nebula-Token", "X-API-Key"};
    /** Plughub's own session cookie first, then seed 004's name for the same thing. */
    public static final String[] SESSION_COOKIES = {"plughub_session", "nebula_session"};
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Optional<byte[]> operatorKeyDigest;
    private final Optional<byte[]> hostTokenDigest;
    private final Optional<StaffSessions> staffSessions;

    private HostAuth(Optional<byte[]> operatorKeyDigest, Optional<byte[]> hostTokenDigest,
                     Optional<StaffSessions> staffSessions) {
        this.operatorKeyDigest = operatorKeyDigest;
        this.hostTokenDigest = hostTokenDigest;
        this.staffSessions = staffSessions;
    }

    public static HostAuth of(Optional<String> operatorKey, Optional<String> hostToken) {
        return new HostAuth(operatorKey.filter(k -> !k.isBlank()).map(HostAuth::digest),
                hostToken.filter(t -> !t.isBlank()).map(HostAuth::digest), Optional.empty());
    }

    /** The same credentials, and staff members' session cookies as {@code sessions} judges them. */
    public HostAuth withStaffSessions(StaffSessions sessions) {
        return new HostAuth(operatorKeyDigest, hostTokenDigest, Optional.of(sessions));
    }

    /** From {@code PLUGHUB_API_KEY} and {@code PLUGHUB_HOST_TOKEN}. */
    public static HostAuth fromEnvironment(Map<String, String> env) {
        return of(Optional.ofNullable(env.get("PLUGHUB_API_KEY")), Optional.ofNullable(env.get("PLUGHUB_HOST_TOKEN")));
    }

    /** Whether any credential is configured at all. */
    public boolean enabled() {
        return operatorKeyDigest.isPresent() || hostTokenDigest.isPresent() || staffSessions.isPresent();
    }

    /** The caller, or an {@link AdminException} (401, or 503 when nothing is configured). */
    public AdminCaller authenticate(Context ctx) {
        if (!enabled()) {
            throw AdminException.disabled("The plugin admin API is off because no credential is configured: "
                    + "set PLUGHUB_HOST_TOKEN (or PLUGHUB_API_KEY) and restart");
        }
        Optional<String> tokenGiven = presentedToken(ctx);
        if (tokenGiven.isEmpty() && staffSessions.isPresent()) {
            Optional<String> session = presentedSession(ctx);
            if (session.isPresent()) {
                return staffSession(ctx, session.get());
            }
        }
        String presented = tokenGiven.orElseThrow(() -> AdminException.authRequired(
                "The plugin admin API needs a token: send the host token or the operator key as "
                        + "'Authorization: Bearer <token>', 'X-Plughub-Token', 'X-Nebula-Token' or 'X-API-Key'"
                        + (staffSessions.isPresent() ? ", or log in as staff (session cookie plughub_session)" : "")));
        byte[] digest = digest(presented);
        // Both comparisons always run, so timing says nothing about which credential was close.
        boolean operator = operatorKeyDigest.map(key -> MessageDigest.isEqual(key, digest)).orElse(false);
        boolean host = hostTokenDigest.map(token -> MessageDigest.isEqual(token, digest)).orElse(false);
        if (operator) {
            return AdminCaller.OPERATOR;
        }
        if (host) {
            return AdminCaller.HOST_TOKEN;
        }
        throw AdminException.invalidToken("The token is not the host token nor the operator key");
    }

    /**
     * A cookie is sent by the browser on its own, so a change made with one must come from a page of
     * this server: a cross-site {@code Sec-Fetch-Site} or a foreign {@code Origin} is refused.
     */
    private AdminCaller staffSession(Context ctx, String secret) {
        if (staffSessions.orElseThrow().staffName(secret).isEmpty()) {
            throw AdminException.invalidToken("The session is not a live session of a staff member: log in again "
                    + "as an administrator");
        }
        if (!SAFE_METHODS.contains(ctx.method().name()) && crossSite(ctx)) {
            String from = ctx.header("Origin") != null ? "the request's Origin is " + ctx.header("Origin")
                    : "the browser says it came from another site (Sec-Fetch-Site: " + ctx.header("Sec-Fetch-Site") + ")";
            throw AdminException.forbidden("A change made with a session cookie must come from this server's own "
                    + "pages: " + from + "; send a token instead");
        }
        return AdminCaller.STAFF_SESSION;
    }

    private static boolean crossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !Set.of("same-origin", "none").contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin.trim());
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host == null || uri.getHost() == null || !authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Optional<String> presentedSession(Context ctx) {
        for (String name : SESSION_COOKIES) {
            String value = ctx.cookie(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> presentedToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim()).filter(t -> !t.isEmpty());
        }
        for (String header : TOKEN_HEADERS) {
            String value = ctx.header(header);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    /** Comparing fixed-length digests keeps the comparison's time independent of the secret's length. */
    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
