package dev.plughub.host.lessons;

import dev.plughub.host.testing.PluginJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A file the test plugins append "start &lt;id&gt;" and "stop &lt;id&gt;" to, so a test sees exactly
 * which plugins the host stopped and started, in which order.
 */
final class EventLog {

    private final Path file;

    EventLog(Path file) {
        this.file = file;
    }

    /** A plugin that records its initialize and shutdown here. */
    PluginJars.Builder plugin(String id, String version) {
        String path = file.toString().replace("\\", "\\\\");
        String append = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + path + "\"), \"%s " + id + "\\n\", "
                + "java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);";
        return PluginJars.plugin(id).version(version).initialize(append.formatted("start")).shutdown(append.formatted("stop"));
    }

    List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
