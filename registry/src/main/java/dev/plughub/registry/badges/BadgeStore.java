package dev.plughub.registry.badges;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for admin-set badges ({@code plugin_badges}). Callers own the transaction. */
public final class BadgeStore {

    /** One stored badge. */
    public record Granted(Badge badge, String grantedBy, long grantedAt) {
    }

    /**
     * Grants an admin-set badge; true when the plugin did not have it yet. Computed badges cannot be
     * granted.
     */
    public boolean grant(Handle h, long pluginPk, Badge badge, String grantedBy, long now) {
        requireAdminSet(badge);
        return h.createUpdate("""
                        INSERT INTO plugin_badges (plugin_pk, badge, granted_by, granted_at)
                        VALUES (:pk, :badge, :by, :at) ON CONFLICT (plugin_pk, badge) DO NOTHING""")
                .bind("pk", pluginPk).bind("badge", badge.apiName()).bind("by", grantedBy).bind("at", now)
                .execute() > 0;
    }

    /** Removes an admin-set badge; true when the plugin had it. */
    public boolean revoke(Handle h, long pluginPk, Badge badge) {
        requireAdminSet(badge);
        return h.createUpdate("DELETE FROM plugin_badges WHERE plugin_pk = :pk AND badge = :badge")
                .bind("pk", pluginPk).bind("badge", badge.apiName()).execute() > 0;
    }

    /** The plugin's stored badges, in {@link Badge} order. */
    public List<Granted> list(Handle h, long pluginPk) {
        return h.createQuery("SELECT badge, granted_by, granted_at FROM plugin_badges WHERE plugin_pk = :pk")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> {
                    Optional<Badge> badge = Badge.fromApiName(rs.getString("badge"));
                    return badge.isEmpty() ? null
                            : new Granted(badge.get(), rs.getString("granted_by"), rs.getLong("granted_at"));
                })
                .list().stream()
                .filter(Objects::nonNull)
                .sorted(java.util.Comparator.comparing(Granted::badge))
                .toList();
    }

    private static void requireAdminSet(Badge badge) {
        if (!badge.isAdminSet()) {
            throw new IllegalArgumentException("The badge " + badge.apiName() + " is computed and cannot be granted or removed");
        }
    }
}
