package dev.plughub.registry.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.admin.Access;
import dev.plughub.registry.http.Envelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Status and yank routes: {@code PUT|POST /api/v1/admin/plugins/{id}/status} (admins),
 * {@code POST|DELETE /api/v1/plugins/{id}/deprecate} (owners and admins), {@code DELETE
 * /api/v1/plugins/{id}/versions/{version}/yank} to yank and {@code POST …/unyank} to take it back
 * (owners and admins).
 */
public final class ModerationRoutes {

    private final ModerationService moderation;
    private final Access access;

    public ModerationRoutes(ModerationService moderation, Access access) {
        this.moderation = moderation;
        this.access = access;
    }

    public void register(RoutesConfig routes) {
        routes.put("/api/v1/admin/plugins/{id}/status", this::setStatus);
        routes.post("/api/v1/admin/plugins/{id}/status", this::setStatus);
        routes.post("/api/v1/plugins/{id}/deprecate", this::deprecate);
        routes.delete("/api/v1/plugins/{id}/deprecate", this::undeprecate);
        routes.delete("/api/v1/plugins/{id}/versions/{version}/yank", this::yank);
        routes.post("/api/v1/plugins/{id}/versions/{version}/unyank", this::unyank);
    }

    private void setStatus(Context ctx) {
        Principal admin = access.requireAdmin(ctx);
        JsonNode body = Access.body(ctx);
        var answer = moderation.setStatus(admin, ctx.pathParam("id"), Access.text(body, "status"),
                Access.text(body, "reason"), Access.text(body, "replacement"));
        ctx.json(Envelope.of("Status of " + answer.pluginId() + " set to " + answer.status(), answer));
    }

    private void deprecate(Context ctx) {
        Principal principal = access.requireAny(ctx);
        JsonNode body = Access.body(ctx);
        var answer = moderation.deprecate(principal, ctx.pathParam("id"), Access.text(body, "reason"),
                Access.text(body, "replacement"));
        ctx.json(Envelope.of("Plugin " + answer.pluginId() + " deprecated", answer));
    }

    private void undeprecate(Context ctx) {
        Principal principal = access.requireAny(ctx);
        var answer = moderation.undeprecate(principal, ctx.pathParam("id"));
        ctx.json(Envelope.of("Plugin " + answer.pluginId() + " is no longer deprecated", answer));
    }

    private void yank(Context ctx) {
        Principal principal = access.requireAny(ctx);
        Optional<String> reason = Optional.ofNullable(ctx.queryParam("reason")).map(String::trim).filter(r -> !r.isEmpty())
                .or(() -> Access.text(Access.body(ctx), "reason"));
        var answer = moderation.yank(principal, ctx.pathParam("id"), version(ctx), reason);
        ctx.json(Envelope.of("Version " + answer.version() + " of " + answer.pluginId() + " yanked", answer));
    }

    private void unyank(Context ctx) {
        Principal principal = access.requireAny(ctx);
        var answer = moderation.unyank(principal, ctx.pathParam("id"), version(ctx));
        ctx.json(Envelope.of("Version " + answer.version() + " of " + answer.pluginId() + " is no longer yanked", answer));
    }

    /** Javalin decodes '+' in a path segment as a space; a version never holds a space, so undo it. */
    private static String version(Context ctx) {
        return ctx.pathParam("version").replace(' ', '+');
    }
}
