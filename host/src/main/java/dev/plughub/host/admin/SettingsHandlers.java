package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.config.ConfigChange;
import dev.plughub.host.config.ConfigView;
import dev.plughub.host.scopes.PermissionsView;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A plugin's configuration and permissions. */
final class SettingsHandlers {

    private final HostReference host;
    private final Clock clock;

    SettingsHandlers(HostReference host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /**
     * Secrets stay {@code ***hidden***} unless {@code reveal_secrets=true} (or seed 002's
     * {@code include_secrets=true}) is asked by the operator key; the host token may not.
     */
    void config(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        boolean reveal = query.bool("reveal_secrets").orElse(false) | query.bool("include_secrets").orElse(false);
        boolean includeSchema = query.bool("include_schema").orElse(true);
        query.check();
        if (reveal && !HostAdminRoutes.caller(ctx).maySeeSecrets()) {
            throw AdminException.forbidden("Only the operator key (PLUGHUB_API_KEY) may see secrets in clear; "
                    + "the host token sees them as ***hidden***");
        }
        ConfigView view = host.get().config(ctx.pathParam("id"), reveal);
        Map<String, Object> data = object("configuration", view.values());
        if (includeSchema) {
            data.put("schema", view.schema());
        }
        data.put("restart_required", view.restartRequired());
        data.put("last_updated", iso(view.lastUpdated()));
        answer(ctx, 200, object("data", data));
    }

    /** Seed 002's config update: the body holds the fields to change; the rest keep their values. */
    void configure(Context ctx) {
        String id = ctx.pathParam("id");
        ConfigChange change = host.get().configure(id,
                AdminJson.requiredBody(ctx, "a JSON object of the settings to change, such as {\"batch_size\": 100}"));
        switch (change) {
            case ConfigChange.Rejected rejected -> {
                Map<String, List<String>> details = new LinkedHashMap<>();
                rejected.errorsByField().forEach((field, message) -> details.put(field, List.of(message)));
                throw new HostException(HostError.PLUGIN_CONFIGURATION_ERROR, "The configuration of " + id
                        + " was not changed: " + String.join("; ", rejected.errorsByField().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).toList()), Map.copyOf(details));
            }
            case ConfigChange.Applied applied -> answer(ctx, 200, object("data", object(
                    // shown through the host's view so secrets are masked by the one rule that masks them
                    "configuration", host.get().config(id, false).values(),
                    "updated_fields", applied.changedFields(),
                    "restart_required", applied.restartRequired(),
                    "updated_at", iso(clock.instant()))));
        }
    }

    void permissions(Context ctx) {
        String id = ctx.pathParam("id");
        answer(ctx, 200, permissionsAnswer(host.get().permissions(id), sandboxed(id)));
    }

    /**
     * Seed 002's {@code sandbox_enabled}: whether the plugin runs in a process of its own (gRPC). An
     * in-process Java plugin has its own class loader and scope-checked context but shares the JVM.
     */
    private boolean sandboxed(String id) {
        return host.get().find(id).map(p -> p.source().equals("grpc")).orElse(false);
    }

    /** Seed 002's {@code grant} and {@code revoke}; grants outside the operator's policy are refused. */
    void changePermissions(Context ctx) {
        RequestFields fields = RequestFields.of(AdminJson.body(ctx));
        Set<String> grant = fields.strings("grant");
        Set<String> revoke = fields.strings("revoke");
        fields.string("security_level");
        if (!grant.isEmpty() && !revoke.isEmpty()) {
            Set<String> both = new TreeSet<>(grant);
            both.retainAll(revoke);
            if (!both.isEmpty()) {
                fields.reject("grant", "names scopes also in revoke: " + String.join(", ", both));
            }
        }
        fields.check();
        String id = ctx.pathParam("id");
        answer(ctx, 200, permissionsAnswer(host.get().changePermissions(id, grant, revoke), sandboxed(id)));
    }

    private static Map<String, Object> permissionsAnswer(PermissionsView view, boolean sandboxed) {
        return object("data", object(
                "permissions", object(
                        "requested", sorted(view.requested()),
                        "granted", sorted(view.granted()),
                        "denied", sorted(view.denied())),
                "sandbox_enabled", sandboxed,
                "policy", sorted(view.policy())));
    }

    private static List<String> sorted(Set<String> scopes) {
        return List.copyOf(new TreeSet<>(scopes));
    }
}
