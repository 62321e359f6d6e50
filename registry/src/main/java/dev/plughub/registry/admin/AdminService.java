package dev.plughub.registry.admin;

import dev.plughub.registry.accounts.AccountStore;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.badges.Badge;
import dev.plughub.registry.badges.BadgeStore;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.moderation.ModerationService;
import dev.plughub.registry.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What admins do beyond plugin status: badges (only the admin-set ones), users (role, disabled),
 * and the registry's figures. Every change is audited in its own transaction.
 */
public final class AdminService {

    /** A user as admins see them. */
    public record AdminUser(long id, String username, Optional<String> email, Optional<String> displayName,
                            String role, boolean disabled, Instant createdAt) {
    }

    public record Users(List<AdminUser> users, long total) {
    }

    /** The role and disabled flag of a user, before and after a change. */
    public record UserState(String role, boolean disabled) {
    }

    /** The answer of a badge change: the plugin's admin-set badges now. */
    public record Badges(String pluginId, List<String> badges) {
    }

    public record UsersByRole(long user, long admin) {
    }

    public record Stats(long plugins, long versions, long downloads, long users, long reviews, long bannedPlugins,
                        long deprecatedPlugins, long yankedVersions, UsersByRole usersByRole, long disabledUsers,
                        long downloadsToday) {
    }

    private static final String USER_COLUMNS = "id, username, email, display_name, role, disabled, created_at";

    private final Database db;
    private final ModerationService moderation;
    private final BadgeStore badges;
    private final CatalogCache cache;
    private final AuditLog audit;
    private final Clock clock;

    public AdminService(Database db, ModerationService moderation, BadgeStore badges, CatalogCache cache,
                        AuditLog audit, Clock clock) {
        this.db = db;
        this.moderation = moderation;
        this.badges = badges;
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- badges ----

    /** The badge named in a path: 422 unless it is one admins set. */
    public static Badge adminBadge(String name) {
        return Badge.fromApiName(name).filter(Badge::isAdminSet).orElseThrow(() -> ApiException.validation(Map.of(
                "badge", List.of("badge must be one that admins set: official, verified or featured"
                        + " (popular, trending and new are computed)"))));
    }

    /** Grants ({@code grant}) or removes a badge; answers the plugin's admin-set badges afterwards. */
    public Badges setBadge(Principal admin, String pluginId, Badge badge, boolean grant, String action) {
        Badges answer = db.write().inTransaction(h -> {
            PluginRow plugin = moderation.requirePlugin(h, pluginId);
            List<String> before = names(h, plugin.pk());
            Instant now = clock.instant();
            boolean changed = grant
                    ? badges.grant(h, plugin.pk(), badge, AuditLog.actorName(admin), now.toEpochMilli())
                    : badges.revoke(h, plugin.pk(), badge);
            List<String> after = names(h, plugin.pk());
            if (changed) {
                audit.record(h, admin, new AuditLog.Change(action, "plugin", pluginId, Map.of("badges", before),
                        Map.of("badges", after), Optional.empty()), now);
            }
            return new Badges(pluginId, after);
        });
        cache.invalidate(pluginId);
        return answer;
    }

    private List<String> names(Handle h, long pluginPk) {
        return badges.list(h, pluginPk).stream().map(g -> g.badge().apiName()).toList();
    }

    // ---- users ----

    /** Users by id, a page at a time; {@code search} matches username, e-mail or display name. */
    public Users users(Optional<String> search, long offset, int limit) {
        String where = search.isPresent()
                ? " FROM users WHERE username_key LIKE :q ESCAPE '!' OR email_key LIKE :q ESCAPE '!'"
                        + " OR lower(display_name) LIKE :q ESCAPE '!'"
                : " FROM users";
        String pattern = search.map(s -> "%" + AccountStore.key(s).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%").orElse(null);
        return db.read().withHandle(h -> {
            var count = h.createQuery("SELECT count(*)" + where);
            var rows = h.createQuery("SELECT " + USER_COLUMNS + where + " ORDER BY id LIMIT :limit OFFSET :offset");
            if (pattern != null) {
                count.bind("q", pattern);
                rows.bind("q", pattern);
            }
            long total = count.mapTo(Long.class).one();
            return new Users(rows.bind("limit", limit).bind("offset", offset).map((rs, ctx) -> user(rs)).list(), total);
        });
    }

    /** Changes a user's role and/or disabled flag; their tokens follow at once (checked on every request). */
    public AdminUser updateUser(Principal admin, String idOrName, Optional<String> role, Optional<Boolean> disabled) {
        return db.write().inTransaction(h -> {
            AdminUser user = findUser(h, idOrName).orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND,
                    "User not found: there is no user " + (idOrName.length() > 64 ? idOrName.substring(0, 64) + "…" : idOrName)));
            if (!admin.operator() && admin.userId() == user.id()
                    && (disabled.orElse(false) || role.filter(r -> !r.equals("admin")).isPresent())) {
                throw new ApiException(ErrorCode.CONFLICT, "Admins cannot disable or demote their own account:"
                        + " ask another admin, or use the operator key");
            }
            UserState before = new UserState(user.role(), user.disabled());
            UserState after = new UserState(role.orElse(user.role()), disabled.orElse(user.disabled()));
            if (!after.equals(before)) {
                h.createUpdate("UPDATE users SET role = :role, disabled = :disabled, updated_at = :now WHERE id = :id")
                        .bind("role", after.role()).bind("disabled", after.disabled() ? 1 : 0)
                        .bind("now", clock.millis()).bind("id", user.id()).execute();
                audit.record(h, admin, new AuditLog.Change("user.update", "user", user.username(), before, after,
                        Optional.empty()), clock.instant());
            }
            return findUser(h, Long.toString(user.id())).orElseThrow();
        });
    }

    private static Optional<AdminUser> findUser(Handle h, String idOrName) {
        if (idOrName.matches("[0-9]{1,18}")) {
            Optional<AdminUser> byId = h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id")
                    .bind("id", Long.parseLong(idOrName)).map((rs, ctx) -> user(rs)).findOne();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username_key = :k")
                .bind("k", AccountStore.key(idOrName)).map((rs, ctx) -> user(rs)).findOne();
    }

    private static AdminUser user(ResultSet rs) throws SQLException {
        return new AdminUser(rs.getLong("id"), rs.getString("username"), Optional.ofNullable(rs.getString("email")),
                Optional.ofNullable(rs.getString("display_name")), rs.getString("role"), rs.getInt("disabled") != 0,
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    // ---- figures ----

    public Stats stats() {
        String today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        return db.read().withHandle(h -> {
            Map<String, Object> row = new LinkedHashMap<>(h.createQuery("""
                            SELECT
                              (SELECT count(*) FROM plugins WHERE deleted_at IS NULL) AS plugins,
                              (SELECT count(*) FROM plugin_versions WHERE deleted_at IS NULL) AS versions,
                              (SELECT coalesce(sum(downloads), 0) FROM plugins) AS downloads,
                              (SELECT count(*) FROM users) AS users,
                              (SELECT count(*) FROM ratings) AS reviews,
                              (SELECT count(*) FROM plugins WHERE deleted_at IS NULL AND status = 'banned') AS banned,
                              (SELECT count(*) FROM plugins WHERE deleted_at IS NULL AND status = 'deprecated') AS deprecated,
                              (SELECT count(*) FROM plugin_versions WHERE deleted_at IS NULL AND yanked = 1) AS yanked,
                              (SELECT count(*) FROM users WHERE role = 'admin') AS admins,
                              (SELECT count(*) FROM users WHERE disabled = 1) AS disabled,
                              (SELECT coalesce(sum(n), 0) FROM download_daily WHERE day = :today) AS today""")
                    .bind("today", today).mapToMap().one());
            long users = number(row, "users");
            long admins = number(row, "admins");
            return new Stats(number(row, "plugins"), number(row, "versions"), number(row, "downloads"), users, number(row, "reviews"),
                    number(row, "banned"), number(row, "deprecated"), number(row, "yanked"),
                    new UsersByRole(users - admins, admins), number(row, "disabled"), number(row, "today"));
        });
    }

    private static long number(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
