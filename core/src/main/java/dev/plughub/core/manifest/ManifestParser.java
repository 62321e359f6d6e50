package dev.plughub.core.manifest;

import dev.plughub.core.PackageException;
import java.util.Map;

/**
 * Parses and validates one manifest file of any {@link ManifestFormat} into a {@link PluginManifest}.
 * Throws only {@link PackageException}: {@code MANIFEST_TOO_LARGE}, {@code MANIFEST_UNREADABLE}
 * (not text, not the format's syntax) or {@code MANIFEST_INVALID} (with every field error).
 */
public final class ManifestParser {

    /** The manifest size limit when the caller has none ({@code ArchiveLimits} sets it for packages). */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private ManifestParser() {
    }

    public static PluginManifest parse(ManifestFormat format, byte[] content) {
        return parse(format, content, DEFAULT_MAX_BYTES);
    }

    public static PluginManifest parse(ManifestFormat format, byte[] content, int maxBytes) {
        if (content.length > maxBytes) {
            throw new PackageException(dev.plughub.core.PackageRules.MANIFEST_TOO_LARGE,
                    format.fileName() + " is " + content.length + " bytes; a manifest may be at most " + maxBytes + " bytes");
        }
        try {
            ManifestErrors errors = new ManifestErrors();
            Map<String, Object> fields = switch (format) {
                case PLUGIN_JSON -> JsonManifestReader.read(ManifestText.utf8(content, format.fileName()), maxBytes);
                case PLUGIN_YAML -> YamlManifestReader.read(ManifestText.utf8(content, format.fileName()), maxBytes);
                case MANIFEST_PY -> PythonManifestReader.read(ManifestText.utf8(content, format.fileName()), errors);
                case JAR_MANIFEST -> Pf4jDescriptor.fields(
                        Pf4jDescriptor.manifestAttributes(ManifestText.utf8(content, format.fileName())), "Plugin-", errors);
                case PLUGIN_PROPERTIES -> Pf4jDescriptor.fields(
                        Pf4jDescriptor.propertiesAttributes(propertiesText(content)), "plugin.", errors);
            };
            return ManifestAssembler.assemble(fields, format, errors);
        } catch (PackageException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A parser library failing in a way it does not declare is still unreadable input to us.
            throw ManifestText.unreadable(format.fileName(), "it could not be parsed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Whether a file of this format describes a plugin at all: a jar's MANIFEST.MF only when it has a
     * {@code Plugin-Id}, plugin.properties only with {@code plugin.id}; the other formats always.
     * Unreadable content counts as describing one, so that its error is reported rather than hidden.
     */
    public static boolean declaresPlugin(ManifestFormat format, byte[] content) {
        try {
            return switch (format) {
                case JAR_MANIFEST -> Pf4jDescriptor.declaresPlugin(
                        Pf4jDescriptor.manifestAttributes(ManifestText.utf8(content, format.fileName())));
                case PLUGIN_PROPERTIES -> Pf4jDescriptor.declaresPlugin(Pf4jDescriptor.propertiesAttributes(propertiesText(content)));
                default -> true;
            };
        } catch (RuntimeException | StackOverflowError e) {
            String key = format == ManifestFormat.JAR_MANIFEST ? "plugin-id" : "plugin.id";
            String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            return text.startsWith(key) || text.contains("\n" + key) || text.contains("\r" + key);
        }
    }

    /** Properties files were ISO-8859-1 for decades; UTF-8 is taken when the bytes are UTF-8. */
    private static String propertiesText(byte[] content) {
        return ManifestText.tryUtf8(content).orElseGet(() -> new String(content, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
