package dev.plughub.registry.system;

import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.storage.DatabaseOutage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** {@code GET /api/v1/health} (seed 000's shape), {@code GET /health} and {@code GET /api/v1/info}. */
public final class SystemRoutes {

    private final Path storagePath;
    private final LongSupplier pluginCount;
    private final boolean dev;

    public SystemRoutes(Path storagePath, LongSupplier pluginCount, boolean dev) {
        this.storagePath = storagePath;
        this.pluginCount = pluginCount;
        this.dev = dev;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", this::health);
        routes.get("/health", this::health);
        routes.get("/api/v1/info", ctx -> ctx.json(Envelope.of(info())));
    }

    /**
     * Seed 000's shape; when the database cannot be reached, 503 with {@code status: unhealthy} and
     * {@code database: unreachable} (without a count), so a load balancer takes the node out of rotation
     * until it answers again.
     */
    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("status", "healthy");
        body.put("version", BuildInfo.VERSION);
        body.put("storage_path", storagePath.toAbsolutePath().normalize().toString());
        try {
            body.put("plugins_count", pluginCount.getAsLong());
            body.put("database", "up");
            ctx.json(body);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isConnectionFailure(e)) {
                throw e;
            }
            body.put("success", false);   // a LinkedHashMap keeps the keys where seed 000 has them
            body.put("status", "unhealthy");
            body.put("database", "unreachable");
            ctx.status(503).header("Retry-After", Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds())).json(body);
        }
    }

    private Map<String, Object> info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Plughub");
        body.put("version", BuildInfo.VERSION);
        body.put("api_version", "v1");
        body.put("java_version", Runtime.version().toString());
        body.put("package_formats", java.util.List.of("zip", "tar.gz", "jar"));
        body.put("dev_mode", dev);
        body.put("documentation", Map.of("openapi", "/openapi.json", "swagger_ui", "/docs", "redoc", "/redoc"));
        return body;
    }
}
