package dev.plughub.core.manifest;

import java.util.Map;

/**
 * Turns a {@link PluginManifest} into its canonical {@code plugin.json} form (seed 001 field names,
 * snake_case, dependencies in seed 002's object form) and back. The registry stores and serves this
 * form; the host reads it back.
 */
public final class ManifestCodec {

    private ManifestCodec() {
    }

    /** The canonical JSON object of a manifest, as plain maps, lists and scalars. */
    public static Map<String, Object> toJson(PluginManifest manifest) {
        throw new UnsupportedOperationException("core: ManifestCodec.toJson is being written");
    }

    /** Reads a canonical JSON object back (validating it as a plugin.json). */
    public static PluginManifest fromJson(Map<String, Object> json) {
        throw new UnsupportedOperationException("core: ManifestCodec.fromJson is being written");
    }
}
