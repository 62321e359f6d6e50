package dev.plughub.host.lessons;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

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
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> classes = new java.util.LinkedHashMap<>();
        var standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        var manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        if (!compiler.getTask(null, manager, null, List.of("--release", "21", "-proc:none"), null, units).call()) {
            throw new IllegalArgumentException("library sources do not compile: " + sources.keySet());
        }
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            for (var entry : classes.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey().replace('.', '/') + ".class"));
                zip.write(entry.getValue().toByteArray());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar.toByteArray();
    }
}
