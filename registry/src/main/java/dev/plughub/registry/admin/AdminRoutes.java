package dev.plughub.registry.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.badges.Badge;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.http.Pagination;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin-only routes: {@code POST /api/v1/admin/plugins/{id}/verify}, {@code POST|DELETE
 * /api/v1/admin/plugins/{id}/badges/{badge}}, {@code GET /api/v1/admin/users}, {@code PUT|PATCH
 * /api/v1/admin/users/{id}} and {@code GET /api/v1/admin/stats}.
 */
public final class AdminRoutes {

    /** {@code data} of the users list. */
    public record UserPage(List<AdminService.AdminUser> users, Pagination pagination) {
    }

    private final AdminService admin;
    private final Access access;

    public AdminRoutes(AdminService admin, Access access) {
        this.admin = admin;
        this.access = access;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/admin/plugins/{id}/verify", this::verify);
        routes.post("/api/v1/admin/plugins/{id}/badges/{badge}", ctx -> badge(ctx, true));
        routes.delete("/api/v1/admin/plugins/{id}/badges/{badge}", ctx -> badge(ctx, false));
        routes.get("/api/v1/admin/users", this::users);
        routes.put("/api/v1/admin/users/{id}", this::updateUser);
        routes.patch("/api/v1/admin/users/{id}", this::updateUser);
        routes.get("/api/v1/admin/stats", ctx -> {
            access.requireAdmin(ctx);
            ctx.json(Envelope.of(admin.stats()));
        });
    }

    private void verify(Context ctx) {
        Principal principal = access.requireAdmin(ctx);
        String id = ctx.pathParam("id");
        var answer = admin.setBadge(principal, id, Badge.VERIFIED, true, "plugin.verify");
        ctx.json(Envelope.of("Plugin " + id + " verified", answer));
    }

    private void badge(Context ctx, boolean grant) {
        Principal principal = access.requireAdmin(ctx);
        String id = ctx.pathParam("id");
        Badge badge = AdminService.adminBadge(ctx.pathParam("badge"));
        var answer = admin.setBadge(principal, id, badge, grant, grant ? "badge.grant" : "badge.remove");
        ctx.json(Envelope.of("Badge " + badge.apiName() + (grant ? " granted to " : " removed from ") + id, answer));
    }

    private void users(Context ctx) {
        access.requireAdmin(ctx);
        PageRequest page = PageRequest.from(ctx);
        Optional<String> search = Optional.ofNullable(ctx.queryParam("search")).or(() -> Optional.ofNullable(ctx.queryParam("q")))
                .map(String::trim).filter(s -> !s.isEmpty());
        var found = admin.users(search, page.offset(), page.limit());
        ctx.json(Envelope.of(new UserPage(found.users(), Pagination.of(page, found.total()))));
    }

    private void updateUser(Context ctx) {
        Principal principal = access.requireAdmin(ctx);
        JsonNode body = Access.body(ctx);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<String> role = Optional.empty();
        JsonNode roleNode = body.path("role");
        if (!roleNode.isMissingNode() && !roleNode.isNull()) {
            if (roleNode.isTextual() && (roleNode.asText().equals("user") || roleNode.asText().equals("admin"))) {
                role = Optional.of(roleNode.asText());
            } else {
                errors.put("role", List.of("role must be user or admin"));
            }
        }
        Optional<Boolean> disabled = Optional.empty();
        JsonNode disabledNode = body.path("disabled");
        if (!disabledNode.isMissingNode() && !disabledNode.isNull()) {
            if (disabledNode.isBoolean()) {
                disabled = Optional.of(disabledNode.asBoolean());
            } else {
                errors.put("disabled", List.of("disabled must be true or false"));
            }
        }
        if (errors.isEmpty() && role.isEmpty() && disabled.isEmpty()) {
            errors.put("role", List.of("give role (user or admin), disabled (true or false), or both"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var user = admin.updateUser(principal, ctx.pathParam("id"), role, disabled);
        ctx.json(Envelope.of("User " + user.username() + " updated", user));
    }
}
