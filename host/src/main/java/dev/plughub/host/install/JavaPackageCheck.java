package dev.plughub.host.install;

import dev.plughub.core.manifest.PluginManifest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * What can be told about a Java plugin before it is loaded: that its entry point is written as a
 * class name, and that this JVM can run its class files — those of the jar and of the jars under
 * {@code lib/}, whose newest is named. A refusal here is an install's 400 instead of a failed start's
 * 500, or of a failed call long after. Classes under {@code META-INF/versions/} (multi-release jars)
 * are for the Java releases they name and are not counted.
 */
final class JavaPackageCheck {

    /** Class file major version of Java 8; each later feature release adds one. */
    private static final int JAVA_8_MAJOR = 52;
    private static final int CLASS_MAGIC = 0xCAFEBABE;
    private static final String LIBRARIES = "lib/";

    /** The class file of the newest Java in a package, and the Java it needs. */
    private record Newest(String className, int java) {
    }

    private JavaPackageCheck() {
    }

    /** Why {@code manifest}'s plugin in the jar {@code jar} cannot run on this JVM, if it can be told. */
    static Optional<String> problem(PluginManifest manifest, Path jar) {
        String entryPoint = manifest.entryPoint().orElse("");
        if (entryPoint.contains("/") || entryPoint.endsWith(".class") || entryPoint.contains(":")
                || entryPoint.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("its entry_point '" + entryPoint + "' is not a class name: write the fully qualified"
                    + " name of the class implementing dev.plughub.plugin.Plugin, such as com.example.GreeterPlugin");
        }
        int runtime = Runtime.version().feature();
        return newestClass(jar).filter(newest -> newest.java() > runtime)
                .map(newest -> "its class " + newest.className() + " was compiled for Java " + newest.java()
                        + ", but this host runs Java " + runtime + "; rebuild it (and its libraries) with --release "
                        + runtime + " or run the host on a newer Java");
    }

    /** The newest class file of the zip {@code jar} and of the jars under its {@code lib/}; empty when it holds none. */
    private static Optional<Newest> newestClass(Path jar) {
        Newest newest = null;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    if (isClass(entry.getName())) {
                        newest = newer(newest, entry.getName(), in);
                    } else if (entry.getName().startsWith(LIBRARIES) && entry.getName().endsWith(".jar")) {
                        newest = newestIn(new ZipInputStream(in), newest);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();   // not a zip (a tar.gz package), or unreadable: loading will say what is wrong
        }
        return Optional.ofNullable(newest);
    }

    private static Newest newestIn(ZipInputStream library, Newest newest) throws IOException {
        for (ZipEntry entry = library.getNextEntry(); entry != null; entry = library.getNextEntry()) {
            if (isClass(entry.getName())) {
                newest = newer(newest, entry.getName(), library);
            }
        }
        return newest;
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/versions/");
    }

    /** {@code newest}, or the class file {@code in} holds when it needs a newer Java. */
    private static Newest newer(Newest newest, String name, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != CLASS_MAGIC) {
            return newest;
        }
        data.readUnsignedShort();   // minor version
        int java = data.readUnsignedShort() - JAVA_8_MAJOR + 8;
        if (newest != null && newest.java() >= java) {
            return newest;
        }
        return new Newest(name.substring(0, name.length() - ".class".length()).replace('/', '.'), java);
    }
}
