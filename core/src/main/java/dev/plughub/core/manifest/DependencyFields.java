package dev.plughub.core.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code dependencies} in both shapes: seed 001's list of package requirements
 * ({@code ["requests", "numpy>=1.0"]}) and seed 002's object
 * ({@code {"plugins": {"base-lib": "^1.2.0", "opt-lib?": "1.x"}, "packages": {"pyjwt": ">=2.0.0"}}}).
 * Plugin ids and ranges are checked here; package requirements belong to other ecosystems (pip,
 * npm) and are kept as written.
 */
final class DependencyFields {

    record Dependencies(List<PluginDependency> plugins, Map<String, String> packages) {
    }

    private final ManifestErrors errors;

    DependencyFields(ManifestErrors errors) {
        this.errors = errors;
    }

    Dependencies read(Object value) {
        List<PluginDependency> plugins = new ArrayList<>();
        Map<String, String> packages = new LinkedHashMap<>();
        if (value != null) {
            read(value, plugins, packages);
        }
        return new Dependencies(plugins, packages);
    }

    private void read(Object value, List<PluginDependency> plugins, Map<String, String> packages) {
        if (value instanceof List<?> list) {
            // Seed 001's form: a list of package requirements such as "requests" or "requests>=2.0".
            for (Object item : list) {
                if (!(item instanceof String requirement) || requirement.isBlank()) {
                    errors.add("dependencies", "a list of dependencies must hold package names");
                    return;
                }
                packageRequirement(requirement.strip(), packages);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                switch (String.valueOf(entry.getKey())) {
                    case "plugins" -> pluginDependencies(entry.getValue(), plugins);
                    case "packages" -> packageDependencies(entry.getValue(), packages);
                    default -> errors.add("dependencies", "may only hold 'plugins' and 'packages', not '"
                            + ManifestValidator.shown(String.valueOf(entry.getKey())) + "'");
                }
            }
        } else {
            errors.add("dependencies", "must be a list of package names or an object with 'plugins' and 'packages', not "
                    + JsonTypes.describe(value));
        }
        if (plugins.size() > ManifestValidator.MAX_ITEMS || packages.size() > ManifestValidator.MAX_ITEMS) {
            errors.add("dependencies", "at most " + ManifestValidator.MAX_ITEMS + " plugins and packages are allowed");
        }
    }

    private void pluginDependencies(Object value, List<PluginDependency> plugins) {
        String field = "dependencies.plugins";
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(field, "must be an object of plugin id to version range, not " + JsonTypes.describe(value));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            boolean optional = key.endsWith("?");
            String id = optional ? key.substring(0, key.length() - 1) : key;
            Object range = entry.getValue() == null ? "*" : entry.getValue();
            if (!PluginId.isValid(id)) {
                errors.add(field, "'" + ManifestValidator.shown(id) + "' is not a valid id: " + PluginId.RULE);
            } else if (!seen.add(id)) {
                errors.add(field, "'" + id + "' is listed twice");
            } else if (!(range instanceof String rangeText)) {
                errors.add(field, "'" + id + "': the version range must be a string, not " + JsonTypes.describe(range));
            } else {
                String effective = rangeText.isBlank() ? "*" : rangeText.strip();
                ManifestErrors rangeErrors = new ManifestErrors();
                ManifestValidator.range(field, effective, rangeErrors);
                if (rangeErrors.isEmpty()) {
                    plugins.add(new PluginDependency(id, effective, optional));
                } else {
                    errors.add(field, "'" + id + "': the version range '" + ManifestValidator.shown(effective) + "' does not parse");
                }
            }
        }
    }

    private void packageDependencies(Object value, Map<String, String> packages) {
        String field = "dependencies.packages";
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(field, "must be an object of package name to version requirement, not " + JsonTypes.describe(value));
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object requirement = entry.getValue() == null ? "*" : entry.getValue();
            if (!(requirement instanceof String text)) {
                errors.add(field, "'" + ManifestValidator.shown(name) + "': the requirement must be a string, not "
                        + JsonTypes.describe(requirement));
            } else {
                addPackage(name, text.isBlank() ? "*" : text.strip(), packages);
            }
        }
    }

    private void packageRequirement(String requirement, Map<String, String> packages) {
        int split = 0;
        while (split < requirement.length() && "<>=!~^ ;[(@".indexOf(requirement.charAt(split)) < 0) {
            split++;
        }
        // A leading '@' is an npm scope, part of the name.
        if (split == 0 && requirement.startsWith("@")) {
            split = requirement.indexOf('@', 1) < 0 ? requirement.length() : requirement.indexOf('@', 1);
        }
        String name = requirement.substring(0, split).strip();
        String spec = requirement.substring(split).strip();
        if (spec.startsWith("@")) {
            spec = spec.substring(1).strip();
        }
        addPackage(name, spec.isEmpty() ? "*" : spec, packages);
    }

    private void addPackage(String name, String requirement, Map<String, String> packages) {
        String field = "dependencies.packages";
        if (name.isBlank() || name.length() > ManifestValidator.MAX_ITEM) {
            errors.add(field, "'" + ManifestValidator.shown(name) + "' is not a package name");
        } else if (requirement.length() > ManifestValidator.MAX_ITEM) {
            errors.add(field, "'" + ManifestValidator.shown(name) + "': the requirement is too long");
        } else {
            packages.put(name, requirement);
        }
    }
}
