package dev.plughub.registry.storage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which database holds the metadata: SQLite in the data folder when no URL is given (the zero-set-up
 * default), or the PostgreSQL database a {@code jdbc:postgresql://} URL names (cluster mode). The
 * password never appears in {@link #toString()} or in an error message.
 *
 * @param url      PLUGHUB_DATABASE_URL / --database-url; empty = SQLite
 * @param user     PLUGHUB_DATABASE_USER (else the URL's own {@code user=} or the driver's default)
 * @param password PLUGHUB_DATABASE_PASSWORD
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<String> password) {

    public static final String URL_PREFIX = "jdbc:postgresql://";

    public static final DatabaseSettings SQLITE = new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public DatabaseSettings {
        url.ifPresent(DatabaseSettings::requirePostgresUrl);
    }

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        return new DatabaseSettings(value(env, "PLUGHUB_DATABASE_URL"), value(env, "PLUGHUB_DATABASE_USER"),
                value(env, "PLUGHUB_DATABASE_PASSWORD"));
    }

    /** A PostgreSQL URL from the command line; keeps the user and password from the environment. */
    public DatabaseSettings withUrl(String url) {
        return new DatabaseSettings(Optional.of(url.strip()), user, password);
    }

    public Dialect dialect() {
        return url.isPresent() ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** The URL without its query string (which may carry a password), for messages and logs. */
    public String displayUrl() {
        return url.map(DatabaseSettings::withoutQuery).orElse("SQLite in the data folder");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + displayUrl() + ", user=" + user.orElse("(default)")
                + ", password=" + (password.isPresent() ? "***" : "(none)") + "]";
    }

    private static void requirePostgresUrl(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            throw new IllegalArgumentException("PLUGHUB_DATABASE_URL must be a PostgreSQL JDBC URL such as "
                    + URL_PREFIX + "db.example.com:5432/plughub, not '" + withoutQuery(url) + "'");
        }
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
