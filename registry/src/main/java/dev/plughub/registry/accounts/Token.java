package dev.plughub.registry.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A personal access token or login token, as stored: everything but the secret, which is never kept. */
public record Token(
        long id,
        String publicId,
        long userId,
        String name,
        String prefix,
        Set<TokenScope> scopes,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
}
