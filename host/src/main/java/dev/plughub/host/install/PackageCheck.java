package dev.plughub.host.install;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.core.archive.PluginPackage;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.core.version.Version;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.config.ConfigSchema;
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

    /** The largest package the host installs. */
    public static final long MAX_PACKAGE_BYTES = 100 * ArchiveLimits.MB;

    private final PackageReader reader = new PackageReader(ArchiveLimits.forPackageSize(MAX_PACKAGE_BYTES));
    private final Version hostVersion;

    public PackageCheck(Version hostVersion) {
        this.hostVersion = hostVersion;
    }

    public InstalledPackage read(Path file) {
        return read(file, file.getFileName().toString());
    }

    /**
     * The package in {@code file}, named {@code shownAs} in a refusal (the name the caller gave, not
     * that of a staging copy): 413 {@code PLUGIN_PACKAGE_TOO_LARGE} or 400 {@code PLUGIN_PACKAGE_INVALID}
     * with the broken rule in {@code details.rule}.
     */
    public InstalledPackage read(Path file, String shownAs) {
        PluginPackage read;
        try {
            read = reader.read(file, Optional.of(shownAs));
        } catch (PackageException e) {
            throw refused(shownAs, e.rule(), e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, shownAs + " cannot be read: "
                    + e.getCause().getMessage(), Map.of("file", shownAs), e);
        }
        PluginManifest manifest = read.manifest();
        try {
            manifest.configSchema().ifPresent(schema -> {   // refused now, not at every configuration later
                ConfigSchema.of(schema);
                ConfigSchema.requireHideableSecrets(schema);
            });
        } catch (IllegalArgumentException e) {
            throw refused(shownAs, PackageRules.MANIFEST_INVALID, "its config_schema is unusable: " + e.getMessage(), e);
        }
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
            throw incompatible(manifest, "its manifest names no entry_point (the class implementing dev.plughub.plugin.Plugin)"
                    + misspeltEntryPoint(manifest));
        }
        if (!manifest.supportsHost(hostVersion)) {
            throw incompatible(manifest, "it needs host version " + manifest.hostVersionRequirement().orElse("")
                    + ", and this host is " + hostVersion);
        }
        return new InstalledPackage(manifest, file, read.sha256());
    }

    /**
     * Refuses, for an install, a Java plugin whose entry point is not written as a class name or
     * was compiled for a newer Java than this host's (400 {@code PLUGIN_INCOMPATIBLE}). A package
     * dropped into the plugins folder is not refused this way: it is listed, failed with the same
     * reason, when it is started.
     */
    public void requireLoadable(InstalledPackage pkg) {
        if (pkg.manifest().runtime().orElse("java").equalsIgnoreCase("java")) {
            JavaPackageCheck.problem(pkg.manifest(), pkg.file()).ifPresent(why -> {
                throw incompatible(pkg.manifest(), why);
            });
        }
    }

    /** A hint when the manifest holds the entry point under a name this host does not read. */
    private static String misspeltEntryPoint(PluginManifest manifest) {
        return manifest.extra().keySet().stream()
                .filter(key -> key.replaceAll("[^A-Za-z]", "").equalsIgnoreCase("entrypoint")
                        || key.equalsIgnoreCase("main_class") || key.equalsIgnoreCase("mainClass"))
                .findFirst()
                .map(key -> "; it has '" + key + "': the field is entry_point")
                .orElse("");
    }

    private static HostException incompatible(PluginManifest manifest, String why) {
        return new HostException(HostError.PLUGIN_INCOMPATIBLE, "plugin " + manifest.id() + " " + manifest.version()
                + " cannot run here: " + why, Map.of("plugin_id", manifest.id()));
    }

    /** The refusal of a package that breaks {@code rule}. */
    public static HostException refused(String shownAs, String rule, String reason, Throwable cause) {
        HostError code = rule.equals(PackageRules.PACKAGE_TOO_LARGE) ? HostError.PLUGIN_PACKAGE_TOO_LARGE : HostError.PLUGIN_PACKAGE_INVALID;
        return new HostException(code, shownAs + " is not a valid plugin package: " + reason,
                Map.of("rule", rule, "file", shownAs), cause);
    }
}
