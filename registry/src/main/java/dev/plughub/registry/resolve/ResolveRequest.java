package dev.plughub.registry.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.InvalidVersionException;
import dev.plughub.core.version.VersionRange;
import dev.plughub.registry.http.FieldErrors;
import dev.plughub.registry.http.JsonBodies;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/resolve}'s body, read and checked: {@code {"plugins": [{"id", "range"?}],
 * "host_version"?, "prerelease"?}}. A missing range means any version. Every broken rule is reported
 * at once (422, per field, e.g. {@code plugins[2].range}).
 */
public record ResolveRequest(List<Requirement> requirements, VersionChoice choice) {

    /** The most plugins one request may name (their dependencies come on top, up to the plan limit). */
    public static final int MAX_PLUGINS = 100;

    public static ResolveRequest read(byte[] body) {
        JsonNode request = JsonBodies.requireObject(body);
        FieldErrors errors = new FieldErrors();
        VersionChoice choice = VersionChoice.read(request, errors);
        List<Requirement> requirements = new ArrayList<>();
        JsonNode plugins = request.path("plugins");
        if (!plugins.isArray() || plugins.isEmpty()) {
            errors.error("plugins", "plugins must be a non-empty list of {\"id\", \"range\"} objects");
        } else if (plugins.size() > MAX_PLUGINS) {
            errors.error("plugins", "At most " + MAX_PLUGINS + " plugins may be resolved in one request; this one names "
                    + plugins.size());
        } else {
            for (int i = 0; i < plugins.size(); i++) {
                readItem(plugins.get(i), "plugins[" + i + "]", errors, requirements);
            }
        }
        errors.throwIfAny();
        return new ResolveRequest(requirements, choice);
    }

    private static void readItem(JsonNode item, String field, FieldErrors errors, List<Requirement> into) {
        if (!item.isObject()) {
            errors.error(field, "each plugin must be an object such as {\"id\": \"base-lib\", \"range\": \"^1.2.0\"}");
            return;
        }
        JsonNode id = item.path("id");
        if (!id.isTextual() || !PluginId.isValid(id.asText())) {
            errors.error(field + ".id", "id is required and must be a plugin id: " + PluginId.RULE);
        }
        JsonNode rangeNode = item.path("range");
        VersionRange range = VersionRange.any();
        if (rangeNode.isTextual()) {
            try {
                range = VersionRange.parse(rangeNode.asText().strip());
            } catch (InvalidVersionException e) {
                errors.error(field + ".range", e.getMessage());
            }
        } else if (!rangeNode.isMissingNode() && !rangeNode.isNull()) {
            errors.error(field + ".range", "range must be a string such as ^1.2.0 or >=1.0.0 <2.0.0");
        }
        if (!errors.hasError(field + ".id") && !errors.hasError(field + ".range")) {
            into.add(new Requirement(id.asText(), range, Requirement.BY_REQUEST, false));
        }
    }
}
