package dev.plughub.host.grpc;

import dev.plughub.core.PackageException;
import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.core.archive.PluginPackage;
import dev.plughub.core.files.FileTrees;
import dev.plughub.host.install.InstalledPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An out-of-process plugin's package unpacked on disk, with core's bounded reader (the same entry
 * name, size and ratio checks as at install). One folder per package digest ({@code <id>@<digest>}),
 * written whole or not at all, so a new version never runs files of an old one.
 */
final class PackageFolder {

    private static final long MAX_PACKAGE_BYTES = 100 * ArchiveLimits.MB;

    private final PackageReader reader = new PackageReader(ArchiveLimits.forPackageSize(MAX_PACKAGE_BYTES));
    private final Path root;

    PackageFolder(Path root) {
        this.root = root;
    }

    /** The folder holding the package's manifest (its working directory), unpacked if it is not yet. */
    Path unpack(InstalledPackage installed) {
        PluginPackage read;
        try {
            read = reader.read(installed.file(), Optional.of(installed.file().getFileName().toString()));
        } catch (PackageException e) {
            throw new PluginStartFailed("its package cannot be unpacked: " + e.getMessage());
        }
        String digest = installed.sha256();
        Path target = root.resolve(installed.id() + "@" + digest.substring(0, Math.min(16, digest.length())));
        if (!Files.isDirectory(target)) {
            try {
                reader.extract(installed.file(), read.format(), target);
            } catch (PackageException e) {
                throw new PluginStartFailed("its package cannot be unpacked: " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new PluginStartFailed("its package cannot be unpacked: " + e.getCause().getMessage());
            }
        }
        Path manifest = target.resolve(read.manifestPath()).normalize();
        return manifest.getParent() == null ? target : manifest.getParent();
    }

    /**
     * The command line to run: a first word naming a file of the package (e.g. {@code bin/run}) is
     * made absolute and executable; any other (e.g. {@code python3}) is looked up on PATH.
     */
    static List<String> command(Path folder, List<String> argv) {
        List<String> command = new ArrayList<>(argv);
        String program = argv.getFirst();
        Path inside = folder.resolve(program).normalize();
        if (!inside.startsWith(folder)) {
            throw new PluginStartFailed("its entry_point " + program + " points outside the package");
        }
        if (Files.isRegularFile(inside)) {
            try {
                inside.toFile().setExecutable(true, true);
            } catch (SecurityException e) {
                throw new UncheckedIOException(new IOException(e));
            }
            command.set(0, inside.toAbsolutePath().toString());
        } else if (program.contains("/")) {
            throw new PluginStartFailed("its entry_point " + program + " is not a file in the package");
        }
        return command;
    }

    /** Deletes every unpacked copy of the plugin (after an uninstall). */
    void forget(String pluginId) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var folders = Files.list(root)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(pluginId + "@")).toList()) {
                FileTrees.delete(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
