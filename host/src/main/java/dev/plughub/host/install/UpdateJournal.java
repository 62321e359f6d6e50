package dev.plughub.host.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes an update survive a crash. Before the new package replaces the old one, the host writes an
 * entry naming the backup of the old one; the entry is removed once the new version has started (or
 * the old one is back). At start-up an entry still present means the host died mid-update: if no
 * package of the plugin is in place the backup is restored, and if the package in place fails to
 * start the backup replaces it, so the plugin runs, old or new, never neither.
 */
public final class UpdateJournal {

    private final Path dir;

    public UpdateJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records, durably, that {@code id} is being updated and its old package is kept as {@code backupId}. */
    public void begin(String id, String backupId) {
        writeDurably(dir, entry(id).getFileName().toString(), backupId);
    }

    /** Writes {@code dir/name} whole or not at all, on disk before this returns. */
    static void writeDurably(Path dir, String name, String content) {
        Path temp = dir.resolve("." + name + ".part");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finish(String id) {
        try {
            Files.deleteIfExists(entry(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backup id of an unfinished update of {@code id}. */
    public Optional<String> pending(String id) {
        try {
            return Files.isRegularFile(entry(id)) ? Optional.of(Files.readString(entry(id)).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of every unfinished update. */
    public java.util.List<String> pendingIds() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".update"))
                    .map(name -> name.substring(0, name.length() - ".update".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path entry(String id) {
        return dir.resolve(id + ".update");
    }
}
