package dev.plughub.registry.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.TokenScope;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.JsonBodies;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what in moderation, administration and ownership: admins (the operator key, or an
 * admin user's token with the admin scope) everything; a plugin's owners, through a token with the
 * publish scope, what concerns their own plugin. Also reads the small JSON bodies of these routes.
 */
public final class Access {


    private final Authenticator authenticator;

    public Access(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The principal, who must be an admin: 401 without credentials, 403 for everyone else. */
    public Principal requireAdmin(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        if (!principal.isAdmin()) {
            throw ApiException.forbidden("Forbidden: only administrators may do this"
                    + (principal.admin() ? " (an admin's token needs the admin scope)" : ""));
        }
        return principal;
    }

    /** The principal, who must be authenticated (401 otherwise); whether they may act is {@link #requireManager}'s. */
    public Principal requireAny(Context ctx) {
        return authenticator.requireAny(ctx);
    }

    /**
     * Refuses (403) a principal who is neither an admin nor, through a token with the publish scope,
     * one of {@code ownerIds}.
     */
    public static void requireManager(Principal principal, Set<Long> ownerIds, String pluginId, String what) {
        if (principal.isAdmin()) {
            return;
        }
        if (!ownerIds.contains(principal.userId())) {
            throw ApiException.forbidden("Forbidden: only owners of " + pluginId + " and administrators may " + what);
        }
        if (!principal.has(TokenScope.PUBLISH)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This token lacks the publish scope needed to " + what,
                    java.util.Map.of("required_scope", TokenScope.PUBLISH.apiName()));
        }
    }

    /** The request body as a JSON object; an empty body is an empty object; anything else is 400. */
    public static JsonNode body(Context ctx) {
        return JsonBodies.objectOrEmpty(JsonBodies.read(ctx));
    }

    /** A text field: absent or null is empty, blank is empty, anything but a string is a 422 of that field. */
    public static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.validation(java.util.Map.of(field, java.util.List.of(field + " must be a string")));
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
