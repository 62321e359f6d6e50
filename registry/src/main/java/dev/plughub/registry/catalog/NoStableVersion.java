package dev.plughub.registry.catalog;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to a request for a plugin's default version — its current version, the newest stable
 * one that is not yanked ({@link VersionOrder#current}) — when it has none: a 404 that says so and
 * names the version to ask for instead. Downloads without {@code ?version=} and seed 000's
 * {@code /path} answer it alike.
 */
public final class NoStableVersion {

    private NoStableVersion() {
    }

    /**
     * @param newestPrerelease the newest pre-release that is neither yanked nor deleted, if any
     * @param extra            more details the route's clients read
     */
    public static ApiException of(String pluginId, Optional<String> newestPrerelease, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("plugin_id", pluginId);
        newestPrerelease.ifPresent(v -> details.put("newest_prerelease", v));
        String instead = newestPrerelease
                .map(v -> "; its newest pre-release is " + v + ": ask for it with ?version=" + v)
                .orElse(" and no pre-release that is not yanked; a yanked version can still be asked for with ?version=");
        return new ApiException(ErrorCode.VERSION_NOT_FOUND, "Plugin " + pluginId + " has no stable version that is not"
                + " yanked, which is what is served when no version is named" + instead, Map.copyOf(details));
    }
}
