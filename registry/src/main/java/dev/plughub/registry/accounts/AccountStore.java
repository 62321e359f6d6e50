package dev.plughub.registry.accounts;

import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.SqlErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of the {@code users} and {@code tokens} tables (V1__accounts.sql). Times are epoch millis. */
public final class AccountStore {

    /** A user to insert; the keys that make names unique ignoring case are derived here. */
    public record NewUser(String username, Optional<String> email, Optional<String> displayName,
                          String passwordHash, String role, Instant createdAt) {
    }

    /** A token to insert for some user; {@code hash} is the SHA-256 of the secret. */
    public record NewToken(String publicId, String hash, String prefix, String name, Set<TokenScope> scopes,
                           Instant createdAt, Optional<Instant> expiresAt) {
    }

    /** How an attempt to add a user ended. */
    public sealed interface Registration {
        record Created(User user, Token token) implements Registration {
        }

        /** The name ({@code "username"}) or address ({@code "email"}) is already in use. */
        record Taken(String field) implements Registration {
        }
    }

    /** A token found by its hash, with the user it belongs to. */
    public record TokenOwner(Token token, User user) {
    }

    private static final String TOKEN_COLUMNS =
            "t.id, t.public_id, t.user_id, t.name, t.token_prefix, t.scopes, t.created_at, t.expires_at, "
                    + "t.last_used_at, t.revoked_at";
    private static final String USER_COLUMNS =
            "u.id AS u_id, u.username, u.email, u.display_name, u.password_hash, u.role, u.disabled, "
                    + "u.created_at AS u_created_at";

    private static final RowMapper<Token> TOKEN = (rs, ctx) -> new Token(
            rs.getLong("id"), rs.getString("public_id"), rs.getLong("user_id"), rs.getString("name"),
            rs.getString("token_prefix"), parseScopes(rs.getString("scopes")), Instant.ofEpochMilli(rs.getLong("created_at")),
            instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));

    private static final RowMapper<User> USER = (rs, ctx) -> new User(
            rs.getLong("u_id"), rs.getString("username"), Optional.ofNullable(rs.getString("email")),
            Optional.ofNullable(rs.getString("display_name")), rs.getString("password_hash"), rs.getString("role"),
            rs.getInt("disabled") != 0, Instant.ofEpochMilli(rs.getLong("u_created_at")));

    private final Database db;

    public AccountStore(Database db) {
        this.db = db;
    }

    /** The key under which names and addresses are unique: the same text ignoring case. */
    public static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Adds a user and their first (login) token in one transaction, unless the name or address is taken. */
    public Registration register(NewUser user, NewToken token) {
        try {
            return db.write().inTransaction(h -> {
                Optional<String> taken = takenField(h, user.username(), user.email());
                if (taken.isPresent()) {
                    return new Registration.Taken(taken.get());
                }
                long id = h.createUpdate("""
                        INSERT INTO users (username, username_key, email, email_key, display_name, password_hash,
                                           role, disabled, created_at, updated_at)
                        VALUES (:username, :usernameKey, :email, :emailKey, :displayName, :passwordHash,
                                :role, 0, :createdAt, :createdAt)""")
                        .bind("username", user.username())
                        .bind("usernameKey", key(user.username()))
                        .bind("email", user.email().orElse(null))
                        .bind("emailKey", user.email().map(AccountStore::key).orElse(null))
                        .bind("displayName", user.displayName().orElse(null))
                        .bind("passwordHash", user.passwordHash())
                        .bind("role", user.role())
                        .bind("createdAt", user.createdAt().toEpochMilli())
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                User created = new User(id, user.username(), user.email(), user.displayName(), user.passwordHash(),
                        user.role(), false, user.createdAt());
                return new Registration.Created(created, insertToken(h, id, token));
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                // Another node won the race between our check and our insert (PostgreSQL); say which name it took.
                return new Registration.Taken(db.read().withHandle(h -> takenField(h, user.username(), user.email()))
                        .orElse("username"));
            }
            throw e;
        }
    }

    private static Optional<String> takenField(Handle h, String username, Optional<String> email) {
        boolean nameTaken = h.createQuery("SELECT count(*) FROM users WHERE username_key = :k")
                .bind("k", key(username)).mapTo(Long.class).one() > 0;
        if (nameTaken) {
            return Optional.of("username");
        }
        boolean emailTaken = email.isPresent() && h.createQuery("SELECT count(*) FROM users WHERE email_key = :k")
                .bind("k", key(email.get())).mapTo(Long.class).one() > 0;
        return emailTaken ? Optional.of("email") : Optional.empty();
    }

    public Token insertToken(long userId, NewToken token) {
        return db.write().inTransaction(h -> insertToken(h, userId, token));
    }

    private static Token insertToken(Handle h, long userId, NewToken token) {
        long id = h.createUpdate("""
                INSERT INTO tokens (public_id, user_id, name, token_hash, token_prefix, scopes, created_at, expires_at)
                VALUES (:publicId, :userId, :name, :hash, :prefix, :scopes, :createdAt, :expiresAt)""")
                .bind("publicId", token.publicId())
                .bind("userId", userId)
                .bind("name", token.name())
                .bind("hash", token.hash())
                .bind("prefix", token.prefix())
                .bind("scopes", formatScopes(token.scopes()))
                .bind("createdAt", token.createdAt().toEpochMilli())
                .bind("expiresAt", token.expiresAt().map(Instant::toEpochMilli).orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Token(id, token.publicId(), userId, token.name(), token.prefix(), token.scopes(),
                token.createdAt(), token.expiresAt(), Optional.empty(), Optional.empty());
    }

    /** The user a login names: by username, or by e-mail address when the text contains {@code @}. */
    public Optional<User> findUserByLogin(String login) {
        String column = login.contains("@") ? "email_key" : "username_key";
        return db.read().withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u." + column + " = :k")
                .bind("k", key(login)).map(USER).findOne());
    }

    public Optional<User> findUser(long id) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id).map(USER).findOne());
    }

    public Optional<TokenOwner> findTokenByHash(String hash) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS + ", " + USER_COLUMNS
                        + " FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> new TokenOwner(TOKEN.map(rs, ctx), USER.map(rs, ctx)))
                .findOne());
    }

    public Optional<Token> findToken(String publicId) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM tokens t WHERE t.public_id = :id")
                .bind("id", publicId).map(TOKEN).findOne());
    }

    /** A user's tokens, newest first. */
    public List<Token> listTokens(long userId) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS
                        + " FROM tokens t WHERE t.user_id = :userId ORDER BY t.created_at DESC, t.id DESC")
                .bind("userId", userId).map(TOKEN).list());
    }

    /** Marks a token revoked (keeping the first revocation time) and answers it as it now is. */
    public Optional<Token> revokeToken(String publicId, Instant now) {
        return db.write().inTransaction(h -> {
            h.createUpdate("UPDATE tokens SET revoked_at = :now WHERE public_id = :id AND revoked_at IS NULL")
                    .bind("now", now.toEpochMilli()).bind("id", publicId).execute();
            return h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM tokens t WHERE t.public_id = :id")
                    .bind("id", publicId).map(TOKEN).findOne();
        });
    }

    /** Records a use of the token unless one was recorded since {@code notBefore}. */
    public void touchToken(long tokenId, Instant now, Instant notBefore) {
        db.write().useHandle(h -> h.createUpdate(
                        "UPDATE tokens SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)")
                .bind("now", now.toEpochMilli()).bind("id", tokenId).bind("notBefore", notBefore.toEpochMilli())
                .execute());
    }

    public void setRole(long userId, String role) {
        db.write().useHandle(h -> h.createUpdate("UPDATE users SET role = :role WHERE id = :id")
                .bind("role", role).bind("id", userId).execute());
    }

    public void setDisabled(long userId, boolean disabled) {
        db.write().useHandle(h -> h.createUpdate("UPDATE users SET disabled = :d WHERE id = :id")
                .bind("d", disabled ? 1 : 0).bind("id", userId).execute());
    }

    static Set<TokenScope> parseScopes(String text) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String name : text.trim().split("\\s+")) {
            TokenScope.fromApiName(name).ifPresent(scopes::add);
        }
        return Set.copyOf(scopes);
    }

    static String formatScopes(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::apiName).collect(Collectors.joining(" "));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
