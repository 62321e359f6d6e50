package dev.plughub.host.grpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Real out-of-process plugin packages for the tests: a zip with plugin.json (runtime grpc) and a
 * bin/run launcher that starts {@link TestGrpcPlugin} on the host's java ({@code $PLUGHUB_JAVA})
 * with this test JVM's class path.
 */
final class GrpcPackages {

    private GrpcPackages() {
    }

    /** A package whose launcher passes {@code mode} to {@link TestGrpcPlugin}. */
    static Path plugin(Path pluginsDir, String id, String mode) {
        return write(pluginsDir.resolve(id + ".zip"), manifest(id, "\"entry_point\": \"bin/run " + mode + "\""), launcher());
    }

    /**
     * The same as a {@code .tar.gz}, as packages for other languages usually come, with the launcher
     * executable (mode 0755) and everything under one top folder, as {@code tar czf id.tar.gz id/} makes it.
     */
    static Path pluginTarGz(Path pluginsDir, String id, String mode) {
        Path file = pluginsDir.resolve(id + ".tar.gz");
        try {
            Files.createDirectories(pluginsDir);
            try (OutputStream out = Files.newOutputStream(file);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
                entry(tar, id + "/plugin.json", manifest(id, "\"entry_point\": \"bin/run " + mode + "\""), 0644);
                entry(tar, id + "/bin/run", launcher(), 0755);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(TarArchiveOutputStream tar, String name, String text, int mode) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String launcher() {
        return "#!/bin/sh\n"
                + "# exec: the plugin replaces this shell, so the host's stdin pipe and signals reach the JVM\n"
                + "exec \"$PLUGHUB_JAVA\" -Xss512k -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' " + TestGrpcPlugin.class.getName() + " \"$@\"\n";
    }

    /** A package that names an already-running endpoint instead of a command. */
    static Path endpoint(Path pluginsDir, String id, String endpoint) {
        return write(pluginsDir.resolve(id + ".zip"), manifest(id, "\"endpoint\": \"" + endpoint + "\""), null);
    }

    private static String manifest(String id, String launch) {
        return """
                {"id": "%s", "name": "%s", "version": "1.0.0", "description": "a test plugin run out of process",
                 "runtime": "grpc", %s, "permissions": ["users.read"]}
                """.formatted(id, id, launch);
    }

    private static Path write(Path file, String manifest, String launcher) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("plugin.json"));
                zip.write(manifest.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                if (launcher != null) {
                    zip.putNextEntry(new ZipEntry("bin/run"));
                    zip.write(launcher.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
