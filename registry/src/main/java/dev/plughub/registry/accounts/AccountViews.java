package dev.plughub.registry.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the accounts API (snake_case through the API's mapper). */
public final class AccountViews {

    public static final String TOKEN_TYPE = "Bearer";

    private AccountViews() {
    }

    /** {@code User} in the OpenAPI description. */
    public record UserView(long id, String username, Optional<String> email, Optional<String> displayName,
                           String role, Instant createdAt) {
        public static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.email(), user.displayName(), user.role(),
                    user.createdAt());
        }
    }

    /** {@code Token} in the OpenAPI description: never the secret. */
    public record TokenView(String id, String name, List<String> scopes, String prefix, Instant createdAt,
                            Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, boolean revoked,
                            Optional<Instant> revokedAt) {
        public static TokenView of(Token token) {
            return new TokenView(token.publicId(), token.name(), scopeNames(token), token.prefix(),
                    token.createdAt(), token.expiresAt(), token.lastUsedAt(), token.isRevoked(), token.revokedAt());
        }
    }

    /** The answer to creating a token: its description plus the secret, shown this once. */
    public record CreatedTokenView(String id, String name, List<String> scopes, String prefix, Instant createdAt,
                                   Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, boolean revoked,
                                   String token, String tokenType) {
        public static CreatedTokenView of(Token token, String secret) {
            return new CreatedTokenView(token.publicId(), token.name(), scopeNames(token), token.prefix(),
                    token.createdAt(), token.expiresAt(), token.lastUsedAt(), false, secret, TOKEN_TYPE);
        }
    }

    /** The answer to register: the new user and a login token. */
    public record RegisteredView(UserView user, String token, String tokenType, Optional<Instant> expiresAt) {
    }

    /** The answer to login. */
    public record LoginView(String token, String tokenType, Optional<Instant> expiresAt, UserView user) {
    }

    private static List<String> scopeNames(Token token) {
        return token.scopes().stream().sorted().map(TokenScope::apiName).toList();
    }
}
