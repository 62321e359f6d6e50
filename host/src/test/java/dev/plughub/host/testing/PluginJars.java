package dev.plughub.host.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.plugin.Plugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Builds real Java plugin jars at test time: small sources compiled with the JDK's compiler against
 * plugin-api, packed with a {@code plugin.json}. Each plugin's class is {@code <package>.Main}; its
 * package is derived from the id and version so two versions never share class names by accident.
 *
 * <pre>{@code
 * Path jar = PluginJars.plugin("greeter").version("1.1.0")
 *         .initialize("throw new IllegalStateException(\"boom\");")
 *         .build(tempDir);
 * }</pre>
 *
 * The code fragments see {@code context} (the plugin's {@code PluginContext}, set before the
 * fragment runs) and, in actions, {@code input}. Every plugin has an {@code echo} action returning its
 * input plus {@code plugin} and {@code version}, and answers messages with {@code from}, {@code type}
 * and {@code plugin}.
 */
public final class PluginJars {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

    private PluginJars() {
    }

    public static Builder plugin(String id) {
        return new Builder(id);
    }

    public static final class Builder {
        private final String id;
        private String version = "1.0.0";
        private String initialize = "";
        private String health = "return Health.ok();";
        private String shutdown = "";
        private String onMessage = "return Map.of(\"from\", message.from(), \"type\", message.type(), \"plugin\", context.pluginId());";
        private final Map<String, String> actions = new LinkedHashMap<>();
        private final Map<String, String> dependencies = new LinkedHashMap<>();
        private final List<String> scopes = new ArrayList<>();
        private final Map<String, Object> manifestExtra = new LinkedHashMap<>();
        private final Map<String, String> extraSources = new LinkedHashMap<>();
        private final Set<String> omittedClasses = new java.util.HashSet<>();
        private final Set<String> libraryClasses = new java.util.HashSet<>();
        private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
        private String fields = "";
        private String entryPoint;
        private int classFileMajor;
        private boolean omitManifest;

        private Builder(String id) {
            this.id = id;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** Statements run in {@code initialize(context)} after {@code this.context = context}. */
        public Builder initialize(String statements) {
            this.initialize = statements;
            return this;
        }

        /** The body of {@code health()}; must return a {@code Health}. */
        public Builder health(String statements) {
            this.health = statements;
            return this;
        }

        public Builder shutdown(String statements) {
            this.shutdown = statements;
            return this;
        }

        /** The body of {@code onMessage(message)}; must return a {@code Map<String, Object>}. */
        public Builder onMessage(String statements) {
            this.onMessage = statements;
            return this;
        }

        /** An action whose body (statements, with {@code input} and {@code context}) returns a {@code Map<String, Object>}. */
        public Builder action(String name, String statements) {
            actions.put(name, statements);
            return this;
        }

        /** Extra members of the plugin class (fields, helper methods). */
        public Builder members(String code) {
            this.fields = code;
            return this;
        }

        public Builder dependsOn(String pluginId, String range) {
            dependencies.put(pluginId, range);
            return this;
        }

        public Builder scopes(String... names) {
            scopes.addAll(List.of(names));
            return this;
        }

        /** Any other plugin.json field ({@code category}, {@code config_schema}, {@code min_host_version}...). */
        public Builder manifest(String key, Object value) {
            manifestExtra.put(key, value);
            return this;
        }

        /** Another class in the plugin's package: its simple name and full source (the package line is added). */
        public Builder source(String simpleName, String code) {
            extraSources.put(simpleName, code);
            return this;
        }

        /** Leaves a compiled class of the plugin's package out of the jar (a "missing class" at run time). */
        public Builder omitClass(String simpleName) {
            omittedClasses.add(simpleName);
            return this;
        }

        /** Moves a compiled class of the plugin's package out of the jar root into {@code lib/<name>.jar}. */
        public Builder libraryClass(String simpleName) {
            libraryClasses.add(simpleName);
            return this;
        }

        /** Names another entry point in plugin.json (for example a class that does not exist). */
        public Builder entryPoint(String className) {
            this.entryPoint = className;
            return this;
        }

        /** Patches every class file to this major version (e.g. 99) as if built for a newer Java. */
        public Builder classFileMajor(int major) {
            this.classFileMajor = major;
            return this;
        }

        /** Adds a raw entry to the jar (e.g. {@code lib/x.jar}). */
        public Builder entry(String name, byte[] content) {
            extraEntries.put(name, content);
            return this;
        }

        public Builder withoutManifest() {
            this.omitManifest = true;
            return this;
        }

        public String packageName() {
            return "p_" + (id + "_" + version).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        }

        public String mainClass() {
            return packageName() + ".Main";
        }

        /** Writes {@code <dir>/<id>-<version>.jar} and returns it. */
        public Path build(Path dir) {
            return buildAs(dir.resolve(id + "-" + version + ".jar"));
        }

        public Path buildAs(Path jar) {
            Map<String, byte[]> classes = compile();
            try {
                Files.createDirectories(jar.toAbsolutePath().getParent());
                try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
                    if (!omitManifest) {
                        put(zip, "plugin.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest()));
                    }
                    Map<String, byte[]> libraries = new LinkedHashMap<>();
                    for (var entry : classes.entrySet()) {
                        String simple = entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1);
                        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
                        String path = entry.getKey().replace('.', '/') + ".class";
                        if (libraryClasses.contains(outer)) {
                            libraries.put("lib/" + outer + ".jar", jarOf(path, patched(entry.getValue())));
                        } else if (!omittedClasses.contains(outer)) {
                            put(zip, path, patched(entry.getValue()));
                        }
                    }
                    for (var entry : libraries.entrySet()) {
                        put(zip, entry.getKey(), entry.getValue());
                    }
                    for (var entry : extraEntries.entrySet()) {
                        put(zip, entry.getKey(), entry.getValue());
                    }
                }
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Map<String, Object> manifest() {
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("id", id);
            manifest.put("name", id + " plugin");
            manifest.put("version", version);
            manifest.put("description", "test plugin " + id);
            manifest.put("author", "tests");
            manifest.put("runtime", "java");
            manifest.put("entry_point", entryPoint == null ? mainClass() : entryPoint);
            if (!scopes.isEmpty()) {
                manifest.put("permissions", scopes);
            }
            if (!dependencies.isEmpty()) {
                manifest.put("dependencies", Map.of("plugins", dependencies));
            }
            List<String> actionNames = new ArrayList<>(List.of("echo"));
            actionNames.addAll(actions.keySet());
            manifest.put("actions", actionNames);
            manifest.putAll(manifestExtra);
            return manifest;
        }

        private byte[] patched(byte[] classFile) {
            if (classFileMajor == 0) {
                return classFile;
            }
            byte[] copy = classFile.clone();
            copy[6] = (byte) (classFileMajor >> 8);
            copy[7] = (byte) classFileMajor;
            return copy;
        }

        private Map<String, byte[]> compile() {
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put(packageName() + ".Main", mainSource());
            extraSources.forEach((name, code) -> sources.put(packageName() + "." + name,
                    "package " + packageName() + ";\n" + code));
            return COMPILED.computeIfAbsent(sources.toString(), key -> PluginJars.compile(sources));
        }

        private String mainSource() {
            StringBuilder actionMap = new StringBuilder();
            actionMap.append("        actions.put(\"echo\", input -> {\n"
                    + "            Map<String, Object> out = new LinkedHashMap<>(input);\n"
                    + "            out.put(\"plugin\", context.pluginId());\n"
                    + "            out.put(\"version\", context.version());\n"
                    + "            return out;\n"
                    + "        });\n");
            actions.forEach((name, body) -> actionMap.append("        actions.put(\"").append(name)
                    .append("\", input -> {\n").append(body).append("\n        });\n"));
            return """
                    package %s;

                    import dev.plughub.plugin.*;
                    import dev.plughub.plugin.services.*;
                    import java.util.*;

                    public class Main implements Plugin {
                        private volatile PluginContext context;
                    %s
                        @Override
                        public void initialize(PluginContext context) throws Exception {
                            this.context = context;
                            %s
                        }

                        @Override
                        public Health health() throws Exception {
                            %s
                        }

                        @Override
                        public Map<String, Action> actions() {
                            Map<String, Action> actions = new LinkedHashMap<>();
                    %s        return actions;
                        }

                        @Override
                        public Map<String, Object> onMessage(Message message) {
                            %s
                        }

                        @Override
                        public void shutdown() throws Exception {
                            %s
                        }
                    }
                    """.formatted(packageName(), fields, initialize, health, actionMap, onMessage, shutdown);
        }
    }

    private static byte[] jarOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, name, content);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** Compiles the sources (class name to code) against plugin-api; answers class name to bytes. */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of(pluginApiLocation().toFile()));
            var manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return outputs.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((className, code) -> units.add(new SimpleJavaFileObject(
                    URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            }));
            boolean ok = compiler.getTask(null, manager, diagnostics, List.of("--release", "21", "-proc:none"), null, units).call();
            if (!ok) {
                StringBuilder why = new StringBuilder("test plugin sources do not compile:");
                for (Diagnostic<?> d : diagnostics.getDiagnostics()) {
                    why.append('\n').append(d);
                }
                throw new IllegalArgumentException(why.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return Map.copyOf(classes);
    }

    private static Path pluginApiLocation() {
        try {
            return Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file that is not a zip at all, named like a jar. */
    public static Path corrupt(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(fileName), "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
