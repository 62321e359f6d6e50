package dev.plughub.core.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds real zip and tar.gz files for tests: {@code TestArchives.zip(path).entry("plugin.json", "{}").build()}. */
final class TestArchives {

    private TestArchives() {
    }

    static ZipBuilder zip(Path file) {
        return new ZipBuilder(file);
    }

    static TarBuilder tarGz(Path file) {
        return new TarBuilder(file);
    }

    static String pluginJson(String id, String version) {
        return """
                {"id": "%s", "name": "%s", "version": "%s", "description": "A test plugin"}
                """.formatted(id, id, version);
    }

    /** A zip of one entry holding {@code bytes} zeros, deflated while streaming (never held in memory). */
    static Path zipBomb(Path file, long bytes) {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putArchiveEntry(new ZipArchiveEntry("plugin.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            writeZeros(zip, bytes);
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A tar.gz of {@code bytes} zeros in one entry, streamed. */
    static Path tarBomb(Path file, long bytes) {
        try (TarArchiveOutputStream tar = tarStream(file)) {
            TarArchiveEntry entry = new TarArchiveEntry("zeros.bin");
            entry.setSize(bytes);
            tar.putArchiveEntry(entry);
            writeZeros(tar, bytes);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A tar.gz of {@code count} empty files. */
    static Path tarOfManyEntries(Path file, int count) {
        try (TarArchiveOutputStream tar = tarStream(file)) {
            for (int i = 0; i < count; i++) {
                TarArchiveEntry entry = new TarArchiveEntry("f/" + i);
                entry.setSize(0);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A zip of {@code count} empty files. */
    static Path zipOfManyEntries(Path file, int count) {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (int i = 0; i < count; i++) {
                zip.putArchiveEntry(new ZipArchiveEntry("f/" + i));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A zip written by java.util.zip, which stores names exactly as given (commons-compress rewrites backslashes). */
    static Path jdkZip(Path file, java.util.Map<String, String> entries) {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The file cut to {@code keep} bytes, written next to it. */
    static Path truncated(Path archive, int keep) {
        try {
            byte[] bytes = Files.readAllBytes(archive);
            Path cut = archive.resolveSibling("cut-" + archive.getFileName());
            Files.write(cut, Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
            return cut;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TarArchiveOutputStream tarStream(Path file) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(new BufferedOutputStream(Files.newOutputStream(file))));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static void writeZeros(OutputStream out, long bytes) throws IOException {
        byte[] zeros = new byte[1024 * 1024];
        for (long left = bytes; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    private record Item(String name, byte[] content, Kind kind, String target, int mode) {
    }

    private enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, FIFO }

    abstract static class Builder<B extends Builder<B>> {
        final Path file;
        final List<Item> items = new ArrayList<>();

        Builder(Path file) {
            this.file = file;
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        B entry(String name, String content) {
            return entry(name, content.getBytes(StandardCharsets.UTF_8));
        }

        B entry(String name, byte[] content) {
            items.add(new Item(name, content, Kind.FILE, null, 0644));
            return self();
        }

        B executable(String name, String content) {
            items.add(new Item(name, content.getBytes(StandardCharsets.UTF_8), Kind.FILE, null, 0755));
            return self();
        }

        B directory(String name) {
            items.add(new Item(name, new byte[0], Kind.DIRECTORY, null, 0755));
            return self();
        }

        B symlink(String name, String target) {
            items.add(new Item(name, new byte[0], Kind.SYMLINK, target, 0777));
            return self();
        }

        abstract Path build();
    }

    static final class ZipBuilder extends Builder<ZipBuilder> {
        private int method = ZipArchiveEntry.DEFLATED;

        ZipBuilder(Path file) {
            super(file);
        }

        ZipBuilder stored() {
            method = ZipArchiveEntry.STORED;
            return this;
        }

        @Override
        Path build() {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
                zip.setMethod(method);
                for (Item item : items) {
                    String name = item.kind() == Kind.DIRECTORY && !item.name().endsWith("/") ? item.name() + "/" : item.name();
                    ZipArchiveEntry entry = new ZipArchiveEntry(name);
                    byte[] content = item.content();
                    switch (item.kind()) {
                        case SYMLINK -> {
                            entry.setUnixMode(0120777);
                            content = item.target().getBytes(StandardCharsets.UTF_8);
                        }
                        case DIRECTORY -> entry.setUnixMode(040755);
                        case FIFO -> entry.setUnixMode(010644);
                        default -> entry.setUnixMode(0100000 | item.mode());
                    }
                    zip.putArchiveEntry(entry);
                    zip.write(content);
                    zip.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }

    static final class TarBuilder extends Builder<TarBuilder> {
        TarBuilder(Path file) {
            super(file);
        }

        TarBuilder hardlink(String name, String target) {
            items.add(new Item(name, new byte[0], Kind.HARDLINK, target, 0644));
            return this;
        }

        TarBuilder fifo(String name) {
            items.add(new Item(name, new byte[0], Kind.FIFO, null, 0644));
            return this;
        }

        @Override
        Path build() {
            try (TarArchiveOutputStream tar = tarStream(file)) {
                for (Item item : items) {
                    TarArchiveEntry entry = switch (item.kind()) {
                        case SYMLINK -> {
                            TarArchiveEntry link = new TarArchiveEntry(item.name(), TarConstants.LF_SYMLINK);
                            link.setLinkName(item.target());
                            yield link;
                        }
                        case HARDLINK -> {
                            TarArchiveEntry link = new TarArchiveEntry(item.name(), TarConstants.LF_LINK);
                            link.setLinkName(item.target());
                            yield link;
                        }
                        case FIFO -> new TarArchiveEntry(item.name(), TarConstants.LF_FIFO);
                        case DIRECTORY -> new TarArchiveEntry(item.name().endsWith("/") ? item.name() : item.name() + "/");
                        case FILE -> {
                            TarArchiveEntry file = new TarArchiveEntry(item.name(), true);
                            file.setSize(item.content().length);
                            file.setMode(0100000 | item.mode());
                            yield file;
                        }
                    };
                    tar.putArchiveEntry(entry);
                    if (item.kind() == Kind.FILE) {
                        tar.write(item.content());
                    }
                    tar.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }
}
