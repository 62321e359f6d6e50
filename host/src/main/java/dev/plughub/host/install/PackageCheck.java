package dev.plughub.host.install;

import dev.plughub.core.PackageException;
import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.core.archive.PluginPackage;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.core.version.Version;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.grpc.GrpcLaunch;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a package with core's {@link PackageReader} and checks that this host can run it: a Java
 * plugin with an entry point, or an out-of-process ({@code "grpc"}) plugin with a command or an
 * endpoint, made for this host's version. The one place these rules live.
 */
public final class PackageCheck {

    private static final long MAX_PACKAGE_BYTES = 100 * ArchiveLimits.MB;

    private final PackageReader reader = new PackageReader(ArchiveLimits.forPackageSize(MAX_PACKAGE_BYTES));
    private final Version hostVersion;

    public PackageCheck(Version hostVersion) {
        this.hostVersion = hostVersion;
    }

    public InstalledPackage read(Path file) {
        PluginPackage read;
        try {
            read = reader.read(file, Optional.of(file.getFileName().toString()));
        } catch (PackageException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, file.getFileName() + " is not a valid plugin package: "
                    + e.getMessage(), Map.of("rule", e.rule(), "file", file.getFileName().toString()), e);
        } catch (UncheckedIOException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, file.getFileName() + " cannot be read: "
                    + e.getCause().getMessage(), Map.of("file", file.getFileName().toString()), e);
        }
        PluginManifest manifest = read.manifest();
        String runtime = manifest.runtime().orElse("java").toLowerCase(Locale.ROOT);
        if (runtime.equals(GrpcLaunch.RUNTIME)) {
            try {
                GrpcLaunch.of(manifest);
            } catch (IllegalArgumentException e) {
                throw incompatible(manifest, e.getMessage());
            }
        } else if (!runtime.equals("java")) {
            throw incompatible(manifest, "its runtime is '" + runtime + "'; this host runs Java plugins (runtime \"java\") "
                    + "and out-of-process plugins (runtime \"grpc\")");
        } else if (manifest.entryPoint().isEmpty()) {
            throw incompatible(manifest, "its manifest names no entry_point (the class implementing dev.plughub.plugin.Plugin)");
        }
        if (!manifest.supportsHost(hostVersion)) {
            throw incompatible(manifest, "it needs host version " + manifest.hostVersionRequirement().orElse("")
                    + ", and this host is " + hostVersion);
        }
        return new InstalledPackage(manifest, file, read.sha256());
    }

    private static HostException incompatible(PluginManifest manifest, String why) {
        return new HostException(HostError.PLUGIN_INCOMPATIBLE, "plugin " + manifest.id() + " " + manifest.version()
                + " cannot run here: " + why, Map.of("plugin_id", manifest.id()));
    }
}
