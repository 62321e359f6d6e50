package dev.plughub.registry.moderation;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.Version;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.admin.Access;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A plugin's lifecycle: its status (admins set any; owners deprecate and un-deprecate their own),
 * and yanking and un-yanking versions (owners and admins). Every change is written with its audit
 * entry in one transaction that holds the plugin's row (so concurrent changes on PostgreSQL take
 * turns and each audit entry's "before" is the previous one's "after"), the plugin's current version
 * is recomputed in it, and the catalogue's cached answers are dropped after the commit.
 */
public final class ModerationService {

    public static final Set<String> STATUSES = Set.of("active", "deprecated", "banned", "processing");
    public static final int MAX_REASON = 500;

    /** A plugin's status as the API and the audit log show it. */
    public record StatusState(String status, Optional<String> reason, Optional<String> replacement) {
    }

    /** The answer of a status change. */
    public record StatusAnswer(String pluginId, String status, Optional<String> reason, Optional<String> replacement) {
    }

    /** A version's yank state as the API and the audit log show it. */
    public record YankState(boolean yanked, Optional<Instant> yankedAt, Optional<String> yankReason) {
    }

    /** The answer of a yank or un-yank. */
    public record YankAnswer(String pluginId, String version, boolean yanked, Optional<Instant> yankedAt,
                             Optional<String> yankReason, Optional<String> currentVersion) {
    }

    private record VersionRow(long pk, String version, YankState state) {
    }

    private final CatalogStore catalog;
    private final CatalogCache cache;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable statusChanged;

    /** @param statusChanged runs after a status change commits (drops {@link BannedPlugins}' ids) */
    public ModerationService(CatalogStore catalog, CatalogCache cache, AuditLog audit, Clock clock, Runnable statusChanged) {
        this.catalog = catalog;
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
        this.statusChanged = statusChanged;
    }

    // ---- status ----

    /** An admin sets any status; {@code replacement} only with {@code deprecated}. */
    public StatusAnswer setStatus(Principal admin, String pluginId, Optional<String> status, Optional<String> reason,
                                  Optional<String> replacement) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (status.isEmpty()) {
            errors.put("status", List.of("status is required: one of active, deprecated, banned, processing"));
        } else if (!STATUSES.contains(status.get())) {
            errors.put("status", List.of("status must be one of active, deprecated, banned, processing"));
        } else if (replacement.isPresent() && !status.get().equals("deprecated")) {
            errors.put("replacement", List.of("replacement may only be given when the status is deprecated"));
        }
        checkReason(reason, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return changeStatus(admin, pluginId, status.get(), reason, replacement, "plugin.status", null);
    }

    /** An owner (or admin) marks their plugin deprecated, optionally naming the plugin that replaces it. */
    public StatusAnswer deprecate(Principal principal, String pluginId, Optional<String> reason, Optional<String> replacement) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        checkReason(reason, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return changeStatus(principal, pluginId, "deprecated", reason, replacement, "plugin.deprecate", "deprecated");
    }

    /** An owner (or admin) takes back a deprecation: the plugin is active again. */
    public StatusAnswer undeprecate(Principal principal, String pluginId) {
        return changeStatus(principal, pluginId, "active", Optional.empty(), Optional.empty(), "plugin.undeprecate",
                "active");
    }

    /** {@code ownerRule} is null for admin-only changes, else the status an owner's change sets. */
    private StatusAnswer changeStatus(Principal principal, String pluginId, String status, Optional<String> reason,
                                      Optional<String> replacement, String action, String ownerRule) {
        StatusAnswer answer = catalog.inWriteTransaction(h -> {
            PluginRow plugin = requirePlugin(h, pluginId);
            // Concurrent changes on PostgreSQL take turns here, so each reads the state the one before
            // it left: no audit entry's "before" is lost, none interleaves (SQLite has one writer anyway).
            catalog.lockPlugin(h, plugin.pk());
            if (ownerRule != null) {
                Access.requireManager(principal, catalog.ownerIds(h, plugin.pk()), pluginId,
                        "deprecate or un-deprecate it");
            }
            StatusState before = state(h, plugin.pk());
            if (ownerRule != null && !principal.isAdmin()) {
                if (before.status().equals("banned") || before.status().equals("processing")) {
                    throw ApiException.forbidden("Forbidden: " + pluginId + " is " + before.status()
                            + "; only administrators can change its status");
                }
            }
            if (ownerRule != null && ownerRule.equals("active") && !before.status().equals("deprecated")) {
                throw new ApiException(ErrorCode.CONFLICT, pluginId + " is not deprecated (its status is "
                        + before.status() + "), so there is no deprecation to take back");
            }
            if (replacement.isPresent()) {
                checkReplacement(h, pluginId, replacement.get());
            }
            StatusState after = new StatusState(status, reason, replacement);
            h.createUpdate("""
                            UPDATE plugins SET status = :status, status_reason = :reason, deprecated_replacement = :replacement
                            WHERE id = :pk""")
                    .bind("status", status).bind("reason", reason.orElse(null))
                    .bind("replacement", replacement.orElse(null)).bind("pk", plugin.pk()).execute();
            audit.record(h, principal, new AuditLog.Change(action, "plugin", pluginId, before, after, reason),
                    clock.instant());
            return new StatusAnswer(pluginId, status, reason, replacement);
        });
        cache.invalidate(pluginId);
        statusChanged.run();
        return answer;
    }

    private void checkReplacement(Handle h, String pluginId, String replacement) {
        String problem = null;
        if (replacement.equals(pluginId)) {
            problem = "replacement must name another plugin, not " + pluginId + " itself";
        } else if (!PluginId.isValid(replacement)
                || catalog.findPlugin(h, replacement).filter(p -> p.deletedAt().isEmpty()).isEmpty()) {
            problem = "replacement must name a plugin of this registry; there is no plugin " + abbreviate(replacement);
        }
        if (problem != null) {
            throw ApiException.validation(Map.of("replacement", List.of(problem)));
        }
    }

    private static void checkReason(Optional<String> reason, Map<String, List<String>> errors) {
        if (reason.isPresent() && reason.get().length() > MAX_REASON) {
            errors.put("reason", List.of("reason must be at most " + MAX_REASON + " characters"));
        }
    }

    /** The status state of a plugin (its row key). */
    static StatusState state(Handle h, long pluginPk) {
        return h.createQuery("SELECT status, status_reason, deprecated_replacement FROM plugins WHERE id = :pk")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new StatusState(rs.getString("status"), Optional.ofNullable(rs.getString("status_reason")),
                        Optional.ofNullable(rs.getString("deprecated_replacement"))))
                .one();
    }

    // ---- yank ----

    /** Yanks a version: it stays downloadable by its exact version, and is never the current or default one. */
    public YankAnswer yank(Principal principal, String pluginId, String versionText, Optional<String> reason) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        checkReason(reason, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return changeYank(principal, pluginId, versionText, true, reason);
    }

    /** Takes back a yank: the version may be current again. */
    public YankAnswer unyank(Principal principal, String pluginId, String versionText) {
        return changeYank(principal, pluginId, versionText, false, Optional.empty());
    }

    private YankAnswer changeYank(Principal principal, String pluginId, String versionText, boolean yank,
                                  Optional<String> reason) {
        YankAnswer answer = catalog.inWriteTransaction(h -> {
            PluginRow plugin = requirePlugin(h, pluginId);
            catalog.lockPlugin(h, plugin.pk());   // as for status changes: the version's state is read after the lock
            Access.requireManager(principal, catalog.ownerIds(h, plugin.pk()), pluginId,
                    yank ? "yank its versions" : "un-yank its versions");
            VersionRow version = requireVersion(h, plugin, versionText);
            Instant now = clock.instant();
            if (version.state().yanked() != yank) {
                YankState after = yank ? new YankState(true, Optional.of(now), reason)
                        : new YankState(false, Optional.empty(), Optional.empty());
                h.createUpdate("UPDATE plugin_versions SET yanked = :y, yanked_at = :at, yank_reason = :reason WHERE id = :pk")
                        .bind("y", yank ? 1 : 0)
                        .bind("at", after.yankedAt().map(Instant::toEpochMilli).orElse(null))
                        .bind("reason", after.yankReason().orElse(null))
                        .bind("pk", version.pk())
                        .execute();
                catalog.refreshPlugin(h, plugin.pk(), now, Map.of());
                audit.record(h, principal, new AuditLog.Change(yank ? "version.yank" : "version.unyank", "version",
                        pluginId + "@" + version.version(), version.state(), after, reason), now);
                version = new VersionRow(version.pk(), version.version(), after);
            }
            Optional<String> current = catalog.findPlugin(h, pluginId).flatMap(PluginRow::currentVersion);
            return new YankAnswer(pluginId, version.version(), version.state().yanked(), version.state().yankedAt(),
                    version.state().yankReason(), current);
        });
        cache.invalidate(pluginId);
        return answer;
    }

    private VersionRow requireVersion(Handle h, PluginRow plugin, String versionText) {
        Optional<Version> parsed = versionText.length() > Version.MAX_LENGTH ? Optional.empty() : Version.tryParse(versionText);
        return parsed.flatMap(v -> h.createQuery("""
                                SELECT id, version, yanked, yanked_at, yank_reason FROM plugin_versions
                                WHERE plugin_pk = :pk AND version_key = :key AND deleted_at IS NULL""")
                        .bind("pk", plugin.pk()).bind("key", CatalogStore.versionKey(v))
                        .map((rs, ctx) -> {
                            long at = rs.getLong("yanked_at");
                            Optional<Instant> yankedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                            return new VersionRow(rs.getLong("id"), rs.getString("version"), new YankState(
                                    rs.getInt("yanked") != 0, yankedAt, Optional.ofNullable(rs.getString("yank_reason"))));
                        })
                        .findOne())
                .orElseThrow(() -> new ApiException(ErrorCode.VERSION_NOT_FOUND, "Plugin version not found: "
                        + plugin.pluginId() + " has no version " + abbreviate(versionText),
                        Map.of("plugin_id", plugin.pluginId(), "version", abbreviate(versionText))));
    }

    /** A plugin that is not deleted, looked up in the transaction; 404 otherwise. */
    public PluginRow requirePlugin(Handle h, String pluginId) {
        if (!PluginId.isValid(pluginId)) {
            throw new ApiException(ErrorCode.PLUGIN_NOT_FOUND, "Plugin not found");
        }
        return catalog.findPlugin(h, pluginId).filter(p -> p.deletedAt().isEmpty())
                .orElseThrow(() -> new ApiException(ErrorCode.PLUGIN_NOT_FOUND, "Plugin not found"));
    }

    static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
