package dev.plughub.registry.catalog;

import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.TokenScope;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who may call a publish route — {@code upload}, {@code upload/zip}, {@code publish},
 * {@code upload-temp} and the git import {@code upload/github} alike: a principal with the publish
 * scope; in development mode ({@code PLUGHUB_DEV}) also a request without credentials, so seed 000's
 * unauthenticated flow works. Credentials that are given must be good and allow publishing, in
 * either mode. A plugin first published without credentials has no owner account ({@link Ownership}).
 */
public final class PublishAccess {

    private final Authenticator authenticator;
    private final boolean dev;

    public PublishAccess(Authenticator authenticator, boolean dev) {
        this.authenticator = authenticator;
        this.dev = dev;
    }

    /**
     * The publisher, or empty for an anonymous publish in development mode.
     *
     * @throws dev.plughub.registry.http.ApiException 401 without credentials outside development mode,
     *                                                401 for bad credentials, 403 without the publish scope
     */
    public Optional<Principal> publisher(Context ctx) {
        if (dev && authenticator.authenticate(ctx).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(authenticator.require(ctx, TokenScope.PUBLISH));
    }
}
