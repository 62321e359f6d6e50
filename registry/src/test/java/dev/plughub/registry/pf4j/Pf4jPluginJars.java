package dev.plughub.registry.pf4j;

import dev.plughub.registry.testing.TestPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.Plugin;

/**
 * Real PF4J plugin jars: a {@code Plugin} subclass compiled at test time with the JDK's compiler,
 * packed with PF4J's {@code Plugin-*} manifest keys, so a real {@code DefaultPluginManager} loads and
 * starts it.
 */
final class Pf4jPluginJars {

    static final String PLUGIN_CLASS = "plughubtest.HelloPlugin";

    private Pf4jPluginJars() {
    }

    /** A jar for {@code id@version}; {@code hostRange} (or null) becomes {@code Plugin-Requires}. */
    static Path jar(Path dir, String id, String version, String hostRange) {
        TestPackages.Builder builder = TestPackages.plugin(id, version)
                .set("entry_point", PLUGIN_CLASS)
                .pf4j()
                .entry(PLUGIN_CLASS.replace('.', '/') + ".class", compiledPluginClass(dir));
        if (hostRange != null) {
            builder.set("min_host_version", hostRange);
        }
        return builder.jar(dir);
    }

    private static byte[] compiledPluginClass(Path dir) {
        try {
            Path work = Files.createTempDirectory(dir, "javac");
            Path source = work.resolve("HelloPlugin.java");
            Files.writeString(source, """
                    package plughubtest;

                    public class HelloPlugin extends org.pf4j.Plugin {
                        public HelloPlugin() {
                        }
                    }
                    """);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String pf4j = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            int status = javac.run(null, null, null, List.of("-classpath", pf4j, "-d", work.toString(),
                    source.toString()).toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac could not compile the test plugin");
            }
            return Files.readAllBytes(work.resolve("plughubtest/HelloPlugin.class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
