package dev.plughub.registry;

import dev.plughub.registry.accounts.PasswordCost;
import dev.plughub.registry.http.CorsOrigins;
import dev.plughub.registry.imports.GitImportSettings;
import dev.plughub.registry.ratelimit.RateLimits;
import dev.plughub.registry.ratelimit.TrustedProxies;
import dev.plughub.registry.storage.BlobStores;
import dev.plughub.registry.storage.DatabaseSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the registry server is told by its operator. Built from the environment
 * ({@link #fromEnvironment}) and then overridden by command-line options ({@code with…}).
 *
 * @param apiKey          the operator key: full admin rights through {@code X-API-Key} or Bearer
 * @param maxPackageBytes the largest package accepted (PLUGHUB_MAX_PACKAGE_MB)
 * @param dev             development mode: {@code upload-temp} and unauthenticated uploads
 * @param rateLimits      seed 001's rate limits (PLUGHUB_RATE_*; 0 = unlimited)
 * @param countDownloads  count downloads for statistics (PLUGHUB_COUNT_DOWNLOADS, default true)
 * @param blobStore       where package files live (PLUGHUB_BLOB_STORE); empty = files under the data directory
 * @param gitImport       importing from git: the outbound allow-list (PLUGHUB_OUTBOUND_ALLOW), the token for
 *                        private repositories (never shown by toString), its hosts and the time limit
 * @param database        the metadata database (PLUGHUB_DATABASE_URL/_USER/_PASSWORD); no URL = SQLite in the
 *                        data directory. Its toString never shows the password.
 * @param trustedProxies  reverse proxies whose X-Forwarded-For names the client (PLUGHUB_TRUSTED_PROXIES);
 *                        none by default, so no header can change who a client is
 * @param corsOrigins     web origins whose pages may call the API from a browser (PLUGHUB_CORS_ORIGINS); none by default
 * @param metricsToken    a bearer token that reads {@code GET /metrics} and nothing else (PLUGHUB_METRICS_TOKEN)
 * @param passwordCost    the Argon2id cost of new password hashes (PLUGHUB_PASSWORD_MEMORY_KIB, _ITERATIONS);
 *                        OWASP's minimum by default
 */
public record RegistryConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> apiKey,
        long maxPackageBytes,
        boolean dev,
        RateLimits rateLimits,
        boolean countDownloads,
        Optional<BlobStores.Location> blobStore,
        DatabaseSettings database,
        GitImportSettings gitImport,
        TrustedProxies trustedProxies,
        CorsOrigins corsOrigins,
        Optional<String> metricsToken,
        PasswordCost passwordCost) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final long DEFAULT_MAX_PACKAGE_MB = 100;

    /** Reads PLUGHUB_* variables, with seed 000's OKO_STORE_* names accepted as aliases. */
    public static RegistryConfig fromEnvironment(Map<String, String> env) {
        String host = first(env, "PLUGHUB_HOST").orElse(DEFAULT_HOST);
        int port = first(env, "PLUGHUB_PORT").map(v -> parseInt("PLUGHUB_PORT", v, 0, 65535)).orElse(DEFAULT_PORT);
        Path dataDir = Path.of(first(env, "PLUGHUB_DATA_DIR", "OKO_STORE_STORAGE_PATH").orElse("./data"));
        Optional<String> apiKey = first(env, "PLUGHUB_API_KEY", "OKO_STORE_API_KEY");
        long maxMb = first(env, "PLUGHUB_MAX_PACKAGE_MB", "OKO_STORE_MAX_PLUGIN_SIZE_MB")
                .map(v -> (long) parseInt("PLUGHUB_MAX_PACKAGE_MB", v, 1, 1_000_000)).orElse(DEFAULT_MAX_PACKAGE_MB);
        boolean dev = first(env, "PLUGHUB_DEV", "OKO_STORE_DEBUG").map(RegistryConfig::parseBoolean).orElse(false);
        boolean countDownloads = first(env, "PLUGHUB_COUNT_DOWNLOADS").map(RegistryConfig::parseBoolean).orElse(true);
        Optional<BlobStores.Location> blobStore = first(env, "PLUGHUB_BLOB_STORE")
                .map(spec -> BlobStores.parse(spec, env));
        return new RegistryConfig(host, port, dataDir, apiKey, maxMb * 1024 * 1024, dev,
                RateLimits.fromEnvironment(env), countDownloads, blobStore, DatabaseSettings.fromEnvironment(env),
                GitImportSettings.fromEnvironment(env),
                first(env, "PLUGHUB_TRUSTED_PROXIES").map(TrustedProxies::parse).orElse(TrustedProxies.none()),
                first(env, "PLUGHUB_CORS_ORIGINS").map(CorsOrigins::parse).orElse(CorsOrigins.none()),
                first(env, "PLUGHUB_METRICS_TOKEN").map(String::trim),
                new PasswordCost(
                        first(env, "PLUGHUB_PASSWORD_MEMORY_KIB").map(v -> parseInt("PLUGHUB_PASSWORD_MEMORY_KIB", v, Integer.MIN_VALUE, Integer.MAX_VALUE))
                                .orElse(PasswordCost.OWASP_MINIMUM.memoryKib()),
                        first(env, "PLUGHUB_PASSWORD_ITERATIONS").map(v -> parseInt("PLUGHUB_PASSWORD_ITERATIONS", v, Integer.MIN_VALUE, Integer.MAX_VALUE))
                                .orElse(PasswordCost.OWASP_MINIMUM.iterations())));
    }

    public RegistryConfig withHost(String host) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withPort(int port) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withDataDir(Path dataDir) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withApiKey(String apiKey) {
        return new RegistryConfig(host, port, dataDir, Optional.ofNullable(apiKey), maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withMaxPackageBytes(long maxPackageBytes) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withDev(boolean dev) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withRateLimits(RateLimits rateLimits) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withCountDownloads(boolean countDownloads) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore, database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withBlobStore(BlobStores.Location blobStore) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads,
                Optional.of(blobStore), database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withDatabase(DatabaseSettings database) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withTrustedProxies(TrustedProxies trustedProxies) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withMetricsToken(String metricsToken) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, Optional.of(metricsToken), passwordCost);
    }

    public RegistryConfig withCorsOrigins(CorsOrigins corsOrigins) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withGitImport(GitImportSettings gitImport) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    public RegistryConfig withPasswordCost(PasswordCost passwordCost) {
        return new RegistryConfig(host, port, dataDir, apiKey, maxPackageBytes, dev, rateLimits, countDownloads, blobStore,
                database, gitImport, trustedProxies, corsOrigins, metricsToken, passwordCost);
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String name : List.of(names)) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
