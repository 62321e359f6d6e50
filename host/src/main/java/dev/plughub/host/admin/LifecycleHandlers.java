package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginView;
import dev.plughub.host.install.InstallPlan;
import dev.plughub.host.install.InstallResult;
import dev.plughub.host.install.RescanResult;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.install.UninstallResult;
import dev.plughub.host.install.UpdateOptions;
import dev.plughub.host.install.UpdateResult;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Listing, rescanning, installing, updating, rolling back, uninstalling, enabling, disabling, restarting. */
final class LifecycleHandlers {

    private final HostReference host;
    private final Clock clock;

    LifecycleHandlers(HostReference host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /** Seed 004's {@code plugins} at the top, seed 002's list and summary in {@code data}; seed 002's filters. */
    void list(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        Optional<StatusFilter> status = query.string("status").filter(text -> !text.isBlank()).flatMap(text -> {
            Optional<StatusFilter> filter = StatusFilter.parse(text);
            if (filter.isEmpty()) {
                query.reject("status", "must be one of " + StatusFilter.ACCEPTED);
            }
            return filter;
        });
        String category = query.string("category").orElse("");
        String search = query.string("search").orElse("").toLowerCase(Locale.ROOT);
        boolean includeDisabled = query.bool("include_disabled").orElse(true);
        query.check();
        List<PluginView> all = host.get().list();
        List<PluginView> shown = all.stream()
                .filter(p -> status.isEmpty() || status.get().matches(p.state()))
                .filter(p -> category.isEmpty() || p.category().filter(category::equals).isPresent())
                .filter(p -> search.isEmpty() || (p.id() + " " + p.name() + " " + p.description()).toLowerCase(Locale.ROOT).contains(search))
                .filter(p -> includeDisabled || p.enabled())
                .toList();
        PluginDetails details = new PluginDetails(host.get(), clock);
        List<PluginView> listed = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (PluginView plugin : shown) {
            try {
                entries.add(details.listEntry(plugin));
                listed.add(plugin);
            } catch (HostException e) {
                if (e.code() != HostError.PLUGIN_NOT_FOUND) {
                    throw e;
                }
                // uninstalled while this list was being written: it is simply not in it
            }
        }
        answer(ctx, 200, object(
                "plugins", listed.stream().map(PluginJson::seed004).toList(),
                "data", object(
                        "plugins", entries,
                        "summary", PluginJson.summary(all))));
    }

    void detail(Context ctx) {
        PluginView plugin = host.get().find(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx.pathParam("id")));
        answer(ctx, 200, object("data", object("plugin", new PluginDetails(host.get(), clock).detail(plugin))));
    }

    void rescan(Context ctx) {
        RescanResult result = host.get().rescan();
        answer(ctx, 200, object(
                "message", "rescanned " + result.plugins().size() + " plugins",
                "plugins", result.plugins().stream().map(PluginJson::seed004).toList(),
                "data", object(
                        "added", result.added(),
                        "removed", result.removed(),
                        "problems", result.problems().stream().map(p -> object("file", p.file(), "error", p.error())).toList())));
    }

    void install(Context ctx) {
        InstallBody body = InstallBody.read(AdminJson.body(ctx));
        if (body.dryRun()) {
            InstallPlan plan = host.get().plan(body.request(), body.options());
            answer(ctx, 200, object("data", object("plan", object(
                    "plugin_id", plan.requestedId(),
                    "plugins", plan.plugins().stream().map(p -> object(
                            "id", p.id(), "version", p.version(), "source", p.source(),
                            "action", p.action().name().toLowerCase(Locale.ROOT))).toList()))));
            return;
        }
        InstallResult result = host.get().install(body.request(), body.options());
        answer(ctx, 200, object("data", object(
                "installation", object(
                        "plugin_id", result.pluginId(),
                        "status", result.status(),
                        "version", result.version(),
                        "installed_at", iso(result.installedAt()),
                        "duration_seconds", result.duration().toNanos() / 1e9),
                "plugin", PluginJson.brief(result.plugin()),
                "installed", result.installed().stream().map(PluginJson::brief).toList())));
    }

    /**
     * Seed 002's update. {@code update_config} is read for compatibility only: the stored
     * configuration always carries over and is checked against the new version's schema.
     */
    void update(Context ctx) {
        RequestFields fields = RequestFields.of(AdminJson.body(ctx));
        var version = fields.string("version").filter(v -> !v.isBlank());
        boolean backup = fields.bool("backup_current").orElse(true);
        boolean restart = fields.bool("restart_plugin").orElse(true);
        fields.bool("update_config");
        fields.check();
        UpdateResult result = host.get().update(ctx.pathParam("id"), version, new UpdateOptions(backup, restart));
        Map<String, Object> update = object(
                "plugin_id", result.pluginId(),
                "old_version", result.oldVersion(),
                "new_version", result.newVersion(),
                "status", result.status(),
                "backup_id", result.backupId().orElse(null),
                "updated_at", iso(result.updatedAt()),
                "restarted_dependents", result.restarted(),
                "restart_required", result.restartRequired());
        if (result.error().isPresent()) {
            // The new version did not start and the old one was put back: the update failed.
            update.put("error", result.error().get());
            throw new HostException(HostError.PLUGIN_STARTUP_FAILED, "The update of " + result.pluginId() + " to "
                    + result.newVersion() + " was rolled back because the new version failed to start: "
                    + result.error().get(), Map.of("update", update));
        }
        answer(ctx, 200, object("data", object("update", update, "plugin", PluginJson.brief(result.plugin()))));
    }

    void rollback(Context ctx) {
        PluginView plugin = host.get().rollback(ctx.pathParam("id"));
        answer(ctx, 200, object("data", object(
                "rollback", object(
                        "plugin_id", plugin.id(),
                        "status", "completed",
                        "version", plugin.version(),
                        "rolled_back_at", iso(clock.instant())),
                "plugin", PluginJson.brief(plugin))));
    }

    void uninstall(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        UninstallOptions options = new UninstallOptions(
                query.bool("force").orElse(false),
                query.bool("backup").orElse(false),
                query.bool("cleanup_data").orElse(false));
        query.check();
        UninstallResult result = host.get().uninstall(ctx.pathParam("id"), options);
        answer(ctx, 200, object("data", object("uninstallation", object(
                "plugin_id", result.pluginId(),
                "status", result.status(),
                "backup_created", result.backupCreated(),
                "backup_id", result.backupId().orElse(null),
                "data_removed", result.dataRemoved(),
                "uninstalled_at", iso(result.uninstalledAt())))));
    }

    void enable(Context ctx) {
        PluginView plugin = host.get().enable(ctx.pathParam("id"));
        answer(ctx, 200, object("data", stateChange(plugin, "enabled_at")));
    }

    /**
     * Seed 002's disable. The host's own shutdown deadline bounds the graceful stop, so
     * {@code graceful_shutdown} and {@code timeout_seconds} are checked but cannot lengthen it.
     */
    void disable(Context ctx) {
        String reason = reason(ctx);
        PluginView plugin = host.get().disable(ctx.pathParam("id"));
        Map<String, Object> data = stateChange(plugin, "disabled_at");
        data.put("reason", reason);
        answer(ctx, 200, object("data", data));
    }

    void restart(Context ctx) {
        String reason = reason(ctx);
        PluginView plugin = host.get().restart(ctx.pathParam("id"));
        Map<String, Object> data = stateChange(plugin, "restarted_at");
        data.put("reason", reason);
        answer(ctx, 200, object("data", data));
    }

    private String reason(Context ctx) {
        RequestFields fields = RequestFields.of(AdminJson.body(ctx));
        String reason = fields.string("reason").orElse("");
        fields.bool("graceful_shutdown");
        fields.integer("timeout_seconds", 1, 3600);
        fields.check();
        return reason;
    }

    private Map<String, Object> stateChange(PluginView plugin, String timeField) {
        Map<String, Object> data = object(
                "plugin_id", plugin.id(),
                "status", plugin.state().label(),
                "enabled", plugin.enabled(),
                "error", plugin.error());
        data.put(timeField, iso(clock.instant()));
        data.put("plugin", PluginJson.brief(plugin));
        return data;
    }

    static HostException notFound(String id) {
        return new HostException(HostError.PLUGIN_NOT_FOUND, "No plugin with id '" + id + "' is installed",
                Map.of("plugin_id", id));
    }
}
