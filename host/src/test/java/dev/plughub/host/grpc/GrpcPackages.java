package dev.plughub.host.grpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
        String launcher = "#!/bin/sh\n"
                + "# exec: the plugin replaces this shell, so the host's stdin pipe and signals reach the JVM\n"
                + "exec \"$PLUGHUB_JAVA\" -Xss512k -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' " + TestGrpcPlugin.class.getName() + " \"$@\"\n";
        return write(pluginsDir.resolve(id + ".zip"), manifest(id, "\"entry_point\": \"bin/run " + mode + "\""), launcher);
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
