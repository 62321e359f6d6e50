package dev.plughub.registry.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.checksum.Sha256;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Real plugin packages for tests, written with commons-compress: {@code .zip} and {@code .tar.gz}
 * with a {@code plugin.json}, {@code .jar} with PF4J's {@code Plugin-*} keys in
 * {@code META-INF/MANIFEST.MF}, seed 000's {@code manifest.py} in a top folder, and hostile ones
 * (links, {@code ../} names, huge entries) for the refusal tests.
 *
 * <pre>{@code
 * Path zip = TestPackages.zip(dir, "my-plugin", "1.0.0");
 * Path tgz = TestPackages.plugin("my-plugin", "1.1.0").set("tags", List.of("net")).entry("src/a.py", "x").tarGz(dir);
 * Path bad = TestPackages.plugin("my-plugin", "1.0.0").entry("../evil.txt", "x").zip(dir);
 * }</pre>
 */
public final class TestPackages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestPackages() {
    }

    /** A zip with a {@code plugin.json} for the id and version (and a README). */
    public static Path zip(Path dir, String id, String version) {
        return plugin(id, version).zip(dir);
    }

    public static Path tarGz(Path dir, String id, String version) {
        return plugin(id, version).tarGz(dir);
    }

    /** A jar whose manifest is {@code META-INF/MANIFEST.MF} with PF4J's keys. */
    public static Path jar(Path dir, String id, String version) {
        return plugin(id, version).pf4j().jar(dir);
    }

    /** Seed 000's layout: {@code <id>/manifest.py} (PLUGIN_* constants), {@code __init__.py}, zipped. */
    public static Path manifestPyZip(Path dir, String id, String version) {
        return plugin(id, version).manifestPy().inFolder(id).entry("__init__.py", "").zip(dir);
    }

    /** A builder of a package with a {@code plugin.json} holding id, name, version, description, author, license. */
    public static Builder plugin(String id, String version) {
        return new Builder(id, version);
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) {
        return Sha256.of(file);
    }

    /** Where a package's manifest comes from. */
    public enum ManifestKind {
        PLUGIN_JSON, MANIFEST_PY, PF4J, NONE
    }

    private record Entry(String name, byte[] bytes, long repeatSize, byte fill, String linkTarget, boolean hardLink,
                         boolean directory) {
        long size() {
            return bytes != null ? bytes.length : repeatSize;
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
                return;
            }
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, fill);
            for (long left = repeatSize; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    /** A package being described; {@link #zip}, {@link #tarGz} and {@link #jar} write it to a new file. */
    public static final class Builder {
        private final Map<String, Object> manifest = new LinkedHashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private ManifestKind kind = ManifestKind.PLUGIN_JSON;
        private String rawManifestText;
        private String folder = "";

        private Builder(String id, String version) {
            manifest.put("id", id);
            manifest.put("name", id);
            manifest.put("version", version);
            manifest.put("description", "A test plugin called " + id);
            manifest.put("author", "Test Author");
            manifest.put("license", "MIT");
            entries.add(new Entry("README.md", ("# " + id + "\n").getBytes(StandardCharsets.UTF_8), 0, (byte) 0, null,
                    false, false));
        }

        /** Sets a manifest field (any JSON value: strings, numbers, lists, maps). */
        public Builder set(String field, Object value) {
            manifest.put(field, value);
            return this;
        }

        public Builder remove(String field) {
            manifest.remove(field);
            return this;
        }

        public Builder name(String name) {
            return set("name", name);
        }

        public Builder description(String description) {
            return set("description", description);
        }

        public Builder tags(String... tags) {
            return set("tags", List.of(tags));
        }

        public Builder category(String category) {
            return set("category", category);
        }

        /** The manifest fields as they stand (a copy). */
        public Map<String, Object> manifest() {
            return new LinkedHashMap<>(manifest);
        }

        /** Writes {@code plugin.json} with exactly this text instead of the fields (for malformed manifests). */
        public Builder rawPluginJson(String text) {
            this.kind = ManifestKind.PLUGIN_JSON;
            this.rawManifestText = text;
            return this;
        }

        /** Seed 000's {@code manifest.py} (PLUGIN_NAME = id, PLUGIN_VERSION, …) instead of plugin.json. */
        public Builder manifestPy() {
            this.kind = ManifestKind.MANIFEST_PY;
            return this;
        }

        /** PF4J's {@code META-INF/MANIFEST.MF} ({@code Plugin-Id}, …) instead of plugin.json. */
        public Builder pf4j() {
            this.kind = ManifestKind.PF4J;
            return this;
        }

        /** No manifest at all. */
        public Builder noManifest() {
            this.kind = ManifestKind.NONE;
            return this;
        }

        /** Puts the manifest and every entry under one top folder ({@code my-plugin/plugin.json}). */
        public Builder inFolder(String topFolder) {
            this.folder = topFolder.endsWith("/") ? topFolder : topFolder + "/";
            return this;
        }

        public Builder entry(String path, String text) {
            return entry(path, text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder entry(String path, byte[] bytes) {
            entries.add(new Entry(path, bytes, 0, (byte) 0, null, false, false));
            return this;
        }

        /** An entry of {@code size} copies of {@code fill}, streamed (for zip bombs and huge entries). */
        public Builder entry(String path, long size, byte fill) {
            entries.add(new Entry(path, null, size, fill, null, false, false));
            return this;
        }

        public Builder directory(String path) {
            entries.add(new Entry(path.endsWith("/") ? path : path + "/", new byte[0], 0, (byte) 0, null, false, true));
            return this;
        }

        /** A symbolic link entry (zip: unix mode; tar: a symlink header). */
        public Builder symlink(String path, String target) {
            entries.add(new Entry(path, null, 0, (byte) 0, target, false, false));
            return this;
        }

        /** A hard link entry (tar only; ignored by zip). */
        public Builder hardLink(String path, String target) {
            entries.add(new Entry(path, null, 0, (byte) 0, target, true, false));
            return this;
        }

        public Path zip(Path dir) {
            return writeZip(newFile(dir, ".zip"), false);
        }

        public Path jar(Path dir) {
            return writeZip(newFile(dir, ".jar"), true);
        }

        public Path tarGz(Path dir) {
            Path file = newFile(dir, ".tar.gz");
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                 GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(gz, 64 * 1024))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Entry e : allEntries(false)) {
                    TarArchiveEntry t;
                    if (e.linkTarget() != null) {
                        t = new TarArchiveEntry(e.name(), e.hardLink() ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK, true);
                        t.setLinkName(e.linkTarget());
                        tar.putArchiveEntry(t);
                    } else {
                        t = new TarArchiveEntry(e.name(), true); // keep "/abs" names: tests need hostile ones
                        t.setSize(e.directory() ? 0 : e.size());
                        tar.putArchiveEntry(t);
                        if (!e.directory()) {
                            e.writeTo(tar);
                        }
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return file;
        }

        private Path writeZip(Path file, boolean jar) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
                for (Entry e : allEntries(jar)) {
                    if (e.linkTarget() != null && e.hardLink()) {
                        continue;
                    }
                    ZipArchiveEntry z = new ZipArchiveEntry(e.name());
                    if (e.linkTarget() != null) {
                        z.setUnixMode(UnixStat.LINK_FLAG | 0777);
                        zip.putArchiveEntry(z);
                        zip.write(e.linkTarget().getBytes(StandardCharsets.UTF_8));
                    } else {
                        zip.putArchiveEntry(z);
                        if (!e.directory()) {
                            e.writeTo(zip);
                        }
                    }
                    zip.closeArchiveEntry();
                }
                zip.finish();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return file;
        }

        private List<Entry> allEntries(boolean jar) {
            List<Entry> all = new ArrayList<>();
            manifestEntry(jar).ifPresent(all::add);
            for (Entry e : entries) {
                all.add(new Entry(folder + e.name(), e.bytes(), e.repeatSize(), e.fill(), e.linkTarget(), e.hardLink(),
                        e.directory()));
            }
            return all;
        }

        private Optional<Entry> manifestEntry(boolean jar) {
            String name;
            String text;
            switch (kind) {
                case PLUGIN_JSON -> {
                    name = "plugin.json";
                    text = rawManifestText != null ? rawManifestText : json(manifest);
                }
                case MANIFEST_PY -> {
                    name = "manifest.py";
                    text = pythonManifest(manifest);
                }
                case PF4J -> {
                    name = "META-INF/MANIFEST.MF";
                    text = manifestMf(manifest);
                }
                default -> {
                    return Optional.empty();
                }
            }
            // A jar's MANIFEST.MF lives at the root whatever folder the rest is in.
            String path = kind == ManifestKind.PF4J ? name : folder + name;
            return Optional.of(new Entry(path, text.getBytes(StandardCharsets.UTF_8), 0, (byte) 0, null, false,
                    false));
        }

        private Path newFile(Path dir, String extension) {
            String base = String.valueOf(manifest.getOrDefault("id", "plugin")) + "-" + manifest.getOrDefault("version", "0");
            String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
            if (safe.length() > 80) {
                safe = safe.substring(0, 80);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dir.resolve(safe + "-" + SEQUENCE.incrementAndGet() + extension);
        }
    }

    static String json(Map<String, Object> fields) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seed 000's manifest.py: {@code PLUGIN_<FIELD> = literal}; the id is given as PLUGIN_NAME. */
    static String pythonManifest(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("# generated by TestPackages\n");
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        Object id = copy.remove("id");
        copy.remove("name");
        out.append("PLUGIN_NAME = ").append(pythonLiteral(id)).append('\n');
        copy.forEach((field, value) -> out.append("PLUGIN_").append(field.toUpperCase(Locale.ROOT))
                .append(" = ").append(pythonLiteral(value)).append('\n'));
        return out.toString();
    }

    private static String pythonLiteral(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().map(TestPackages::pythonLiteral).collect(Collectors.joining(", ", "(", items.size() == 1 ? ",)" : ")"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof Boolean b ? (b ? "True" : "False") : value.toString();
        }
        return '"' + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** PF4J's MANIFEST.MF keys for the fields it has. */
    static String manifestMf(Map<String, Object> fields) {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        put(main, "Plugin-Id", fields.get("id"));
        put(main, "Plugin-Version", fields.get("version"));
        put(main, "Plugin-Description", fields.get("description"));
        put(main, "Plugin-Provider", fields.get("author"));
        put(main, "Plugin-License", fields.get("license"));
        put(main, "Plugin-Requires", fields.get("min_host_version"));
        put(main, "Plugin-Class", fields.get("entry_point"));
        put(main, "Plugin-Dependencies", fields.get("plugin_dependencies"));
        try {
            var out = new ByteArrayOutputStream();
            mf.write(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Attributes attributes, String key, Object value) {
        if (value != null) {
            attributes.putValue(key, value.toString());
        }
    }
}
