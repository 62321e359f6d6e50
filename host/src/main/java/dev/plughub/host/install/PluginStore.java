package dev.plughub.host.install;

import dev.plughub.core.PackageRules;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The plugins directory: one package file per plugin. Packages the host installs are named
 * {@code <id>.jar}, so replacing a version is one atomic rename and the directory never holds
 * neither version; files an operator drops in under other names are read the same way by a scan.
 */
public final class PluginStore {

    private static final int MAX_HINT = 120;

    private final Path pluginsDir;
    private final Path stagingDir;
    private final PackageCheck check;

    public PluginStore(Path pluginsDir, Path stagingDir, PackageCheck check) {
        this.pluginsDir = pluginsDir;
        this.stagingDir = stagingDir;
        this.check = check;
        try {
            Files.createDirectories(pluginsDir);
            Files.createDirectories(stagingDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a scan found: the packages (one per id) and the files it could not take, with why. */
    public record Scan(List<InstalledPackage> packages, List<RescanResult.Problem> problems) {
    }

    /**
     * Reads every package file. When two files hold the same id, the one named {@code <id>.jar}
     * (the host's own) wins, else the first by name; the other is reported, never loaded.
     */
    public Scan scan() {
        List<InstalledPackage> packages = new ArrayList<>();
        List<RescanResult.Problem> problems = new ArrayList<>();
        Map<String, InstalledPackage> byId = new java.util.TreeMap<>();
        for (Path file : packageFiles()) {
            try {
                InstalledPackage read = check.read(file);
                InstalledPackage other = byId.get(read.id());
                if (other == null) {
                    byId.put(read.id(), read);
                    continue;
                }
                InstalledPackage kept = isHome(read) ? read : other;
                InstalledPackage refused = kept == read ? other : read;
                byId.put(read.id(), kept);
                problems.add(new RescanResult.Problem(refused.file().getFileName().toString(), "plugin " + read.id()
                        + " is already installed from " + kept.file().getFileName() + "; remove one of the two files"));
            } catch (HostException e) {
                problems.add(new RescanResult.Problem(file.getFileName().toString(), e.getMessage()));
            }
        }
        packages.addAll(byId.values());
        return new Scan(packages, problems);
    }

    private boolean isHome(InstalledPackage read) {
        return read.file().getFileName().equals(homeOf(read.id()).getFileName());
    }

    /** The package files, by name. */
    private List<Path> packageFiles() {
        try (Stream<Path> files = Files.list(pluginsDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> isPackageName(file.getFileName().toString()))
                    .sorted(Comparator.comparing((Path file) -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPackageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && (lower.endsWith(".jar") || lower.endsWith(".zip")
                || lower.endsWith(".tar.gz") || lower.endsWith(".tgz"));
    }

    public InstalledPackage read(Path file) {
        return check.read(file, shownName(file));
    }

    /** A fresh path in the staging folder for a download or copy in progress: {@code <uuid>-<hint>}. */
    public Path stagingFile(String hint) {
        String safe = hint.replaceAll("[^A-Za-z0-9._-]", "_");
        // a file name may have 255 bytes; the end of a long one is kept, as it holds the extension
        return stagingDir.resolve(UUID.randomUUID() + "-" + safe.substring(Math.max(0, safe.length() - MAX_HINT)));
    }

    /** The name a person gave a package: a staging copy's without its {@code <uuid>-} prefix. */
    private String shownName(Path file) {
        String name = file.getFileName().toString();
        boolean staged = file.getParent() != null && file.getParent().equals(stagingDir) && name.length() > 37 && name.charAt(36) == '-';
        return staged ? name.substring(37) : name;
    }

    public Path homeOf(String id) {
        return pluginsDir.resolve(id + ".jar");
    }

    /**
     * Moves a staged package into place as {@code <id>.jar}, atomically replacing what was there,
     * and removes {@code previous} when it was a file under another name.
     */
    public InstalledPackage place(InstalledPackage staged, java.util.Optional<InstalledPackage> previous) {
        Path home = homeOf(staged.id());
        try {
            Files.move(staged.file(), home, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (previous.isPresent() && !previous.get().file().equals(home)) {
                Files.deleteIfExists(previous.get().file());
            }
        } catch (IOException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "plugin " + staged.id()
                    + " could not be put into " + pluginsDir + ": " + e.getMessage(), Map.of("plugin_id", staged.id()), e);
        }
        return new InstalledPackage(staged.manifest(), home, staged.sha256());
    }

    public void remove(InstalledPackage installed) {
        try {
            Files.deleteIfExists(installed.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a package file into staging (an install from a file never moves the operator's file). */
    public Path stageCopy(Path source) {
        Path staged = stagingFile(source.getFileName().toString());
        try {
            long size = Files.size(source);
            if (size > PackageCheck.MAX_PACKAGE_BYTES) {   // refused before a byte is copied
                throw PackageCheck.refused(source.getFileName().toString(), PackageRules.PACKAGE_TOO_LARGE, "it is " + size
                        + " bytes; packages may be at most " + PackageCheck.MAX_PACKAGE_BYTES + " bytes", null);
            }
            Files.copy(source, staged);
            return staged;
        } catch (IOException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the file " + source + " cannot be read: "
                    + e.getMessage(), Map.of("file", source.toString()), e);
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A staging file left behind is swept at the next start.
        }
    }

    /** Removes leftovers of installs interrupted by a crash. */
    public void sweepStaging() {
        try (Stream<Path> files = Files.list(stagingDir)) {
            files.forEach(PluginStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
