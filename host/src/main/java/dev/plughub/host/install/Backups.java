package dev.plughub.host.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies of replaced or removed packages, under {@code <data>/backups/<id>/<backup id>.jar}. A
 * backup id ({@code <id>-<version>-<millis>}) sorts by time within a plugin, so the newest is the last.
 */
public final class Backups {

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
        return new Backup(installed.id(), backupId, target);
    }

    public Optional<Backup> latest(String id) {
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .max(Comparator.comparingLong(Backups::millisOf))
                    .map(file -> new Backup(id, file.getFileName().toString().replaceFirst("\\.jar$", ""), file));
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
