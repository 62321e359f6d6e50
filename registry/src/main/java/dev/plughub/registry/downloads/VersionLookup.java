package dev.plughub.registry.downloads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.Version;
import dev.plughub.registry.catalog.NoStableVersion;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;

/**
 * Decides which version a download request names, and remembers the answer so that downloads do not
 * touch the database. An answer is dropped when the catalogue changes ({@link #catalogChanged()},
 * called after every write through this process's database handle) and, for writes this process
 * cannot see, after {@code maxAge}.
 */
public final class VersionLookup {

    /** The {@code version} value that means "the default version", as seed 001 names it. */
    public static final String LATEST = "latest";

    private final DownloadStore store;
    private final Cache<Key, Answer> answers;
    private final AtomicLong generation = new AtomicLong();

    public VersionLookup(DownloadStore store, Duration maxAge) {
        this.store = store;
        this.answers = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(maxAge).build();
    }

    /** Whether a {@code version} query value names one version (rather than asking for the default). */
    public static boolean namesVersion(String version) {
        return version != null && !version.isBlank() && !LATEST.equalsIgnoreCase(version.strip());
    }

    /**
     * The version to serve: the named one (yanked or not), or by default the plugin's current version
     * (newest stable, not yanked — {@code catalog.VersionOrder#current}, kept in {@code plugins.current_version}).
     *
     * @throws ApiException 404 for an unknown or deleted plugin or version, and ({@link NoStableVersion})
     *                      for a default version that does not exist; 403 for a banned plugin
     */
    public ServedVersion find(String pluginId, String version) {
        if (!PluginId.isValid(pluginId)) {
            throw pluginNotFound(pluginId);
        }
        Key key = keyOf(pluginId, version);
        if (key.version().length() > Version.MAX_LENGTH) {
            throw versionNotFound(key);
        }
        long current = generation.get();
        Answer answer = answers.getIfPresent(key);
        if (answer == null || answer.generation() != current) {
            // Tagged with the generation read before the query: a change committed meanwhile makes it stale.
            answer = resolve(key, current);
            answers.put(key, answer);
        }
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return answer.version();
    }

    /**
     * {@link #find}'s answer when it is in memory and current, without asking the database; empty
     * otherwise (an unknown or refused version included: {@link #find} says why).
     */
    public Optional<ServedVersion> cached(String pluginId, String version) {
        if (!PluginId.isValid(pluginId)) {
            return Optional.empty();
        }
        Answer answer = answers.getIfPresent(keyOf(pluginId, version));
        if (answer == null || answer.generation() != generation.get() || answer.failure() != null) {
            return Optional.empty();
        }
        return Optional.of(answer.version());
    }

    /** The answer's key: the version as named, or "" for the default one. */
    private static Key keyOf(String pluginId, String version) {
        return new Key(pluginId, namesVersion(version) ? version.strip() : "");
    }

    /** Forgets every answer (cheaply: answers from an older generation are not used again). */
    public void catalogChanged() {
        generation.incrementAndGet();
    }

    /** Calls {@link #catalogChanged()} whenever a database handle closes, i.e. after its writes committed. */
    public HandleListener changeListener() {
        return new HandleListener() {
            @Override
            public void handleClosed(Handle handle) {
                catalogChanged();
            }
        };
    }

    private Answer resolve(Key key, long atGeneration) {
        try {
            return new Answer(atGeneration, resolve(key), null);
        } catch (ApiException e) {
            return new Answer(atGeneration, null, e);
        }
    }

    private ServedVersion resolve(Key key) {
        DownloadStore.PluginRow plugin = store.findPlugin(key.pluginId())
                .filter(p -> !p.deleted())
                .orElseThrow(() -> pluginNotFound(key.pluginId()));
        if ("banned".equals(plugin.status())) {
            throw new ApiException(ErrorCode.PLUGIN_BANNED, "Plugin " + key.pluginId()
                    + " has been banned by the registry's moderators and can no longer be downloaded",
                    Map.of("plugin_id", key.pluginId()));
        }
        if (key.version().isEmpty() && plugin.currentVersion().isEmpty()) {
            // with no stable version left, the newest that is not yanked is a pre-release
            throw NoStableVersion.of(key.pluginId(), store.newestVersion(plugin.pk()).map(ServedVersion::version), Map.of());
        }
        Optional<ServedVersion> found = key.version().isEmpty()
                ? plugin.currentVersion().flatMap(Version::tryParse).flatMap(v -> store.findVersion(plugin.pk(), v))
                : Version.tryParse(key.version()).flatMap(v -> store.findVersion(plugin.pk(), v));
        return found.orElseThrow(() -> versionNotFound(key));
    }

    private static ApiException versionNotFound(Key key) {
        return new ApiException(ErrorCode.VERSION_NOT_FOUND, "Plugin version not found", key.version().isEmpty()
                ? Map.of("plugin_id", key.pluginId())
                : Map.of("plugin_id", key.pluginId(), "version", key.version().substring(0,
                        Math.min(key.version().length(), Version.MAX_LENGTH))));
    }

    private static ApiException pluginNotFound(String pluginId) {
        return new ApiException(ErrorCode.PLUGIN_NOT_FOUND, "Plugin not found",
                Map.of("plugin_id", pluginId.length() > 100 ? pluginId.substring(0, 100) + "…" : pluginId));
    }

    private record Key(String pluginId, String version) {
    }

    private record Answer(long generation, ServedVersion version, ApiException failure) {
    }
}
