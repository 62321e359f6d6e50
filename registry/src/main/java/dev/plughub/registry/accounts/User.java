package dev.plughub.registry.accounts;

import java.time.Instant;
import java.util.Optional;

/** A registered account, as stored (the password hash never leaves the accounts feature). */
public record User(
        long id,
        String username,
        Optional<String> email,
        Optional<String> displayName,
        String passwordHash,
        String role,
        boolean disabled,
        Instant createdAt) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    public boolean isAdmin() {
        return ROLE_ADMIN.equals(role);
    }
}
