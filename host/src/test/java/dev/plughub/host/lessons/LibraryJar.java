package dev.plughub.host.lessons;

import dev.plughub.host.testing.PluginJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A third-party library as a plugin would bundle it under {@code lib/}: classes in a package of
 * their own (which {@code PluginJars} cannot make, as it puts every source in the plugin's package),
 * compiled from source and packed as a jar.
 */
final class LibraryJar {

    private LibraryJar() {
    }

    /** Compiles {@code sources} (fully qualified class name to code) and answers the jar's bytes. */
    static byte[] of(Map<String, String> sources) {
        Map<String, byte[]> classes = PluginJars.compile(sources);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            for (var entry : classes.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey().replace('.', '/') + ".class"));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar.toByteArray();
    }
}
