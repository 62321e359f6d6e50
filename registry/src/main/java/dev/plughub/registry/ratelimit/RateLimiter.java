package dev.plughub.registry.ratelimit;

import dev.plughub.registry.accounts.AccountRoutes;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.PublishRoutes;
import dev.plughub.registry.http.PluginRead;
import dev.plughub.registry.imports.ImportRoutes;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.Dialect;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Seed 001's rate limits, applied before every API route: each request falls in at most one
 * {@link Kind}, and each kind has a fixed-window limit per client ({@link ClientKey}: the user when
 * authenticated, else the address). Limited answers carry {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the window resets); a
 * refused one is 429 {@code RATE_LIMITED} with {@code Retry-After} (seconds). The operator key is
 * exempt. A kind whose limit is 0 is not counted at all, and with every limit 0 nothing is registered.
 *
 * <p>A plugin detail or download from a client without credentials is counted in the fast paths
 * in front of Javalin too ({@link #admit}), when the counts are in memory: such clients are keyed by
 * address, which needs no database. Over the limit, the request goes the full way for its 429.
 */
public final class RateLimiter implements BeforeRule {

    /** The classes of seed 001's table. */
    public enum Kind {
        QUERIES("queries"), UPLOADS("uploads"), DOWNLOADS("downloads"), RATINGS("ratings and reviews"),
        /** Logins and registrations: each costs an Argon2 hash, and an unlimited login invites password guessing. */
        SIGN_INS("logins and registrations");

        /** What the 429 sentence says there were too many of. */
        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    private static final Pattern DOWNLOAD = Pattern.compile("^/api/v1/plugins/[^/]+/download/?$");
    private static final Pattern RATING = Pattern.compile("^/api/v1/plugins/[^/]+/(ratings|reviews|reviews/[^/]+/vote)/?$");
    private static final Set<String> PUBLISH = Set.of(PublishRoutes.UPLOAD, PublishRoutes.UPLOAD_ZIP,
            PublishRoutes.PUBLISH, PublishRoutes.UPLOAD_TEMP, ImportRoutes.IMPORT);
    private static final Set<String> SIGN_IN = Set.of(AccountRoutes.LOGIN, AccountRoutes.REGISTER);
    private static final Set<String> EXEMPT = Set.of("/api/v1/health");

    private final RateLimits limits;
    private final Authenticator authenticator;
    private final TrustedProxies proxies;
    private final Map<Kind, WindowLimiter> limiters = new EnumMap<>(Kind.class);

    /** Counts in this node's memory: right for one node. */
    public RateLimiter(RateLimits limits, Authenticator authenticator, TrustedProxies proxies, Clock clock) {
        this(limits, authenticator, proxies, (limit, window) -> new FixedWindowLimiter(limit, window, clock));
    }

    /**
     * Counts where every node sees the same numbers: in PostgreSQL when that is the database (any
     * number of nodes may share it), else in memory (SQLite means one node).
     */
    public static RateLimiter sharedThrough(Database db, RateLimits limits, Authenticator authenticator,
                                            TrustedProxies proxies, Clock clock) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return new RateLimiter(limits, authenticator, proxies, clock);
        }
        return new RateLimiter(limits, authenticator, proxies,
                (limit, window) -> new SharedWindowLimiter(db, limit, window, clock));
    }

    private RateLimiter(RateLimits limits, Authenticator authenticator, TrustedProxies proxies,
                        BiFunction<Integer, Duration, WindowLimiter> limiter) {
        this.limits = limits;
        this.authenticator = authenticator;
        this.proxies = proxies;
        add(Kind.QUERIES, limits.queriesPerMinute(), Duration.ofMinutes(1), limiter);
        add(Kind.UPLOADS, limits.uploadsPerHour(), Duration.ofHours(1), limiter);
        add(Kind.DOWNLOADS, limits.downloadsPerMinute(), Duration.ofMinutes(1), limiter);
        add(Kind.RATINGS, limits.ratingsPerHour(), Duration.ofHours(1), limiter);
        add(Kind.SIGN_INS, limits.signInsPerMinute(), Duration.ofMinutes(1), limiter);
    }

    private void add(Kind kind, int limit, Duration window, BiFunction<Integer, Duration, WindowLimiter> limiter) {
        if (limit > 0) {
            limiters.put(kind, limiter.apply(limit, window));
        }
    }

    /** Registers the check before the API routes, unless every limit is off. */
    @Override
    public void register(RoutesConfig routes) {
        if (limits.isUnlimited()) {
            return;
        }
        routes.before("/api/*", this::check);
    }

    /** A detail read is a query: it is counted, and gets the limit's headers, whenever queries are limited. */
    @Override
    public boolean leavesAlone(PluginRead read, HttpFields headers) {
        return !limiters.containsKey(kindOf(read));
    }

    /** Without credentials the client is its address, counted in memory: nothing a fast path cannot do. */
    @Override
    public boolean appliesFast(PluginRead read, HttpFields headers) {
        return limiters.get(kindOf(read)) instanceof FixedWindowLimiter
                && !headers.contains(HttpHeader.AUTHORIZATION) && !headers.contains(Authenticator.API_KEY_HEADER);
    }

    @Override
    public boolean admit(PluginRead read, Request request, HttpFields.Mutable answer) {
        Kind kind = kindOf(read);
        WindowLimiter limiter = limiters.get(kind);
        if (limiter == null) {
            return true;
        }
        WindowLimiter.Decision d = limiter.acquire(kind.name() + '|' + ClientKey.ofAddress(proxies.clientAddress(request)));
        if (d.allowed()) {
            describe(answer::put, d);
        }
        return d.allowed();
    }

    private static Kind kindOf(PluginRead read) {
        return switch (read) {
            case PluginRead.Detail detail -> Kind.QUERIES;
            case PluginRead.Download download -> Kind.DOWNLOADS;
        };
    }

    /** The limit's headers, on every counted answer. */
    private static void describe(BiConsumer<String, String> header, WindowLimiter.Decision d) {
        header.accept("X-RateLimit-Limit", Integer.toString(d.limit()));
        header.accept("X-RateLimit-Remaining", Integer.toString(d.remaining()));
        header.accept("X-RateLimit-Reset", Long.toString(d.resetSeconds()));
    }

    /** The kind a request counts against, if any. */
    public static Optional<Kind> classify(String method, String path) {
        if (EXEMPT.contains(path)) {
            return Optional.empty();
        }
        return switch (method) {
            case "GET", "HEAD" -> Optional.of(DOWNLOAD.matcher(path).matches() ? Kind.DOWNLOADS : Kind.QUERIES);
            case "POST" -> PUBLISH.contains(path) ? Optional.of(Kind.UPLOADS)
                    : RATING.matcher(path).matches() ? Optional.of(Kind.RATINGS)
                    : SIGN_IN.contains(path) ? Optional.of(Kind.SIGN_INS) : Optional.empty();
            default -> Optional.empty();
        };
    }

    void check(Context ctx) {
        Optional<Kind> kind = classify(ctx.method().name(), ctx.path());
        if (kind.isEmpty()) {
            return;
        }
        WindowLimiter limiter = limiters.get(kind.get());
        if (limiter == null) {
            return;
        }
        Optional<Principal> principal = principal(ctx);
        if (principal.map(Principal::operator).orElse(false)) {
            return;
        }
        // a sign-in is counted by address whatever credentials come with it: they are what is being guessed
        String client = kind.get() == Kind.SIGN_INS ? ClientKey.ofAddress(TrustedProxies.clientAddress(ctx))
                : ClientKey.of(principal, TrustedProxies.clientAddress(ctx));
        WindowLimiter.Decision d = limiter.acquire(kind.get().name() + '|' + client);
        describe(ctx::header, d);
        if (!d.allowed()) {
            ctx.header("Retry-After", Long.toString(d.resetSeconds()));
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many " + kind.get().noun
                    + ": at most " + d.limit() + " per " + window(kind.get()) + "; try again in "
                    + d.resetSeconds() + " seconds", Map.of("limit", d.limit(), "retry_after", d.resetSeconds()));
        }
    }

    private static String window(Kind kind) {
        return kind == Kind.UPLOADS || kind == Kind.RATINGS ? "hour" : "minute";
    }

    /** Credentials are looked at only when sent; bad ones are left for the route to refuse. */
    private Optional<Principal> principal(Context ctx) {
        return authenticator.authenticateIfValid(ctx);
    }
}
