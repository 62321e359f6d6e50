package dev.plughub.host.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which plugins an operator disabled, kept across restarts as one empty marker file per plugin. */
public final class DisabledPlugins {

    private final Path dir;

    public DisabledPlugins(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isDisabled(String id) {
        return Files.exists(dir.resolve(id));
    }

    public void set(String id, boolean disabled) {
        try {
            if (disabled) {
                if (!Files.exists(dir.resolve(id))) {
                    Files.createFile(dir.resolve(id));
                }
            } else {
                Files.deleteIfExists(dir.resolve(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
