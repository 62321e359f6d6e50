package dev.plughub.host.loading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The library jars a plugin brings under {@code lib/} in its package. A class loader cannot read a
 * jar inside a jar, so they are copied out once per package version to a cache folder named after
 * the package's digest ({@code <id>@<digest>}; {@code @} never occurs in an id), which a new
 * version never reuses.
 */
public final class BundledLibraries {

    private static final String FOLDER = "lib/";

    private final Path cacheRoot;

    public BundledLibraries(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** The plugin's library jars on disk, in name order; empty when it brings none. */
    public List<Path> extract(String pluginId, String sha256, Path packageFile) {
        Path target = cacheRoot.resolve(pluginId + "@" + sha256.substring(0, Math.min(16, sha256.length())));
        List<Path> libraries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(packageFile.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                // Only jars directly in lib/: a nested path would be a name an attacker could aim elsewhere.
                if (entry.isDirectory() || !name.startsWith(FOLDER) || !name.endsWith(".jar")
                        || name.indexOf('/', FOLDER.length()) >= 0 || name.contains("..")) {
                    continue;
                }
                Path file = target.resolve(name.substring(FOLDER.length()));
                if (!Files.exists(file)) {
                    Files.createDirectories(target);
                    Path temp = target.resolve("." + file.getFileName() + ".part");
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                libraries.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        libraries.sort(null);
        return libraries;
    }

    /** Deletes every cached copy of the plugin's libraries (after an uninstall). */
    public void forget(String pluginId) {
        if (!Files.isDirectory(cacheRoot)) {
            return;
        }
        try (var folders = Files.list(cacheRoot)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(pluginId + "@")).toList()) {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
