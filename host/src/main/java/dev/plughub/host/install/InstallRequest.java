package dev.plughub.host.install;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Where to install a plugin from. */
public sealed interface InstallRequest {

    /** From the configured registries: an id and a version range (empty or {@code "latest"} = the newest). */
    record FromRegistry(String id, Optional<String> range) implements InstallRequest {
    }

    /** A package file on the host's disk. */
    record FromFile(Path file) implements InstallRequest {
    }

    /** A package at a URL (https unless the outbound policy allows http for that host), optionally checked against a SHA-256. */
    record FromUrl(URI url, Optional<String> sha256) implements InstallRequest {
    }

    static InstallRequest registry(String id, Optional<String> range) {
        return new FromRegistry(id, range);
    }

    static InstallRequest file(Path file) {
        return new FromFile(file);
    }

    static InstallRequest url(URI url, Optional<String> sha256) {
        return new FromUrl(url, sha256);
    }
}
