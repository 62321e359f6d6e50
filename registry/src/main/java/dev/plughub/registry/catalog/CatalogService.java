package dev.plughub.registry.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.Version;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.catalog.CatalogStore.PluginRows;
import dev.plughub.registry.catalog.CatalogStore.VersionRow;
import dev.plughub.registry.catalog.CatalogStore.Viewer;
import dev.plughub.registry.catalog.CatalogViews.Dependencies;
import dev.plughub.registry.catalog.CatalogViews.PluginDetail;
import dev.plughub.registry.catalog.CatalogViews.PluginPage;
import dev.plughub.registry.catalog.CatalogViews.PluginSummary;
import dev.plughub.registry.catalog.CatalogViews.Publisher;
import dev.plughub.registry.catalog.CatalogViews.VersionDetail;
import dev.plughub.registry.catalog.CatalogViews.VersionPage;
import dev.plughub.registry.catalog.CatalogViews.VersionSummary;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.http.Pagination;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalogue as readers see it — lists, search, plugin and version details — and deletion.
 * The hottest answers come pre-serialized from the {@link CatalogCache}.
 */
public final class CatalogService {

    /** Seed 001's text for an unknown plugin. */
    public static final String PLUGIN_NOT_FOUND = "Plugin not found";

    private final CatalogStore store;
    private final CatalogCache cache;
    private final ExtractedPackages extracted;
    private final Clock clock;
    private final boolean dev;
    private final AuditLog audit;
    private final ObjectMapper json = Json.mapper();

    /** What the audit log keeps of a deletion, before and after: the plugin as it was, and whether it is gone. */
    public record DeletionState(String status, Optional<String> currentVersion, boolean deleted) {
    }

    /** The ratings part of a plugin's detail (seed 001's recent_ratings and rating_distribution), kept by the reviews feature. */
    public interface DetailRatings {
        /** The newest ratings, newest first. */
        List<?> recent(long pluginPk, int count);

        /** Ratings per star, "5" to "1". */
        Map<String, Long> distribution(long pluginPk);
    }

    /** A plugin's badges for list items and the detail (set by the badges feature; none until then). */
    private volatile Function<PluginRow, List<String>> badges = row -> List.of();

    /** Lets list items and the detail carry each plugin's badges. */
    public void useBadges(Function<PluginRow, List<String>> badges) {
        this.badges = badges;
    }

    /** How many ratings the detail shows. */
    public static final int RECENT_RATINGS = 5;

    private final DetailRatings ratings;

    public CatalogService(CatalogStore store, CatalogCache cache, ExtractedPackages extracted, Clock clock, boolean dev,
                          DetailRatings ratings, AuditLog audit) {
        this.ratings = ratings;
        this.audit = audit;
        this.store = store;
        this.cache = cache;
        this.extracted = extracted;
        this.clock = clock;
        this.dev = dev;
    }

    /** The list answer ({@code {success, data: {plugins, pagination}}}) as JSON bytes. */
    public byte[] listJson(ListQuery query, Viewer viewer) {
        if (viewer.equals(Viewer.ANONYMOUS)) {
            return cache.list(query, () -> Json.bytes(Envelope.of(list(query, viewer))));
        }
        return Json.bytes(Envelope.of(list(query, viewer)));
    }

    public PluginPage list(ListQuery query, Viewer viewer) {
        PluginRows rows = store.list(query, viewer);
        List<PluginSummary> plugins = rows.rows().stream().map(r -> r.summary().withBadges(badges.apply(r))).toList();
        return new PluginPage(plugins, Pagination.of(query.page(), rows.total()));
    }

    /** The detail answer ({@code {success, data: detail}}) as JSON bytes; 404 for unknown or deleted ids. */
    public byte[] detailJson(String pluginId) {
        if (!PluginId.isValid(pluginId)) {
            throw pluginNotFound();
        }
        return cache.detail(pluginId, id -> store.findPlugin(id).map(p -> Json.bytes(Envelope.of(detail(p)))))
                .orElseThrow(CatalogService::pluginNotFound);
    }

    public PluginDetail detail(PluginRow plugin) {
        List<VersionRow> versions = store.liveVersions(plugin.pk());
        Optional<VersionRow> head = VersionOrder.head(versions);
        JsonNode manifest = head.map(v -> readTree(store.manifestJson(v.pk()))).orElseGet(json::createObjectNode);
        Dependencies dependencies = head.map(v -> store.dependencies(v.pk())).orElseGet(() -> new Dependencies(Map.of(), Map.of()));
        List<String> permissions = new ArrayList<>();
        manifest.path("permissions").forEach(p -> permissions.add(p.asText()));
        CatalogStore.Lifecycle lifecycle = store.lifecycle(plugin.pk());
        return new PluginDetail(plugin.summary().withBadges(badges.apply(plugin)), versions.stream().map(VersionRow::summary).toList(),
                List.<Object>copyOf(ratings.recent(plugin.pk(), RECENT_RATINGS)), ratings.distribution(plugin.pk()),
                store.owners(plugin.pk()), dependencies, permissions, manifest, lifecycle.replacement(),
                lifecycle.statusReason());
    }

    /** A plugin's versions, newest first by SemVer, a page at a time. */
    public VersionPage versions(String pluginId, PageRequest page) {
        PluginRow plugin = requirePlugin(pluginId);
        List<VersionRow> versions = store.liveVersions(plugin.pk());
        int from = (int) Math.min(page.offset(), versions.size());
        int to = Math.min(from + page.limit(), versions.size());
        return new VersionPage(versions.subList(from, to).stream().map(VersionRow::summary).toList(),
                Pagination.of(page, versions.size()));
    }

    public VersionDetail version(String pluginId, String versionText) {
        PluginRow plugin = requirePlugin(pluginId);
        VersionRow v = namedVersion(plugin, versionText, Map.of());
        return new VersionDetail(plugin.pluginId(), v.version(), v.changelog(), v.fileSize(), "sha256:" + v.sha256(),
                v.sha256(), v.downloads(), v.createdAt(), !v.semver().isPrerelease(), v.yanked(), v.format(),
                downloadUrl(plugin.pluginId(), v.version()), readTree(store.manifestJson(v.pk())),
                store.dependencies(v.pk()), store.publisherName(v.pk()).map(Publisher::new), v.yankedAt(),
                v.yankReason(), store.versionSource(v.pk()));
    }

    /**
     * The version a request names exactly (a pre-release or a yanked one too), or a 404
     * {@code VERSION_NOT_FOUND} with {@code details} and the plugin and version added.
     */
    public VersionRow namedVersion(PluginRow plugin, String versionText, Map<String, Object> details) {
        return Version.tryParse(versionText)
                .flatMap(parsed -> store.findVersion(plugin.pk(), parsed))
                .orElseThrow(() -> {
                    Map<String, Object> all = new LinkedHashMap<>(details);
                    all.put("plugin_id", plugin.pluginId());
                    all.put("version", versionText);
                    return new ApiException(ErrorCode.VERSION_NOT_FOUND,
                            "Plugin version not found: " + plugin.pluginId() + " has no version " + versionText, all);
                });
    }

    /**
     * The version {@code /path} serves, as downloads without a version do: the current one (newest
     * stable, not yanked).
     *
     * @throws ApiException 404 {@link NoStableVersion} when there is none, naming the newest pre-release
     */
    public VersionRow defaultVersion(PluginRow plugin, Map<String, Object> details) {
        List<VersionRow> versions = store.liveVersions(plugin.pk());
        return VersionOrder.current(versions).orElseThrow(() -> NoStableVersion.of(plugin.pluginId(),
                VersionOrder.newestPrerelease(versions).map(VersionRow::version), details));
    }

    /**
     * Soft-deletes a plugin for its owners or an admin (or anyone, for an ownerless plugin in
     * development mode), with an audit entry in the same transaction. The id and its versions stay
     * reserved; the extracted files go.
     */
    public void delete(String pluginId, Optional<Principal> principal) {
        PluginRow plugin = requirePlugin(pluginId);
        if (!Ownership.mayManage(store.ownerIds(plugin.pk()), principal, dev)) {
            if (principal.isEmpty()) {
                throw new ApiException(ErrorCode.AUTH_REQUIRED, "Authentication required: only owners can delete " + pluginId);
            }
            throw ApiException.forbidden("Forbidden: only owners can delete " + pluginId);
        }
        Instant now = clock.instant();
        store.inWriteTransaction(h -> {
            store.lockPlugin(h, plugin.pk());   // two deletes at once: one deletes, the other finds it gone
            PluginRow before = store.findPlugin(h, pluginId).filter(p -> p.deletedAt().isEmpty())
                    .orElseThrow(CatalogService::pluginNotFound);
            store.softDelete(h, plugin.pk(), now);
            audit.record(h, principal, new AuditLog.Change("plugin.delete", "plugin", pluginId,
                    new DeletionState(before.status(), before.currentVersion(), false),
                    new DeletionState(before.status(), before.currentVersion(), true), Optional.empty()), now);
            return null;
        });
        cache.invalidate(pluginId);
        extracted.remove(pluginId);
    }

    /** A plugin that is not deleted, or a 404 with seed 001's message. */
    public PluginRow requirePlugin(String pluginId) {
        if (!PluginId.isValid(pluginId)) {
            throw pluginNotFound();
        }
        return store.findPlugin(pluginId).orElseThrow(CatalogService::pluginNotFound);
    }

    static ApiException pluginNotFound() {
        return new ApiException(ErrorCode.PLUGIN_NOT_FOUND, PLUGIN_NOT_FOUND);
    }

    static String downloadUrl(String pluginId, String version) {
        return "/api/v1/plugins/" + pluginId + "/download?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored manifest is always JSON", e);
        }
    }

}
