package dev.plughub.host.config;

import dev.plughub.core.manifest.PluginId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each plugin's configuration, one file per plugin ({@code <dir>/<id>.json}), kept across restarts
 * and updates. What is stored is what operators set; defaults are applied when it is read, so a new
 * plugin version's new defaults take effect. A change is validated as a whole before anything is
 * written, so a rejected change never touches the stored configuration.
 */
public final class PluginConfigs {

    private final Path dir;
    private final Clock clock;
    private final Set<String> restartPending = ConcurrentHashMap.newKeySet();
    /** The values (defaults applied) each plugin's running instance started with. */
    private final Map<String, Map<String, Object>> startedWith = new ConcurrentHashMap<>();

    public PluginConfigs(Path dir) {
        this(dir, Clock.systemUTC());
    }

    public PluginConfigs(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** What operators set for {@code id} (no defaults); empty when they never configured it. */
    public Optional<Map<String, Object>> load(String id) {
        return file(id).read().map(PluginConfigs::valuesOf);
    }

    private static Map<String, Object> valuesOf(Map<String, Object> stored) {
        return stored.get("values") instanceof Map<?, ?> values
                ? ConfigValues.deepCopy(ConfigValues.asObject(values))
                : Map.of();
    }

    /** Replaces the stored values as they are (the caller has validated them). */
    public synchronized void save(String id, Map<String, Object> values) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("values", values);
        content.put("updated_at", clock.instant().toString());
        file(id).write(content);
    }

    /** Forgets the configuration (on uninstall with data clean-up). */
    public synchronized void delete(String id) {
        file(id).delete();
        restartPending.remove(id);
        startedWith.remove(id);
    }

    /**
     * Merges {@code patch} into the stored values (RFC 7396: {@code null} removes a field), validates
     * the result, and stores it only when valid. A secret sent back as {@code ***hidden***} — as
     * the admin API shows it — keeps its stored value.
     */
    public synchronized ConfigChange apply(String id, ConfigSchema schema, Map<String, Object> patch) {
        Map<String, Object> stored = load(id).orElse(Map.of());
        Map<String, Object> merged = ConfigValues.mergePatch(stored, patch);
        keepHiddenSecrets(schema, stored, merged);
        return switch (schema.validate(merged)) {
            case ConfigCheck.Invalid invalid -> new ConfigChange.Rejected(invalid.errorsByField());
            case ConfigCheck.Valid valid -> {
                List<String> changed = new ArrayList<>(
                        ConfigValues.changedPaths(schema.withDefaults(stored), valid.withDefaults()));
                boolean restart = changed.stream().anyMatch(schema::restartRequired);
                save(id, merged);
                if (restart) {
                    restartPending.add(id);
                }
                yield new ConfigChange.Applied(valid.withDefaults(), List.copyOf(changed), restart);
            }
        };
    }

    /**
     * Whether the stored values with {@code patch} merged in (as {@link #apply} would store them)
     * hold under {@code schema}; nothing is stored.
     */
    public ConfigCheck check(String id, ConfigSchema schema, Map<String, Object> patch) {
        return schema.validate(ConfigValues.mergePatch(load(id).orElse(Map.of()), patch));
    }

    /** What the plugin should run with: the stored values checked against {@code schema}, defaults applied. */
    public ConfigCheck effective(String id, ConfigSchema schema) {
        return schema.validate(load(id).orElse(Map.of()));
    }

    /** The configuration for the admin API: secrets masked unless {@code revealSecrets}. */
    public ConfigView view(String id, ConfigSchema schema, boolean revealSecrets) {
        Optional<Map<String, Object>> stored = file(id).read();   // one read for the values and their time
        Map<String, Object> values = schema.withDefaults(stored.map(PluginConfigs::valuesOf).orElse(Map.of()));
        Optional<Instant> updated = stored.map(s -> s.get("updated_at")).map(String::valueOf).map(Instant::parse);
        return new ConfigView(revealSecrets ? values : schema.masked(values), schema.asMap(),
                restartPending.contains(id), updated);
    }

    /**
     * The plugin is about to start: what it reads now is what it runs with, until its next start,
     * for the settings whose change needs a restart ({@code x-restart-required}).
     */
    public void starting(String id, ConfigSchema schema) {
        if (effective(id, schema) instanceof ConfigCheck.Valid valid) {
            startedWith.put(id, ConfigValues.deepCopy(valid.withDefaults()));
        } else {
            startedWith.remove(id);
        }
    }

    /**
     * What the running plugin sees ({@code PluginContext.config()}): the stored values with defaults,
     * read on each call so a change that needs no restart reaches it at once, except the settings
     * marked {@code x-restart-required} changed since it started, which keep the value it started
     * with until its next start.
     */
    public ConfigCheck inForce(String id, ConfigSchema schema) {
        ConfigCheck now = effective(id, schema);
        Map<String, Object> started = startedWith.get(id);
        // Only a change that needed a restart, not yet made, can differ from what is in force:
        // without one pending, the stored values are it (the plugin reads them on every call).
        if (started == null || !restartPending.contains(id) || !(now instanceof ConfigCheck.Valid valid)) {
            return now;
        }
        Map<String, Object> values = ConfigValues.deepCopy(valid.withDefaults());
        for (String path : ConfigValues.changedPaths(started, values)) {
            if (schema.restartRequired(path)) {
                Optional<Object> before = ConfigValues.get(started, path);
                if (before.isPresent()) {
                    ConfigValues.put(values, path, ConfigValues.deepCopyValue(before.get()));
                } else {
                    ConfigValues.remove(values, path);
                }
            }
        }
        return new ConfigCheck.Valid(values);
    }

    /** The plugin was restarted, so stored changes that needed a restart are in force now. */
    public void restarted(String id) {
        restartPending.remove(id);
    }

    private static void keepHiddenSecrets(ConfigSchema schema, Map<String, Object> stored, Map<String, Object> merged) {
        for (String secret : schema.secretFields()) {
            if (ConfigValues.get(merged, secret).filter(ConfigSchema.HIDDEN::equals).isPresent()) {
                Optional<Object> previous = ConfigValues.get(stored, secret);
                if (previous.isPresent()) {
                    ConfigValues.replaceIfPresent(merged, secret, previous.get());
                } else {
                    ConfigValues.remove(merged, secret);   // nothing to keep: as if not sent
                }
            }
        }
    }

    private AtomicJsonFile file(String id) {
        if (!PluginId.isValid(id)) {
            throw new IllegalArgumentException("not a plugin id: '" + id + "' (" + PluginId.RULE + ")");
        }
        return new AtomicJsonFile(dir.resolve(id + ".json"));
    }
}
