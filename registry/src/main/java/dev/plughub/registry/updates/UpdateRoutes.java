package dev.plughub.registry.updates;

import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.JsonBodies;
import io.javalin.config.RoutesConfig;

/** {@code POST /api/v1/updates} (update checks) and {@code GET /api/v1/versions/by-hash/{sha256}} (which file is this). */
public final class UpdateRoutes {

    private final UpdateCheck updates;
    private final HashLookup hashes;

    public UpdateRoutes(UpdateCheck updates, HashLookup hashes) {
        this.updates = updates;
        this.hashes = hashes;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/updates", ctx -> ctx.json(Envelope.of(updates.check(UpdateRequest.read(JsonBodies.read(ctx))))));
        routes.get("/api/v1/versions/by-hash/{sha256}", ctx -> ctx.json(Envelope.of(hashes.find(ctx.pathParam("sha256")))));
    }
}
