package dev.plughub.core.manifest;

import dev.plughub.core.text.ForbiddenCharacters;
import dev.plughub.core.version.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the JSON-shaped fields of any manifest format (plugin.json names, with the aliases seeds use)
 * to a {@link PluginManifest}, reporting wrong types and broken rules per field. Fields it does not
 * name are kept in {@link PluginManifest#extra()}.
 */
final class ManifestAssembler {

    /** Every name for the host version requirement, the canonical one first. */
    static final List<String> HOST_VERSION_KEYS = List.of("min_host_version", "requires", "host_version", "min_geektools_version");

    private final Map<String, Object> raw;
    private final ManifestErrors errors;
    private final Set<String> consumed = new HashSet<>();

    private ManifestAssembler(Map<String, Object> raw, ManifestErrors errors) {
        this.raw = raw;
        this.errors = errors;
    }

    /** Builds the manifest, or throws {@code MANIFEST_INVALID} with every violation (including those already in {@code errors}). */
    static PluginManifest assemble(Map<String, Object> raw, ManifestFormat format, ManifestErrors errors) {
        return new ManifestAssembler(raw, errors).build(format);
    }

    private PluginManifest build(ManifestFormat format) {
        ForbiddenCharacters.firstIn(raw).ifPresent(path -> errors.add(path, ForbiddenCharacters.RULE));
        Optional<String> id = text("id");
        Optional<String> name = text("name");
        Optional<String> versionText = text("version");
        Optional<String> description = text("description");
        Optional<String> author = author();
        Optional<String> license = text("license");
        Optional<String> homepage = text("homepage_url", "homepage");
        Optional<String> repository = repository();
        List<String> tags = strings("tags");
        Optional<String> category = text("category");
        Optional<String> hostVersion = hostVersion();
        Optional<String> runtime = text("runtime");
        Optional<String> entryPoint = text("entry_point");
        consumed.add("dependencies");
        DependencyFields.Dependencies dependencies = new DependencyFields(errors).read(raw.get("dependencies"));
        List<PluginDependency> pluginDependencies = dependencies.plugins();
        Map<String, String> packageDependencies = dependencies.packages();
        List<String> permissions = union(strings("permissions"), strings("scopes"));
        List<String> capabilities = strings("capabilities");
        Optional<Map<String, Object>> configSchema = configSchema();
        List<String> emitted = new ArrayList<>();
        List<String> subscribed = new ArrayList<>();
        Map<String, String> eventDescriptions = new LinkedHashMap<>();
        events(emitted, subscribed, eventDescriptions);
        List<String> actions = named(raw.get("actions"), "actions", "name", "id");
        consumed.add("actions");
        Optional<String> changelog = text("changelog");
        Map<String, Object> extra = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (!consumed.contains(key)) {
                extra.put(key, value);
            }
        });

        ManifestValidator.id(id, errors);
        ManifestValidator.name(name, errors);
        Optional<Version> version = ManifestValidator.version(versionText, errors);
        ManifestValidator.length("description", description, ManifestValidator.MAX_DESCRIPTION, errors);
        ManifestValidator.length("author", author, ManifestValidator.MAX_AUTHOR, errors);
        ManifestValidator.length("license", license, ManifestValidator.MAX_LICENSE, errors);
        ManifestValidator.url("homepage_url", homepage, errors);
        ManifestValidator.url("repository_url", repository, errors);
        ManifestValidator.tags(tags, errors);
        ManifestValidator.length("category", category, ManifestValidator.MAX_CATEGORY, errors);
        ManifestValidator.length("runtime", runtime, ManifestValidator.MAX_RUNTIME, errors);
        ManifestValidator.length("entry_point", entryPoint, ManifestValidator.MAX_ENTRY_POINT, errors);
        ManifestValidator.items("permissions", permissions, errors);
        ManifestValidator.items("capabilities", capabilities, errors);
        ManifestValidator.items("events.emits", emitted, errors);
        ManifestValidator.items("events.subscribes", subscribed, errors);
        ManifestValidator.items("actions", actions, errors);
        ManifestValidator.length("changelog", changelog, ManifestValidator.MAX_CHANGELOG, errors);
        errors.throwIfAny();

        return new PluginManifest(id.orElseThrow(), name.orElseThrow(), version.orElseThrow(), description, author,
                license, homepage, repository, tags, category, hostVersion, runtime, entryPoint, pluginDependencies,
                packageDependencies, permissions, capabilities, configSchema, emitted, subscribed, eventDescriptions, actions,
                changelog, format, extra);
    }

    /** The first non-blank string among {@code keys} (aliases of one field); a second, different value is a conflict. */
    private Optional<String> text(String... keys) {
        Optional<String> found = Optional.empty();
        String foundKey = null;
        for (String key : keys) {
            if (!raw.containsKey(key)) {
                continue;
            }
            consumed.add(key);
            Object value = raw.get(key);
            if (value == null) {
                continue;
            }
            if (!(value instanceof String text)) {
                errors.add(key, "must be a string, not " + JsonTypes.describe(value));
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            if (found.isEmpty()) {
                found = Optional.of(text);
                foundKey = key;
            } else if (!found.get().equals(text)) {
                errors.add(key, "conflicts with " + foundKey);
            }
        }
        return found;
    }

    private List<String> strings(String key) {
        consumed.add(key);
        Object value = raw.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(key, "must be a list of strings, not " + JsonTypes.describe(value));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String text) {
                result.add(text);
            } else {
                errors.add(key, "must be a list of strings, but holds " + JsonTypes.describe(item));
                return List.of();
            }
        }
        return result;
    }

    private Optional<String> author() {
        if (raw.get("author") instanceof Map<?, ?> person) {
            consumed.add("author");
            // npm's {"name": ..., "email": ...} form: the name is the author.
            if (person.get("name") instanceof String personName && !personName.isBlank()) {
                return Optional.of(personName);
            }
            errors.add("author", "must be a string or an object with a name");
            return Optional.empty();
        }
        return text("author");
    }

    private Optional<String> repository() {
        if (raw.get("repository") instanceof Map<?, ?> repository) {
            consumed.add("repository");
            Optional<String> canonical = text("repository_url");
            if (repository.get("url") instanceof String url && !url.isBlank()) {
                if (canonical.isPresent() && !canonical.get().equals(url)) {
                    errors.add("repository", "conflicts with repository_url");
                }
                return canonical.or(() -> Optional.of(url));
            }
            errors.add("repository", "must be a URL or an object with a url");
            return canonical;
        }
        return text("repository_url", "repository");
    }

    /** A bare version means "this version or later", as {@code min_host_version: 1.0.0} says. */
    private Optional<String> hostVersion() {
        Optional<String> requirement = text(HOST_VERSION_KEYS.toArray(String[]::new));
        Optional<String> normalized = requirement.map(HostRequirement::asRange);
        normalized.ifPresent(range -> ManifestValidator.range(HOST_VERSION_KEYS.get(0), range, errors));
        return normalized;
    }

    private Optional<Map<String, Object>> configSchema() {
        if (raw.containsKey("config_schema")) {
            consumed.add("config_schema");
            Object value = raw.get("config_schema");
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Map<?, ?> schema) {
                return Optional.of(JsonTypes.stringKeys(schema));
            }
            errors.add("config_schema", "must be an object (a JSON Schema), not " + JsonTypes.describe(value));
            return Optional.empty();
        }
        // Seed 002 nests it: "configuration": {"schema": {...}}; other keys of "configuration" stay in extra.
        if (raw.get("configuration") instanceof Map<?, ?> configuration
                && configuration.get("schema") instanceof Map<?, ?> schema) {
            if (configuration.size() == 1) {
                consumed.add("configuration");
            }
            return Optional.of(JsonTypes.stringKeys(schema));
        }
        return Optional.empty();
    }

    private void events(List<String> emitted, List<String> subscribed, Map<String, String> descriptions) {
        consumed.add("events");
        Object value = raw.get("events");
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> events)) {
            errors.add("events", "must be an object with 'emits' and 'subscribes', not " + JsonTypes.describe(value));
            return;
        }
        for (Object key : events.keySet()) {
            if (!"emits".equals(key) && !"subscribes".equals(key)) {
                errors.add("events", "may only hold 'emits' and 'subscribes', not '" + ManifestValidator.shown(String.valueOf(key)) + "'");
            }
        }
        emitted.addAll(named(events.get("emits"), "events.emits", "type", "name"));
        subscribed.addAll(named(events.get("subscribes"), "events.subscribes", "type", "name"));
        for (Object list : List.of(events.get("emits") == null ? List.of() : events.get("emits"),
                events.get("subscribes") == null ? List.of() : events.get("subscribes"))) {
            if (list instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> event && event.get("description") instanceof String description
                            && (event.get("type") instanceof String || event.get("name") instanceof String)) {
                        String name = event.get("type") instanceof String type ? type : (String) event.get("name");
                        descriptions.putIfAbsent(name, description);
                    }
                }
            }
        }
    }

    /** A list whose items are strings or objects naming themselves under one of {@code nameKeys}. */
    private List<String> named(Object value, String field, String... nameKeys) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(field, "must be a list, not " + JsonTypes.describe(value));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            Optional<String> itemName = Optional.empty();
            if (item instanceof String text) {
                itemName = Optional.of(text);
            } else if (item instanceof Map<?, ?> object) {
                for (String key : nameKeys) {
                    if (object.get(key) instanceof String text) {
                        itemName = Optional.of(text);
                        break;
                    }
                }
            }
            if (itemName.isEmpty()) {
                errors.add(field, "items must be strings or objects with a '" + nameKeys[0] + "'");
                return List.of();
            }
            names.add(itemName.get());
        }
        return names;
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
