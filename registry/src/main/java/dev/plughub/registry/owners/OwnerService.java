package dev.plughub.registry.owners;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.registry.accounts.AccountStore;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.admin.Access;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A plugin's owners: anyone may read them; an owner (through a token with the publish scope) or an
 * admin adds co-owners, removes owners (never the last one) and transfers the plugin to another
 * user, who then is its only owner. Every change is audited in its own transaction.
 */
public final class OwnerService {

    /** One owner as the API shows it. */
    public record OwnerView(String username, Optional<String> displayName, Instant addedAt) {
    }

    public record Owners(String pluginId, List<OwnerView> owners) {
    }

    private record Account(long id, String username, boolean disabled) {
    }

    private final Database db;
    private final CatalogStore catalog;
    private final CatalogCache cache;
    private final AuditLog audit;
    private final Clock clock;

    public OwnerService(Database db, CatalogStore catalog, CatalogCache cache, AuditLog audit, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
    }

    public Owners list(String pluginId) {
        return db.read().withHandle(h -> new Owners(pluginId, owners(h, requirePlugin(h, pluginId).pk())));
    }

    /** Adds a co-owner; false when the user already was one (nothing changes then). */
    public boolean add(Principal principal, String pluginId, String username) {
        boolean added = catalog.inWriteTransaction(h -> {
            PluginRow plugin = requirePlugin(h, pluginId);
            catalog.lockPlugin(h, plugin.pk());   // two owner changes at once: the second sees the first
            Access.requireManager(principal, catalog.ownerIds(h, plugin.pk()), pluginId, "add owners");
            Account user = requireUser(h, username);
            if (user.disabled()) {
                throw new ApiException(ErrorCode.CONFLICT, "The account " + user.username()
                        + " is disabled and cannot become an owner");
            }
            List<String> before = names(h, plugin.pk());
            if (before.contains(user.username())) {
                return false;
            }
            catalog.addOwner(h, plugin.pk(), user.id(), clock.instant());
            audit.record(h, principal, new AuditLog.Change("owner.add", "plugin", pluginId,
                    Map.of("owners", before), Map.of("owners", names(h, plugin.pk())), Optional.empty()), clock.instant());
            return true;
        });
        cache.invalidate(pluginId);
        return added;
    }

    /** Removes an owner, unless they are the last one (409). */
    public void remove(Principal principal, String pluginId, String username) {
        catalog.inWriteTransaction(h -> {
            PluginRow plugin = requirePlugin(h, pluginId);
            catalog.lockPlugin(h, plugin.pk());   // two owner changes at once: the second sees the first
            Access.requireManager(principal, catalog.ownerIds(h, plugin.pk()), pluginId, "remove owners");
            Account user = requireUser(h, username);
            List<String> before = names(h, plugin.pk());
            if (!before.contains(user.username())) {
                throw new ApiException(ErrorCode.NOT_FOUND, user.username() + " is not an owner of " + pluginId,
                        Map.of("username", user.username()));
            }
            if (before.size() == 1) {
                throw new ApiException(ErrorCode.CONFLICT, "Cannot remove " + user.username() + ", the last owner of "
                        + pluginId + ": add another owner first, or transfer the plugin");
            }
            h.createUpdate("DELETE FROM plugin_owners WHERE plugin_pk = :pk AND user_id = :user")
                    .bind("pk", plugin.pk()).bind("user", user.id()).execute();
            audit.record(h, principal, new AuditLog.Change("owner.remove", "plugin", pluginId,
                    Map.of("owners", before), Map.of("owners", names(h, plugin.pk())), Optional.empty()), clock.instant());
            return null;
        });
        cache.invalidate(pluginId);
    }

    /** Makes {@code username} the plugin's only owner. */
    public void transfer(Principal principal, String pluginId, String username) {
        catalog.inWriteTransaction(h -> {
            PluginRow plugin = requirePlugin(h, pluginId);
            catalog.lockPlugin(h, plugin.pk());   // two owner changes at once: the second sees the first
            Access.requireManager(principal, catalog.ownerIds(h, plugin.pk()), pluginId, "transfer it");
            Account user = requireUser(h, username);
            if (user.disabled()) {
                throw new ApiException(ErrorCode.CONFLICT, "The account " + user.username()
                        + " is disabled and cannot receive a plugin");
            }
            List<String> before = names(h, plugin.pk());
            h.createUpdate("DELETE FROM plugin_owners WHERE plugin_pk = :pk AND user_id <> :user")
                    .bind("pk", plugin.pk()).bind("user", user.id()).execute();
            catalog.addOwner(h, plugin.pk(), user.id(), clock.instant());
            audit.record(h, principal, new AuditLog.Change("owner.transfer", "plugin", pluginId,
                    Map.of("owners", before), Map.of("owners", names(h, plugin.pk())), Optional.empty()), clock.instant());
            return null;
        });
        cache.invalidate(pluginId);
    }

    private static List<OwnerView> owners(Handle h, long pluginPk) {
        return h.createQuery("""
                        SELECT u.username, u.display_name, o.added_at FROM plugin_owners o JOIN users u ON u.id = o.user_id
                        WHERE o.plugin_pk = :pk ORDER BY o.added_at, u.username""")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new OwnerView(rs.getString("username"), Optional.ofNullable(rs.getString("display_name")),
                        Instant.ofEpochMilli(rs.getLong("added_at"))))
                .list();
    }

    private static List<String> names(Handle h, long pluginPk) {
        return owners(h, pluginPk).stream().map(OwnerView::username).toList();
    }

    private static Account requireUser(Handle h, String username) {
        return h.createQuery("SELECT id, username, disabled FROM users WHERE username_key = :k")
                .bind("k", AccountStore.key(username))
                .map((rs, ctx) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getInt("disabled") != 0))
                .findOne()
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "User not found: there is no user "
                        + (username.length() > 64 ? username.substring(0, 64) + "…" : username),
                        Map.of("username", username.length() > 64 ? username.substring(0, 64) : username)));
    }

    private PluginRow requirePlugin(Handle h, String pluginId) {
        if (!PluginId.isValid(pluginId)) {
            throw new ApiException(ErrorCode.PLUGIN_NOT_FOUND, "Plugin not found");
        }
        return catalog.findPlugin(h, pluginId).filter(p -> p.deletedAt().isEmpty())
                .orElseThrow(() -> new ApiException(ErrorCode.PLUGIN_NOT_FOUND, "Plugin not found"));
    }
}
