package dev.plughub.host.install;

import dev.plughub.core.manifest.PluginManifest;
import java.nio.file.Path;

/** A plugin package in the plugins directory: its manifest, its file and that file's SHA-256. */
public record InstalledPackage(PluginManifest manifest, Path file, String sha256) {

    public String id() {
        return manifest.id();
    }

    public String version() {
        return manifest.version().toString();
    }
}
