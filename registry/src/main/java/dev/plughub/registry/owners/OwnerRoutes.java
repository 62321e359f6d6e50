package dev.plughub.registry.owners;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.admin.Access;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code GET|POST /api/v1/plugins/{id}/owners}, {@code DELETE /api/v1/plugins/{id}/owners/{username}}
 * and {@code POST /api/v1/plugins/{id}/transfer}.
 */
public final class OwnerRoutes {

    private final OwnerService owners;
    private final Access access;

    public OwnerRoutes(OwnerService owners, Access access) {
        this.owners = owners;
        this.access = access;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins/{id}/owners", ctx -> ctx.json(Envelope.of(owners.list(ctx.pathParam("id")))));
        routes.post("/api/v1/plugins/{id}/owners", this::add);
        routes.delete("/api/v1/plugins/{id}/owners/{username}", this::remove);
        routes.post("/api/v1/plugins/{id}/transfer", this::transfer);
    }

    private void add(Context ctx) {
        Principal principal = access.requireAny(ctx);
        String username = username(Access.body(ctx));
        String id = ctx.pathParam("id");
        boolean added = owners.add(principal, id, username);
        ctx.status(added ? 201 : 200).json(Envelope.of(added ? username + " is now an owner of " + id
                : username + " already is an owner of " + id, owners.list(id)));
    }

    private void remove(Context ctx) {
        Principal principal = access.requireAny(ctx);
        String id = ctx.pathParam("id");
        owners.remove(principal, id, ctx.pathParam("username"));
        ctx.json(Envelope.of(ctx.pathParam("username") + " is no longer an owner of " + id, owners.list(id)));
    }

    private void transfer(Context ctx) {
        Principal principal = access.requireAny(ctx);
        String username = username(Access.body(ctx));
        String id = ctx.pathParam("id");
        owners.transfer(principal, id, username);
        ctx.json(Envelope.of(id + " now belongs to " + username, owners.list(id)));
    }

    private static String username(JsonNode body) {
        return Access.text(body, "username").orElseThrow(() ->
                ApiException.validation(Map.of("username", List.of("username is required: the user to make an owner"))));
    }
}
