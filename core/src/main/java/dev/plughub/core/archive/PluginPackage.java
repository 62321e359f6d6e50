package dev.plughub.core.archive;

import dev.plughub.core.manifest.PluginManifest;

/**
 * A package that passed every check: its format, its manifest, where in the archive the manifest
 * was, its size in bytes, its SHA-256 (lower-case hex, no prefix) and its expanded size.
 */
public record PluginPackage(
        PackageFormat format,
        PluginManifest manifest,
        String manifestPath,
        long size,
        String sha256,
        int entryCount,
        long uncompressedSize) {

    /** The digest as the API reports it: {@code sha256:<hex>}. */
    public String prefixedSha256() {
        return "sha256:" + sha256;
    }
}
