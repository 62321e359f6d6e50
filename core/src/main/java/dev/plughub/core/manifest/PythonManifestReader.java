package dev.plughub.core.manifest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads seed 000's manifest.py: each {@code PLUGIN_FOO} constant becomes the field {@code foo}
 * ({@code PLUGIN_HOMEPAGE} → homepage, {@code PLUGIN_TAGS} → tags, ...). The id is
 * {@code PLUGIN_ID}, or {@code PLUGIN_NAME} when there is none (seed 000 names plugins like ids).
 */
final class PythonManifestReader {

    private PythonManifestReader() {
    }

    static Map<String, Object> read(String text, ManifestErrors errors) {
        String fileName = ManifestFormat.MANIFEST_PY.fileName();
        PythonLiteralParser.Module module;
        try {
            module = PythonLiteralParser.parse(text);
        } catch (PythonTokenizer.SyntaxError e) {
            throw ManifestText.unreadable(fileName, "it is not valid Python: " + e.getMessage());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (PythonLiteralParser.Assignment assignment : module.assignments()) {
            String field = field(assignment.name());
            if (!field.isEmpty()) {
                // A later assignment wins, as when Python runs the module.
                fields.remove(field);
                fields.put(field, assignment.value());
            }
        }
        for (PythonLiteralParser.Problem problem : module.problems()) {
            errors.add(field(problem.name()), problem.message());
        }
        if (!fields.containsKey("id") && !errors.has("id") && fields.get("name") instanceof String name) {
            fields.put("id", name);
        }
        return fields;
    }

    static String field(String constant) {
        return constant.substring(PythonLiteralParser.PREFIX.length()).toLowerCase(Locale.ROOT);
    }
}
