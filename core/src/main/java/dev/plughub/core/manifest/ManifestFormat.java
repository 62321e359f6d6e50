package dev.plughub.core.manifest;

/** The manifest files a package may carry, in the order they are looked for. */
public enum ManifestFormat {
    PLUGIN_JSON("plugin.json"),
    PLUGIN_YAML("plugin.yaml"),
    MANIFEST_PY("manifest.py"),
    JAR_MANIFEST("META-INF/MANIFEST.MF"),
    PLUGIN_PROPERTIES("plugin.properties");

    private final String fileName;

    ManifestFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
