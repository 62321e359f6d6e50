package dev.plughub.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real plugin packages (a zip with a plugin.json) for tests. */
final class SamplePackage {

    private SamplePackage() {
    }

    static Path zip(Path dir, String id, String version) throws IOException {
        return zip(dir, id, version, 0);
    }

    /** A package whose plugin.json is {@code manifest} as given. */
    static Path withManifest(Path dir, String manifest) throws IOException {
        Path file = dir.resolve("custom-" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("plugin.json"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    /** A package with {@code paddingBytes} of incompressible data beside the manifest. */
    static Path zip(Path dir, String id, String version, int paddingBytes) throws IOException {
        Path file = dir.resolve(id + "-" + version + "-" + System.nanoTime() + ".zip");
        String manifest = """
                {"id": "%s", "name": "Sample %s", "version": "%s", "description": "A sample plugin for tests",
                 "author": "Tests", "license": "MIT", "tags": ["sample", "test"]}
                """.formatted(id, id, version);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("plugin.json"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (paddingBytes > 0) {
                byte[] data = new byte[paddingBytes];
                new Random(42).nextBytes(data);
                ZipEntry entry = new ZipEntry("data.bin");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return file;
    }
}
