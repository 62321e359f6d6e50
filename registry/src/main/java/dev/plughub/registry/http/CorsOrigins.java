package dev.plughub.registry.http;

import dev.plughub.registry.CommaSeparated;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;

/**
 * The web origins whose pages may call the API from a browser ({@code PLUGHUB_CORS_ORIGINS}:
 * {@code https://store.example.com,http://localhost:3000}, or {@code *} for any). None by default:
 * browsers then keep other sites' scripts away from the API, as they do without CORS.
 *
 * <p>Credentials are never allowed cross-site: API clients send a token in {@code Authorization},
 * which CORS permits without them, and the staff session cookie must not ride along on another
 * site's request.
 *
 * @param origins {@code scheme://host[:port]} each, or the single entry {@code *}
 */
public record CorsOrigins(List<String> origins) implements BeforeRule {

    /** What a page may read from an answer besides the simple headers: caching, downloads, limits. */
    private static final String EXPOSED = String.join(", ", "ETag", "Content-Disposition", "Content-Range",
            "Accept-Ranges", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
            "X-RateLimit-Reset");

    public CorsOrigins {
        origins = List.copyOf(origins);
    }

    public static CorsOrigins none() {
        return new CorsOrigins(List.of());
    }

    /**
     * Reads a comma-separated list; blank means none.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code *} or an origin
     */
    public static CorsOrigins parse(String spec) {
        List<String> origins = new ArrayList<>();
        for (String entry : CommaSeparated.entries(spec)) {
            origins.add(entry.equals("*") ? entry : origin(entry));
        }
        if (origins.contains("*") && origins.size() > 1) {
            throw new IllegalArgumentException("PLUGHUB_CORS_ORIGINS: '*' already allows every origin; list origins or '*', not both");
        }
        return new CorsOrigins(origins);
    }

    private static String origin(String entry) {
        try {
            URI uri = new URI(entry);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare) {
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("PLUGHUB_CORS_ORIGINS: '" + entry
                + "' is not an origin (scheme://host[:port], no path, e.g. https://store.example.com) or '*'");
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** Answers preflights and marks answers for the listed origins; nothing at all when none is listed. */
    @Override
    public void register(RoutesConfig routes) {
        if (origins.isEmpty()) {
            return;
        }
        routes.before(this::mark);   // the path "*" spares every request Javalin's pattern match
    }

    /**
     * Any other origin gets an ordinary answer without CORS headers, and its browser keeps the answer
     * from the page. The request is not refused: browsers send {@code Origin} on same-site requests too.
     */
    private void mark(Context ctx) {
        String origin = ctx.header("Origin");
        if (!listed(origin)) {
            return;
        }
        if (origins.contains("*")) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
        String preflightMethod = ctx.header("Access-Control-Request-Method");
        if (ctx.method() == HandlerType.OPTIONS && preflightMethod != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
            String headers = ctx.header("Access-Control-Request-Headers");
            if (headers != null && !headers.isBlank()) {
                ctx.header("Access-Control-Allow-Headers", headers);
            }
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }

    /** A listed origin's requests get CORS headers; any other request is left alone. */
    @Override
    public boolean leavesAlone(PluginRead read, HttpFields headers) {
        return !listed(headers.get("Origin"));
    }

    private boolean listed(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }
}
