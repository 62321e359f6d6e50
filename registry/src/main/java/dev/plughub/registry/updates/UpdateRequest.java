package dev.plughub.registry.updates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.Version;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.FieldErrors;
import dev.plughub.registry.http.JsonBodies;
import dev.plughub.registry.resolve.VersionChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/updates}'s body, read and checked: {@code {"plugins": [{"id", "version"}],
 * "host_version"?, "prerelease"?}}. A list longer than {@link #MAX_PLUGINS} is refused before any of
 * it is looked at; otherwise every broken rule is reported at once (422, per field).
 */
public record UpdateRequest(List<Installed> plugins, VersionChoice choice) {

    /** The most plugins one update check may list: a client with more splits its list into several calls. */
    public static final int MAX_PLUGINS = 1_000;

    /** One installed plugin. */
    public record Installed(String id, Version version) {
    }

    public static UpdateRequest read(byte[] body) {
        JsonNode request = JsonBodies.requireObject(body);
        JsonNode plugins = request.path("plugins");
        if (plugins.isArray() && plugins.size() > MAX_PLUGINS) {
            throw ApiException.validation(Map.of("plugins", List.of("At most " + MAX_PLUGINS
                    + " plugins may be checked in one request; this one lists " + plugins.size()
                    + ": split the list into several requests")));
        }
        FieldErrors errors = new FieldErrors();
        VersionChoice choice = VersionChoice.read(request, errors);
        List<Installed> installed = new ArrayList<>();
        if (!plugins.isArray()) {
            errors.error("plugins", "plugins must be a list of {\"id\", \"version\"} objects");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < plugins.size(); i++) {
                readItem(plugins.get(i), "plugins[" + i + "]", errors, seen, installed);
            }
        }
        errors.throwIfAny();
        return new UpdateRequest(installed, choice);
    }

    private static void readItem(JsonNode item, String field, FieldErrors errors, Set<String> seen,
                                 List<Installed> into) {
        if (!item.isObject()) {
            errors.error(field, "each plugin must be an object such as {\"id\": \"my-plugin\", \"version\": \"1.2.0\"}");
            return;
        }
        JsonNode id = item.path("id");
        JsonNode version = item.path("version");
        boolean ok = true;
        if (!id.isTextual() || !PluginId.isValid(id.asText())) {
            errors.error(field + ".id", "id is required and must be a plugin id: " + PluginId.RULE);
            ok = false;
        } else if (!seen.add(id.asText())) {
            errors.error(field + ".id", id.asText() + " is listed more than once");
            ok = false;
        }
        if (!version.isTextual() || Version.tryParse(version.asText().strip()).isEmpty()) {
            errors.error(field + ".version", "version is required and must be the installed SemVer version, such as 1.2.0");
            ok = false;
        }
        if (ok) {
            into.add(new Installed(id.asText(), Version.parse(version.asText().strip())));
        }
    }
}
