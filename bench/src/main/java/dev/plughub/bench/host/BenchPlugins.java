package dev.plughub.bench.host;

import dev.plughub.plugin.Plugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Builds the benchmark's plugin jars: one small class compiled once, packed with a different plugin.json each. */
final class BenchPlugins {

    private static final String SOURCE = """
            package bench;

            import dev.plughub.plugin.*;
            import java.util.Map;

            public class EchoPlugin implements Plugin {
                @Override
                public void initialize(PluginContext context) {
                }

                @Override
                public Map<String, Action> actions() {
                    return Map.of("echo", input -> input);
                }
            }
            """;

    private final byte[] classFile;

    BenchPlugins() throws IOException {
        this.classFile = compile();
    }

    /** Writes {@code dir/<id>.jar} and returns it. */
    Path write(Path dir, String id) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(id + ".jar");
        String manifest = """
                {"id": "%s", "name": "%s", "version": "1.0.0", "description": "benchmark plugin",
                 "runtime": "java", "entry_point": "bench.EchoPlugin", "actions": ["echo"]}
                """.formatted(id, id);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin.json"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("bench/EchoPlugin.class"));
            zip.write(classFile);
            zip.closeEntry();
        }
        return jar;
    }

    private static byte[] compile() throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the host benchmark needs a JDK (javax.tools), not a JRE");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path api;
            try {
                api = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            standard.setLocation(StandardLocation.CLASS_PATH, List.of(api.toFile()));
            var manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return out;
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            units.add(new SimpleJavaFileObject(URI.create("string:///bench/EchoPlugin.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return SOURCE;
                }
            });
            if (!compiler.getTask(null, manager, null, List.of("--release", "21", "-proc:none"), null, units).call()) {
                throw new IllegalStateException("the benchmark plugin does not compile");
            }
        }
        return out.toByteArray();
    }
}
