package dev.plughub.registry.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.TokenScope;
import dev.plughub.registry.catalog.CatalogStore.Viewer;
import dev.plughub.registry.http.FieldErrors;
import dev.plughub.registry.http.JsonBodies;
import dev.plughub.registry.http.RawJson;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Browsing the catalogue: {@code GET /api/v1/plugins} (seed 001's list), {@code POST
 * /api/v1/plugins/search} (seed 003's body), a plugin's detail and versions, and
 * {@code DELETE /api/v1/plugins/{id}} (seed 000).
 */
public final class CatalogRoutes {

    private final CatalogService catalog;
    private final Authenticator authenticator;

    public CatalogRoutes(CatalogService catalog, Authenticator authenticator) {
        this.catalog = catalog;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins", this::list);
        routes.post("/api/v1/plugins/search", this::search);
        routes.get("/api/v1/plugins/{id}", ctx -> jsonBytes(ctx, catalog.detailJson(ctx.pathParam("id"))));
        routes.delete("/api/v1/plugins/{id}", this::delete);
        routes.get("/api/v1/plugins/{id}/versions", ctx ->
                ctx.json(Envelope.of(catalog.versions(ctx.pathParam("id"), PageRequest.from(ctx)))));
        // Javalin decodes '+' in a path segment as a space; a version never holds a space, so undo it.
        routes.get("/api/v1/plugins/{id}/versions/{version}", ctx -> ctx.json(Envelope.of(
                catalog.version(ctx.pathParam("id"), ctx.pathParam("version").replace(' ', '+')))));
    }

    private void list(Context ctx) {
        List<String> tags = new ArrayList<>(ctx.queryParams("tag"));
        ctx.queryParams("tags").forEach(t -> tags.addAll(List.of(t.split(","))));
        String search = Optional.ofNullable(ctx.queryParam("search")).orElse(ctx.queryParam("q"));
        ListQuery query = ListQuery.of(new ListQuery.Raw(search, "search", tags, ctx.queryParam("category"),
                ctx.queryParam("sort"), ctx.queryParam("order"), PageRequest.from(ctx)));
        jsonBytes(ctx, catalog.listJson(query, viewer(ctx)));
    }

    /**
     * Seed 003's search: {query, category, tags, sort, order, page, limit | per_page} in a JSON body.
     * A field of the wrong type (an object for a query, a boolean for a page) is a 422 naming it.
     */
    private void search(Context ctx) {
        JsonNode request = JsonBodies.objectOrEmpty(JsonBodies.read(ctx));
        FieldErrors errors = new FieldErrors();
        List<String> tags = new ArrayList<>();
        for (String field : List.of("tags", "tag")) {
            JsonNode node = request.path(field);
            if (node.isArray() && allText(node)) {
                node.forEach(t -> tags.add(t.asText()));
            } else if (node.isTextual()) {
                tags.add(node.asText());
            } else if (!node.isMissingNode() && !node.isNull()) {
                errors.error(field, field + " must be a string or an array of strings");
            }
        }
        String search = text(request, "query", errors).or(() -> text(request, "search", errors))
                .or(() -> text(request, "q", errors)).orElse(null);
        String category = text(request, "category", errors).orElse(null);
        String sort = text(request, "sort", errors).orElse(null);
        String order = text(request, "order", errors).orElse(null);
        String page = number(request, "page", errors).orElse(null);
        String limit = number(request, "limit", errors).or(() -> number(request, "per_page", errors)).orElse(null);
        errors.throwIfAny();
        ListQuery query = ListQuery.of(new ListQuery.Raw(search, "query", tags, category, sort, order,
                PageRequest.of(page, limit)));
        jsonBytes(ctx, catalog.listJson(query, viewer(ctx)));
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Principal> principal = authenticator.authenticate(ctx);
        if (principal.isPresent()) {
            authenticator.require(ctx, TokenScope.PUBLISH);
        }
        catalog.delete(id, principal);
        ctx.json(Envelope.of("Plugin " + id + " deleted", null));
    }

    /** Admins see banned plugins in lists, owners their own; everyone else sees neither. */
    private Viewer viewer(Context ctx) {
        return authenticator.authenticateIfValid(ctx).map(p -> new Viewer(p.isAdmin(), p.userId())).orElse(Viewer.ANONYMOUS);
    }

    /** A string field; absent and null are empty, any other type an error. */
    private static Optional<String> text(JsonNode request, String field, FieldErrors errors) {
        JsonNode node = request.path(field);
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (!node.isMissingNode() && !node.isNull()) {
            errors.error(field, field + " must be a string");
        }
        return Optional.empty();
    }

    /** A whole-number field, also taken as a string of digits (as a query parameter would be); checked by {@link PageRequest}. */
    private static Optional<String> number(JsonNode request, String field, FieldErrors errors) {
        JsonNode node = request.path(field);
        if (node.isNumber() || node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (!node.isMissingNode() && !node.isNull()) {
            errors.error(field, field + " must be a whole number");
        }
        return Optional.empty();
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void jsonBytes(Context ctx, byte[] body) {
        RawJson.write(ctx, body);
    }
}
