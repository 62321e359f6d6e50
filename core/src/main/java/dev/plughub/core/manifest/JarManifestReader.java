package dev.plughub.core.manifest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the main section of a jar's META-INF/MANIFEST.MF: {@code Name: value} lines, continuation
 * lines starting with one space, names case-insensitive; it ends at the first empty line (the
 * per-entry sections after it never describe the plugin).
 */
final class JarManifestReader {

    private JarManifestReader() {
    }

    static Map<String, String> mainAttributes(String text) {
        String fileName = ManifestFormat.JAR_MANIFEST.fileName();
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String name = null;
        StringBuilder value = new StringBuilder();
        int lineNumber = 0;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ') {
                if (name == null) {
                    throw ManifestText.unreadable(fileName, "line " + lineNumber + " continues nothing");
                }
                value.append(line, 1, line.length());
                continue;
            }
            if (name != null) {
                attributes.put(name, value.toString());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ManifestText.unreadable(fileName, "line " + lineNumber + " is not 'Name: value'");
            }
            name = line.substring(0, colon).strip();
            value.setLength(0);
            value.append(line.substring(colon + 1).stripLeading());
        }
        if (name != null) {
            attributes.put(name, value.toString());
        }
        return attributes;
    }
}
