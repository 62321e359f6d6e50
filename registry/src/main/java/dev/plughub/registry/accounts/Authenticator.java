package dev.plughub.registry.accounts;

import dev.plughub.registry.accounts.AccountStore.TokenOwner;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link Principal} of a request from {@code X-API-Key} (the operator key) or
 * {@code Authorization: Bearer <token>} (the operator key or a personal access token).
 */
public final class Authenticator {

    /** A token's last use is written at most this often, so authenticating is not a write per request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** The header the operator's key comes in (the other credential is {@code Authorization: Bearer}). */
    public static final String API_KEY_HEADER = "X-API-Key";

    private static final String PRINCIPAL_ATTRIBUTE = Authenticator.class.getName() + ".principal";
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final AccountStore store;
    /** SHA-256 of the operator key: comparing digests keeps even the key's length out of the timing. */
    private final Optional<byte[]> operatorKeyDigest;
    private final Clock clock;

    public Authenticator(AccountStore store, Optional<String> operatorKey, Clock clock) {
        this.store = store;
        this.operatorKeyDigest = operatorKey.filter(k -> !k.isEmpty())
                .map(k -> TokenCodec.sha256(k.getBytes(StandardCharsets.UTF_8)));
        this.clock = clock;
    }

    /**
     * The principal the request carries credentials for, or empty when it carries none. Credentials
     * that are present but wrong, expired, revoked or belong to a disabled user are a 401
     * ({@code INVALID_TOKEN}); only reads anyone may make pass over them ({@link #authenticateIfValid}).
     */
    public Optional<Principal> authenticate(Context ctx) {
        Object known = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (known instanceof Principal p) {
            return Optional.of(p);
        }
        Optional<Principal> principal = resolve(ctx);
        principal.ifPresent(p -> ctx.attribute(PRINCIPAL_ATTRIBUTE, p));
        return principal;
    }

    /**
     * For reads that anyone may make, where credentials only change what is shown (lists show admins
     * the banned plugins, and owners their own): the principal of good credentials, else empty.
     * Credentials that are wrong, expired or revoked are not refused here: the read is answered as it
     * is to everyone, with {@code WWW-Authenticate: Bearer error="invalid_token"} saying the token was
     * not taken. A client that holds a stale token (or seed 001's clients, which send one on every
     * call) still reads what everyone can; a route that needs the principal refuses it with a 401.
     */
    public Optional<Principal> authenticateIfValid(Context ctx) {
        try {
            return authenticate(ctx);
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** The principal, which must exist (401 {@code AUTH_REQUIRED}) and hold {@code scope} (403 {@code FORBIDDEN}). */
    public Principal require(Context ctx, TokenScope scope) {
        Principal principal = requireAny(ctx);
        if (!principal.has(scope)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This token lacks the " + scope.apiName()
                    + " scope needed for this operation", Map.of("required_scope", scope.apiName()));
        }
        return principal;
    }

    /** The principal, which must exist (401 {@code AUTH_REQUIRED}), whatever its scopes. */
    public Principal requireAny(Context ctx) {
        return authenticate(ctx).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer");
            return new ApiException(ErrorCode.AUTH_REQUIRED, "Authentication required");
        });
    }

    /**
     * The user a session secret (the login token in the session cookie) belongs to, or empty when
     * it is not a live login token of an enabled user. A personal access token is no session, even
     * one with the admin scope: it was made for a program, not for a person signed in. Never throws
     * for a bad secret: a stale cookie is simply no session.
     */
    public Optional<Principal> session(String secret) {
        if (!TokenCodec.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        try {
            return Optional.of(principalOf(secret)).filter(principal -> !principal.personalToken());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private Optional<Principal> resolve(Context ctx) {
        try {
            return principalFor(ctx.header(API_KEY_HEADER), ctx.header("Authorization"));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.INVALID_TOKEN) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            throw e;
        }
    }

    /**
     * The principal the two credential headers name (either may be null), empty when neither is
     * given, or a 401 {@code INVALID_TOKEN} that says what is wrong with the credential given.
     */
    Optional<Principal> principalFor(String apiKey, String authorization) {
        if (apiKey != null && !apiKey.isEmpty()) {
            if (isOperatorKey(apiKey)) {
                return Optional.of(Principal.ofOperator());
            }
            throw invalid("The API key is not valid");
        }
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String credential = bearerCredential(authorization)
                .orElseThrow(() -> invalid("The Authorization header must read 'Bearer <token>'"));
        if (isOperatorKey(credential)) {
            return Optional.of(Principal.ofOperator());
        }
        if (!TokenCodec.looksLikeSecret(credential)) {
            throw invalid("The token is not valid");
        }
        return Optional.of(principalOf(credential));
    }

    /**
     * The credential of an {@code Authorization: Bearer <credential>} header (the scheme in any case,
     * any spaces around); empty for a missing header, another scheme, or no credential. The one
     * reading of the header, for every route that takes a bearer credential.
     */
    public static Optional<String> bearerCredential(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer")
                ? Optional.of(parts[1].strip()).filter(credential -> !credential.isEmpty())
                : Optional.empty();
    }

    private Principal principalOf(String secret) {
        TokenOwner found = store.findTokenByHash(TokenCodec.hash(secret))
                .orElseThrow(() -> invalid("The token is not valid"));
        Token token = found.token();
        Instant now = clock.instant();
        if (token.isRevoked()) {
            throw invalid("The token has been revoked");
        }
        if (token.isExpiredAt(now)) {
            throw invalid("The token has expired");
        }
        if (found.user().disabled()) {
            throw invalid("The account this token belongs to has been disabled");
        }
        recordUse(token, now);
        User user = found.user();
        return new Principal(user.id(), user.username(), user.isAdmin(), token.scopes(), false,
                !AccountService.isLoginToken(token));
    }

    private void recordUse(Token token, Instant now) {
        Instant notBefore = now.minus(LAST_USED_RESOLUTION);
        if (token.lastUsedAt().isPresent() && token.lastUsedAt().get().isAfter(notBefore)) {
            return;
        }
        try {
            store.touchToken(token.id(), now, notBefore);
        } catch (RuntimeException e) {
            // Bookkeeping only: a busy database must not fail the request the token authorises.
            log.warn("Could not record the use of token {}: {}", token.publicId(), e.toString());
        }
    }

    private boolean isOperatorKey(String presented) {
        return operatorKeyDigest.isPresent() && MessageDigest.isEqual(
                TokenCodec.sha256(presented.getBytes(StandardCharsets.UTF_8)), operatorKeyDigest.get());
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_TOKEN, message);
    }
}
