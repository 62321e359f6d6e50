package dev.plughub.registry.pf4j;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.downloads.ServedVersion;
import dev.plughub.registry.downloads.VersionLookup;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.http.RawJson;
import dev.plughub.registry.resolve.Release;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * A PF4J update repository at {@code /pf4j/}: point {@code DefaultUpdateRepository} at
 * {@code http(s)://<registry>/pf4j/} (the trailing slash matters: PF4J resolves {@code plugins.json}
 * and every release URL against it). {@code repositories.json} lists this repository for
 * {@code UpdateManager}'s file-based set-up. Release files redirect to the one download route, so
 * downloads are counted, cached and ranged the same way for PF4J hosts as for everyone else.
 */
public final class Pf4jRoutes {

    public static final String BASE = "/pf4j/";
    /** The id this registry goes by in {@code repositories.json}. */
    static final String REPOSITORY_ID = "plughub";

    private final Pf4jRepository repository;
    private final VersionLookup versions;
    private final CatalogCache cache;

    public Pf4jRoutes(Pf4jRepository repository, VersionLookup versions, CatalogCache cache) {
        this.repository = repository;
        this.versions = versions;
        this.cache = cache;
    }

    /** PF4J's {@code repositories.json} entry. */
    public record RepositoryEntry(@JsonProperty("id") String id, @JsonProperty("url") String url) {
    }

    /** {@code prerelease}: absent or {@code false} (any case) lists releases only, {@code true} pre-releases too. */
    private static boolean prereleaseParameter(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.validation(Map.of("prerelease", List.of("prerelease must be true or false")));
    }

    public void register(RoutesConfig routes) {
        routes.get(BASE + "plugins.json", ctx -> {
            boolean prereleases = prereleaseParameter(ctx.queryParam("prerelease"));
            ctx.header("Cache-Control", "no-cache");
            // The whole catalogue's Java releases: computed once per catalogue change, not per update check.
            RawJson.write(ctx, cache.catalogueWide("pf4j-plugins" + (prereleases ? "-prerelease" : ""),
                    () -> Json.bytes(repository.plugins(prereleases))));
        });
        routes.get(BASE + "repositories.json", ctx -> {
            // The URL is built from the request's Host header, which the client chose: no shared cache
            // may keep one client's answer for another.
            ctx.header("Cache-Control", "private, no-cache");
            ctx.json(List.of(new RepositoryEntry(REPOSITORY_ID, ctx.scheme() + "://" + ctx.host() + BASE)));
        });
        routes.get(BASE + Pf4jRepository.FILES + "{id}/{version}/{file}", this::file);
    }

    /** Redirects to the download of the named version, when {@code file} is that version's real file name. */
    private void file(Context ctx) {
        // Javalin decodes '+' in a path segment as a space; versions and file names never hold one.
        String version = ctx.pathParam("version").replace(' ', '+');
        String file = ctx.pathParam("file").replace(' ', '+');
        ServedVersion served = versions.find(ctx.pathParam("id"), version);
        if (!VersionLookup.namesVersion(version) || !served.fileName().equals(file)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "This version's file is called " + served.fileName(),
                    Map.of("file", served.fileName()));
        }
        // Status and Location only: Javalin's redirect() would add a body, which a 302 does not need.
        ctx.status(HttpStatus.FOUND).header("Location", Release.downloadUrl(served.pluginId(), served.version()));
    }
}
