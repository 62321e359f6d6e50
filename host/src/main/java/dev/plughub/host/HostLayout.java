package dev.plughub.host;

import java.nio.file.Path;

/**
 * Where the host keeps what: packages in the plugins directory, everything else under the data
 * directory. The one place these paths are defined (docs/host.md shows the tree).
 */
record HostLayout(Path plugins, Path staging, Path backups, Path journal, Path disabled, Path pluginData, Path libraries,
                  Path processes) {

    HostLayout(HostConfig config) {
        this(config.pluginsDir(),
                config.dataDir().resolve("staging"),
                config.dataDir().resolve("backups"),
                config.dataDir().resolve("journal"),
                config.dataDir().resolve("disabled"),
                config.dataDir().resolve("plugins"),
                config.dataDir().resolve("libraries"),
                // out-of-process (gRPC) plugins' packages, unpacked: their programs run from here
                config.dataDir().resolve("processes"));
    }
}
