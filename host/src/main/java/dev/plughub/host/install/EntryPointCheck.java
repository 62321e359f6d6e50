package dev.plughub.host.install;

import dev.plughub.core.manifest.PluginManifest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What can be told about a Java plugin's entry point before it is loaded: that it is written as a
 * class name, and whether this JVM can run the class file the package holds for it. A refusal here
 * is an install's 400 instead of a failed start's 500.
 */
final class EntryPointCheck {

    /** Class file major version of Java 8; each later feature release adds one. */
    private static final int JAVA_8_MAJOR = 52;
    private static final int CLASS_MAGIC = 0xCAFEBABE;

    private EntryPointCheck() {
    }

    /** Why {@code manifest}'s entry point cannot run on this JVM, if it can be told from {@code jar}. */
    static Optional<String> problem(PluginManifest manifest, Path jar) {
        String entryPoint = manifest.entryPoint().orElse("");
        if (entryPoint.contains("/") || entryPoint.endsWith(".class") || entryPoint.contains(":")
                || entryPoint.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("its entry_point '" + entryPoint + "' is not a class name: write the fully qualified"
                    + " name of the class implementing dev.plughub.plugin.Plugin, such as com.example.GreeterPlugin");
        }
        int runtime = Runtime.version().feature();
        return classFileMajor(jar, entryPoint.replace('.', '/') + ".class")
                .filter(major -> major - JAVA_8_MAJOR + 8 > runtime)
                .map(major -> "its entry point " + entryPoint + " was compiled for Java " + (major - JAVA_8_MAJOR + 8)
                        + ", but this host runs Java " + runtime + "; rebuild it with --release " + runtime
                        + " or run the host on a newer Java");
    }

    /** The major version of the class file {@code entry} in the zip {@code jar}; empty when it is not there or not a class. */
    private static Optional<Integer> classFileMajor(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry found = zip.getEntry(entry);
            if (found == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(found); DataInputStream data = new DataInputStream(in)) {
                if (data.readInt() != CLASS_MAGIC) {
                    return Optional.empty();
                }
                data.readUnsignedShort();   // minor version
                return Optional.of(data.readUnsignedShort());
            }
        } catch (IOException e) {
            return Optional.empty();   // not a zip (a tar.gz package), or unreadable: loading will say what is wrong
        }
    }
}
