package dev.plughub.registry.accounts;

import java.util.Set;

/**
 * Who a request acts as: a user through one of their tokens, or the operator through the configured
 * API key (user id 0, every right). {@code personalToken} says the request came with a personal
 * access token (made for a program) rather than a login token (a person signed in) or the operator key.
 */
public record Principal(long userId, String username, boolean admin, Set<TokenScope> scopes, boolean operator,
                        boolean personalToken) {

    public Principal(long userId, String username, boolean admin, Set<TokenScope> scopes, boolean operator) {
        this(userId, username, admin, scopes, operator, false);
    }

    public static Principal ofOperator() {
        return new Principal(0, "operator", true, Set.of(TokenScope.values()), true);
    }

    public boolean has(TokenScope scope) {
        return operator || scopes.contains(scope);
    }

    /** Admin rights: the operator, or an admin user acting through a token with the admin scope. */
    public boolean isAdmin() {
        return operator || (admin && scopes.contains(TokenScope.ADMIN));
    }
}
