package dev.plughub.host.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies of replaced or removed packages, under {@code <data>/backups/<id>/<backup id>.jar}. A
 * backup id ({@code <id>-<version>-<millis>}) sorts by time within a plugin, so the newest is the last.
 * Each plugin keeps its {@link #KEPT} newest backups: an update or rollback that makes one more
 * removes the oldest.
 */
public final class Backups {

    /** How many backups each plugin keeps. */
    public static final int KEPT = 5;

    /** One kept package. */
    public record Backup(String id, String backupId, Path file) {
    }

    private final Path root;
    private final Clock clock;

    public Backups(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** Copies the package (to a temporary name, then renamed, so a backup is whole or absent). */
    public Backup create(InstalledPackage installed) {
        String backupId = installed.id() + "-" + installed.version() + "-" + clock.millis();
        Path dir = root.resolve(installed.id());
        Path target = dir.resolve(backupId + ".jar");
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + backupId + ".part");
            Files.copy(installed.file(), temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Backup> all = newestFirst(installed.id());
        all.subList(Math.min(KEPT, all.size()), all.size()).forEach(old -> PluginStore.deleteQuietly(old.file()));
        return new Backup(installed.id(), backupId, target);
    }

    public Optional<Backup> latest(String id) {
        return newestFirst(id).stream().findFirst();
    }

    /** The newest backup whose bytes differ from {@code current}'s package: what a rollback puts back. */
    public Optional<Backup> latestOtherThan(InstalledPackage current) {
        for (Backup backup : newestFirst(current.id())) {
            try {
                if (Files.mismatch(backup.file(), current.file()) != -1) {
                    return Optional.of(backup);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private List<Backup> newestFirst(String id) {
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparingLong(Backups::millisOf).reversed())
                    .map(file -> new Backup(id, file.getFileName().toString().replaceFirst("\\.jar$", ""), file))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Backup> find(String id, String backupId) {
        Path file = root.resolve(id).resolve(backupId + ".jar");
        return Files.isRegularFile(file) ? Optional.of(new Backup(id, backupId, file)) : Optional.empty();
    }

    private static long millisOf(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.jar$", "");
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
