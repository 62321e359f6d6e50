package dev.plughub.host.admin;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the admin API: the operator key ({@code PLUGHUB_API_KEY}) or a separate host token
 * ({@code PLUGHUB_HOST_TOKEN}), presented in {@code Authorization: Bearer}, {@code X-Plughub-Token} or
 * seed 004's {@code X-Nebula-Token}. With neither configured the API refuses everything: an admin API
 * that is open by accident is worse than one that needs a setting.
 */
public final class HostAuth {

    static final String[] TOKEN_HEADERS = {"X-Plughub-Token", "X-Nebula-Token"};

    private final Optional<byte[]> operatorKeyDigest;
    private final Optional<byte[]> hostTokenDigest;

    private HostAuth(Optional<String> operatorKey, Optional<String> hostToken) {
        this.operatorKeyDigest = operatorKey.filter(k -> !k.isBlank()).map(HostAuth::digest);
        this.hostTokenDigest = hostToken.filter(t -> !t.isBlank()).map(HostAuth::digest);
    }

    public static HostAuth of(Optional<String> operatorKey, Optional<String> hostToken) {
        return new HostAuth(operatorKey, hostToken);
    }

    /** From {@code PLUGHUB_API_KEY} and {@code PLUGHUB_HOST_TOKEN}. */
    public static HostAuth fromEnvironment(Map<String, String> env) {
        return of(Optional.ofNullable(env.get("PLUGHUB_API_KEY")), Optional.ofNullable(env.get("PLUGHUB_HOST_TOKEN")));
    }

    /** Whether any credential is configured at all. */
    public boolean enabled() {
        return operatorKeyDigest.isPresent() || hostTokenDigest.isPresent();
    }

    /** The caller, or an {@link AdminException} (401, or 503 when nothing is configured). */
    public AdminCaller authenticate(Context ctx) {
        if (!enabled()) {
            throw AdminException.disabled("The plugin admin API is off because no credential is configured: "
                    + "set PLUGHUB_HOST_TOKEN (or PLUGHUB_API_KEY) and restart");
        }
        String presented = presentedToken(ctx).orElseThrow(() -> AdminException.authRequired(
                "The plugin admin API needs a token: send the host token or the operator key as "
                        + "'Authorization: Bearer <token>', 'X-Plughub-Token' or 'X-Nebula-Token'"));
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
