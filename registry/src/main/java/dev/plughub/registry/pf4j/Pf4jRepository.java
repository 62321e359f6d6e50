package dev.plughub.registry.pf4j;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plughub.registry.resolve.PluginReleases;
import dev.plughub.registry.resolve.Release;
import dev.plughub.registry.resolve.ReleaseStore;
import dev.plughub.registry.storage.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue as a PF4J update repository ({@code org.pf4j:pf4j-update}'s {@code plugins.json}):
 * every plugin that is not banned or deleted and has a Java package PF4J can load (runtime
 * {@code java}, a {@code .jar} or {@code .zip}), with its releases newest first. Yanked versions are
 * left out, because PF4J installs the highest release it is given; pre-releases too unless asked for.
 */
public final class Pf4jRepository {

    /** Where a release's file is, relative to the repository base; it ends in the file's real name. */
    static final String FILES = "files/";
    private static final Set<String> LOADABLE_FORMATS = Set.of("jar", "zip");

    private final Database db;
    private final ReleaseStore releases;
    private final Sha512Sums sha512;

    public Pf4jRepository(Database db, ReleaseStore releases, Sha512Sums sha512) {
        this.db = db;
        this.releases = releases;
        this.sha512 = sha512;
    }

    /** PF4J's {@code PluginInfo}: the field names are PF4J's own (camelCase). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PluginInfo(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("provider") String provider,
            @JsonProperty("projectUrl") String projectUrl,
            @JsonProperty("releases") List<PluginRelease> releases) {
    }

    /** PF4J's {@code PluginRelease}; {@code date} is written {@code yyyy-MM-dd'T'HH:mm:ss'Z'}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PluginRelease(
            @JsonProperty("version") String version,
            @JsonProperty("date") Instant date,
            @JsonProperty("requires") String requires,
            @JsonProperty("url") String url,
            @JsonProperty("sha512sum") String sha512sum) {
    }

    private record Listing(String id, String name, String description, Optional<String> provider,
                           Optional<String> projectUrl) {
    }

    public List<PluginInfo> plugins(boolean prereleases) {
        List<Listing> listings = listings();
        Map<String, PluginReleases> byId = releases.find(listings.stream().map(Listing::id).toList());
        List<Release> listed = new ArrayList<>();
        for (PluginReleases p : byId.values()) {
            p.releases().stream().filter(r -> isListed(r, prereleases)).forEach(listed::add);
        }
        Map<Long, String> sums = sha512.of(listed);
        List<PluginInfo> plugins = new ArrayList<>();
        for (Listing listing : listings) {
            PluginReleases p = byId.get(listing.id());
            if (p == null) {
                continue;
            }
            List<PluginRelease> out = p.releases().stream()
                    .filter(r -> isListed(r, prereleases))
                    .sorted(Comparator.comparing(Release::version).reversed())
                    .map(r -> new PluginRelease(r.version().toString(), r.publishedAt(),
                            Pf4jRequires.fromRange(r.hostRequirement().orElse(null)), fileUrl(r), sums.get(r.versionPk())))
                    .toList();
            if (!out.isEmpty()) {
                plugins.add(new PluginInfo(listing.id(), listing.name(), listing.description(),
                        listing.provider().orElse(null), listing.projectUrl().orElse(null), out));
            }
        }
        return plugins;
    }

    /** {@code files/{id}/{version}/{file name}}: PF4J names the downloaded file after the URL's last segment. */
    static String fileUrl(Release r) {
        return FILES + r.pluginId() + "/" + r.version() + "/" + r.served().fileName();
    }

    private static boolean isListed(Release r, boolean prereleases) {
        return !r.yanked()
                && (prereleases || !r.version().isPrerelease())
                && r.runtime().filter("java"::equals).isPresent()
                && LOADABLE_FORMATS.contains(r.format());
    }

    /**
     * The plugins that may have a release PF4J can load. The manifest test is a coarse filter on the
     * stored canonical JSON, so that a catalogue of mostly other plugins costs little; {@link #isListed}
     * decides.
     */
    private List<Listing> listings() {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT p.plugin_id, p.name, p.description, p.author, p.homepage_url, p.repository_url
                        FROM plugins p
                        WHERE p.deleted_at IS NULL AND p.status <> 'banned'
                          AND EXISTS (SELECT 1 FROM plugin_versions v
                                      WHERE v.plugin_pk = p.id AND v.deleted_at IS NULL AND v.yanked = 0
                                        AND v.format IN ('jar', 'zip') AND v.manifest LIKE '%"runtime":"java"%')
                        ORDER BY p.plugin_id""")
                .map((rs, ctx) -> {
                    String homepage = rs.getString("homepage_url");
                    return new Listing(rs.getString("plugin_id"), rs.getString("name"), rs.getString("description"),
                            Optional.ofNullable(rs.getString("author")),
                            Optional.ofNullable(homepage != null ? homepage : rs.getString("repository_url")));
                })
                .list());
    }
}
