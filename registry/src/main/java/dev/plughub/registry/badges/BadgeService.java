package dev.plughub.registry.badges;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's badges: the admin-set ones from {@code plugin_badges} (re-read at most every
 * {@code adminRefresh}), and the computed ones (docs/marketplace.md):
 * <ul>
 *   <li>{@code popular}: {@value #POPULAR_DOWNLOADS} downloads or more in total;</li>
 *   <li>{@code trending}: at least {@value #TRENDING_MIN_WEEK} downloads in the last 7 UTC days (today
 *       included) and at least twice as many as in the 7 days before; computed for the whole
 *       catalogue at most every {@code trendingRefresh};</li>
 *   <li>{@code new}: first published within the last {@value #NEW_DAYS} days.</li>
 * </ul>
 */
public final class BadgeService {

    public static final long POPULAR_DOWNLOADS = 1_000;
    public static final long TRENDING_MIN_WEEK = 100;
    public static final int NEW_DAYS = 30;

    /** One badge of a plugin, as {@code GET /api/v1/plugins/{id}/badges} shows it (absent fields left out). */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record BadgeView(String badge, String kind, Optional<Instant> grantedAt, Optional<String> reason) {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}/badges}. */
    public record BadgeList(String pluginId, List<BadgeView> badges) {
    }

    private final Database db;
    private final BadgeStore store;
    private final Clock clock;
    private final LoadingCache<String, Map<Long, Set<Badge>>> admin;
    private final LoadingCache<String, Set<Long>> trending;

    public BadgeService(Database db, BadgeStore store, Clock clock, Duration adminRefresh, Duration trendingRefresh) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.admin = Caffeine.newBuilder().expireAfterWrite(adminRefresh)
                .build(k -> loadAdmin());
        this.trending = Caffeine.newBuilder().expireAfterWrite(trendingRefresh).build(k -> loadTrending());
    }

    /** The API names of a plugin's badges, in {@link Badge} order (cheap: for list items). */
    public List<String> namesOf(PluginRow plugin) {
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        badges.addAll(admin.get("all").getOrDefault(plugin.pk(), Set.of()));
        badges.addAll(computed(plugin));
        List<String> names = new ArrayList<>(badges.size());
        badges.forEach(b -> names.add(b.apiName()));
        return names;
    }

    /** Every badge of a plugin with its kind, when it was granted and why it holds. */
    public BadgeList list(PluginRow plugin) {
        List<BadgeView> views = new ArrayList<>();
        db.read().useHandle(h -> store.list(h, plugin.pk()).forEach(g -> views.add(new BadgeView(
                g.badge().apiName(), "admin", Optional.of(Instant.ofEpochMilli(g.grantedAt())), Optional.empty()))));
        Map<Badge, String> reasons = new EnumMap<>(Badge.class);
        Set<Badge> computed = computed(plugin);
        if (computed.contains(Badge.POPULAR)) {
            reasons.put(Badge.POPULAR, plugin.downloads() + " downloads (at least " + POPULAR_DOWNLOADS + ")");
        }
        if (computed.contains(Badge.TRENDING)) {
            reasons.put(Badge.TRENDING, "at least " + TRENDING_MIN_WEEK
                    + " downloads in the last 7 days and at least twice as many as in the 7 days before");
        }
        if (computed.contains(Badge.NEW)) {
            reasons.put(Badge.NEW, "first published within the last " + NEW_DAYS + " days");
        }
        reasons.forEach((b, why) -> views.add(new BadgeView(b.apiName(), "computed", Optional.empty(), Optional.of(why))));
        return new BadgeList(plugin.pluginId(), views);
    }

    /** Forgets the cached admin badges and trending set (after a grant or a revoke in this process). */
    public void invalidate() {
        admin.invalidateAll();
        trending.invalidateAll();
    }

    private Set<Badge> computed(PluginRow plugin) {
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        if (plugin.downloads() >= POPULAR_DOWNLOADS) {
            badges.add(Badge.POPULAR);
        }
        if (trending.get("all").contains(plugin.pk())) {
            badges.add(Badge.TRENDING);
        }
        if (!plugin.createdAt().isBefore(clock.instant().minus(Duration.ofDays(NEW_DAYS)))) {
            badges.add(Badge.NEW);
        }
        return badges;
    }

    private Map<Long, Set<Badge>> loadAdmin() {
        Map<Long, Set<Badge>> all = new HashMap<>();
        db.read().useHandle(h -> h.createQuery("SELECT plugin_pk, badge FROM plugin_badges")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> Badge.fromApiName(e.getValue()).ifPresent(b ->
                        all.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(Badge.class)).add(b))));
        return all;
    }

    private Set<Long> loadTrending() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Set<Long> pks = new HashSet<>();
        db.read().useHandle(h -> h.createQuery("""
                        SELECT plugin_pk FROM (   -- a derived table: PostgreSQL's HAVING cannot use select-list names
                            SELECT v.plugin_pk,
                                   SUM(CASE WHEN d.day >= :week THEN d.n ELSE 0 END) AS recent,
                                   SUM(CASE WHEN d.day < :week THEN d.n ELSE 0 END) AS earlier
                            FROM download_daily d JOIN plugin_versions v ON v.id = d.version_pk
                            WHERE d.day >= :from AND d.day <= :today
                            GROUP BY v.plugin_pk) totals
                        WHERE recent >= :min AND recent >= 2 * earlier""")
                .bind("week", today.minusDays(6).toString())
                .bind("from", today.minusDays(13).toString())
                .bind("today", today.toString())
                .bind("min", TRENDING_MIN_WEEK)
                .mapTo(Long.class)
                .forEach(pks::add));
        return pks;
    }

    /** Used by callers that already hold the plugin id only. */
    public BadgeList list(CatalogService catalog, String pluginId) {
        return list(catalog.requirePlugin(pluginId));
    }
}
