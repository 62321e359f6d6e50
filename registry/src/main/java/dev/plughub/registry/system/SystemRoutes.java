package dev.plughub.registry.system;

import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.http.Envelope;
import io.javalin.config.RoutesConfig;
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
        routes.get("/api/v1/health", ctx -> ctx.json(health()));
        routes.get("/health", ctx -> ctx.json(health()));
        routes.get("/api/v1/info", ctx -> ctx.json(Envelope.of(info())));
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("status", "healthy");
        body.put("version", BuildInfo.VERSION);
        body.put("storage_path", storagePath.toAbsolutePath().normalize().toString());
        body.put("plugins_count", pluginCount.getAsLong());
        return body;
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
