package dev.plughub.registry.accounts;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Finds the {@link Principal} of a request from {@code X-API-Key} (the operator key) or
 * {@code Authorization: Bearer <token>} (the operator key or a personal access token).
 */
public final class Authenticator {

    /**
     * The principal the request carries credentials for, or empty when it carries none. Credentials
     * that are present but wrong, expired, revoked or belong to a disabled user are a 401
     * ({@code INVALID_TOKEN}), never silently ignored.
     */
    public Optional<Principal> authenticate(Context ctx) {
        throw new UnsupportedOperationException("accounts: being written");
    }

    /** The principal, which must exist (401 {@code AUTH_REQUIRED}) and hold {@code scope} (403 {@code FORBIDDEN}). */
    public Principal require(Context ctx, TokenScope scope) {
        throw new UnsupportedOperationException("accounts: being written");
    }
}
