package dev.plughub.registry.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request acts as: a user through one of their tokens, or the operator through the configured
 * API key (user id 0, every right). {@code personalTokenExpiry} is the expiry of the personal access
 * token the request came with; it is empty for a login token and for the operator, whose tokens are
 * the ones people manage the others with.
 */
public record Principal(long userId, String username, boolean admin, Set<TokenScope> scopes, boolean operator,
                        Optional<Instant> personalTokenExpiry) {

    public Principal(long userId, String username, boolean admin, Set<TokenScope> scopes, boolean operator) {
        this(userId, username, admin, scopes, operator, Optional.empty());
    }

    public static Principal ofOperator() {
        return new Principal(0, "operator", true, Set.of(TokenScope.values()), true);
    }

    /** Whether the request came with a personal access token rather than a login token or the operator key. */
    public boolean personalToken() {
        return personalTokenExpiry.isPresent();
    }

    public boolean has(TokenScope scope) {
        return operator || scopes.contains(scope);
    }

    /** Admin rights: the operator, or an admin user acting through a token with the admin scope. */
    public boolean isAdmin() {
        return operator || (admin && scopes.contains(TokenScope.ADMIN));
    }
}
