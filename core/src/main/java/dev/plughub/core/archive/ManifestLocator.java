package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.manifest.ManifestFormat;
import dev.plughub.core.manifest.ManifestParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the manifest while the archive streams by: a file named for a {@link ManifestFormat} at the
 * root or exactly one folder down. The first format (in {@link ManifestFormat} order) that occurs
 * wins; two of that format at different places is ambiguous. Only the first candidate of each
 * format is kept in memory, and only up to the manifest size limit.
 */
final class ManifestLocator implements EntryVisitor {

    /** The manifest chosen: its format, where it is, and its bytes. */
    record Located(ManifestFormat format, String path, byte[] content) {
    }

    private record Candidate(String path, byte[] content, boolean tooLarge) {
    }

    private final int maxManifestBytes;
    private final Map<ManifestFormat, List<String>> paths = new EnumMap<>(ManifestFormat.class);
    private final Map<ManifestFormat, Candidate> firsts = new EnumMap<>(ManifestFormat.class);
    private boolean rootPluginJarManifest;

    ManifestLocator(int maxManifestBytes) {
        this.maxManifestBytes = maxManifestBytes;
    }

    @Override
    public void directory(String name) {
    }

    @Override
    public void file(String name, int unixMode, InputStream content) throws IOException {
        ManifestFormat format = formatAt(name);
        if (format == null) {
            return;
        }
        byte[] bytes = content.readNBytes(maxManifestBytes + 1);
        boolean tooLarge = bytes.length > maxManifestBytes;
        if (format == ManifestFormat.JAR_MANIFEST) {
            // Only the main section describes the plugin; a signed jar's per-entry digests may follow at length.
            int main = mainSectionLength(bytes, tooLarge);
            if (main >= 0) {
                bytes = Arrays.copyOf(bytes, main);
                tooLarge = false;
            }
        }
        boolean counts = tooLarge || ManifestParser.declaresPlugin(format, bytes);
        if (!counts) {
            return;
        }
        if (format == ManifestFormat.JAR_MANIFEST && name.equals(format.fileName())) {
            rootPluginJarManifest = true;
        }
        paths.computeIfAbsent(format, key -> new ArrayList<>()).add(name);
        firsts.putIfAbsent(format, new Candidate(name, tooLarge ? new byte[0] : bytes, tooLarge));
    }

    /** Whether the root holds a META-INF/MANIFEST.MF with a Plugin-Id, which makes a zip a plugin jar. */
    boolean hasRootPluginJarManifest() {
        return rootPluginJarManifest;
    }

    Located locate() {
        for (ManifestFormat format : ManifestFormat.values()) {
            List<String> found = paths.get(format);
            if (found == null) {
                continue;
            }
            if (found.size() > 1) {
                throw new PackageException(PackageRules.MANIFEST_AMBIGUOUS, "the package has " + found.size() + " "
                        + format.fileName() + " files (" + found.stream().limit(5).map(EntryNameRule::shown)
                        .collect(Collectors.joining(", ")) + "); it must have exactly one, at the root or one folder down");
            }
            Candidate candidate = firsts.get(format);
            if (candidate.tooLarge()) {
                throw new PackageException(PackageRules.MANIFEST_TOO_LARGE, EntryNameRule.shown(candidate.path())
                        + " is larger than " + maxManifestBytes + " bytes");
            }
            return new Located(format, candidate.path(), candidate.content());
        }
        throw new PackageException(PackageRules.MANIFEST_MISSING, "the package has no manifest: looked for "
                + "plugin.json, plugin.yaml, manifest.py, META-INF/MANIFEST.MF (with Plugin-Id) or plugin.properties "
                + "(with plugin.id) at the root or one folder down");
    }

    /** The format whose file this is, at the root or exactly one folder down; null for any other file. */
    static ManifestFormat formatAt(String name) {
        for (ManifestFormat format : ManifestFormat.values()) {
            String fileName = format.fileName();
            if (name.equals(fileName)) {
                return format;
            }
            if (name.endsWith("/" + fileName)) {
                String folder = name.substring(0, name.length() - fileName.length() - 1);
                if (!folder.isEmpty() && folder.indexOf('/') < 0) {
                    return format;
                }
            }
        }
        return null;
    }

    /** Up to and including the line break before the first empty line; -1 when a cut-off file shows none. */
    private static int mainSectionLength(byte[] bytes, boolean truncated) {
        int length = bytes.length - (truncated ? 1 : 0);
        for (int i = 0; i + 1 < length; i++) {
            if ((bytes[i] == '\n' && bytes[i + 1] == '\n') || (bytes[i] == '\r' && bytes[i + 1] == '\r')) {
                return i + 1;
            }
            if (bytes[i] == '\r' && i + 3 < length && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 2;
            }
        }
        return truncated ? -1 : bytes.length;
    }
}
