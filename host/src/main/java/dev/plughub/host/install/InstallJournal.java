package dev.plughub.host.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes an install all-or-nothing across a crash. Before a new plugin's package is placed, the host
 * writes an entry for it saying whether its scope decisions and its data folder are new; the
 * entries are removed once the whole install has started (or been taken back). At start-up an
 * entry still present means the host died mid-install: that plugin is removed again, with the
 * decisions and folder the install created, before the plugins directory is loaded.
 */
public final class InstallJournal {

    private static final String SUFFIX = ".install";

    /** An unfinished install of {@code id}: what it created besides the package. */
    public record Entry(String id, boolean newScopes, boolean newData) {
    }

    private final Path dir;

    public InstallJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records, durably, that {@code entry.id()} is being installed. */
    public void begin(Entry entry) {
        UpdateJournal.writeDurably(dir, entry.id() + SUFFIX, "scopes=" + entry.newScopes() + "\ndata=" + entry.newData() + "\n");
    }

    public void finish(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every unfinished install. */
    public List<Entry> pending() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().map(InstallJournal::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // an entry is written whole or not at all; what it does not say is taken as created, so it is removed
        return new Entry(name.substring(0, name.length() - SUFFIX.length()), !text.contains("scopes=false"),
                !text.contains("data=false"));
    }
}
