package dev.plughub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plugin packages built in memory: a plugin.json, a few small source files, optionally a payload. */
final class Packages {

    private Packages() {
    }

    /** A small, realistic package (a manifest, a README and a script; about 1–2 KB). */
    static byte[] small(String manifestJson, String description) {
        return zip(manifestJson, description, null);
    }

    /**
     * A package whose size is dominated by {@code payload}, stored without compression: random bytes
     * do not compress, and storing them keeps the package file as large as the payload.
     */
    static byte[] withPayload(String manifestJson, String description, byte[] payload) {
        return zip(manifestJson, description, payload);
    }

    private static byte[] zip(String manifestJson, String description, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload == null ? 2048 : payload.length + 4096);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            deflated(zip, "plugin.json", manifestJson);
            deflated(zip, "README.md", "# Benchmark plugin\n\n" + description + "\n");
            deflated(zip, "src/main.py", """
                    def activate(context):
                        context.log("benchmark plugin active")


                    def deactivate(context):
                        pass
                    """);
            if (payload != null) {
                stored(zip, "assets/payload.bin", payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void deflated(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
