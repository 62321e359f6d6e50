package dev.plughub.host.loading;

import dev.plughub.plugin.Plugin;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a plugin instance from its package in a new {@link PluginClassLoader}. Every way this
 * can go wrong becomes a {@link LoadFailure} that names the problem; the loader is closed again
 * on failure, so a plugin that never loaded holds no open jar.
 */
public final class PluginLoader {

    /** The class-file major version of Java 8; later releases add one each. */
    private static final int JAVA_8_MAJOR = 52;
    private static final Pattern CLASS_VERSION = Pattern.compile("class file version (\\d+)");

    private final ClassLoader host;
    private final List<String> sharedPackages;

    public PluginLoader(ClassLoader host, List<String> sharedPackages) {
        this.host = host;
        this.sharedPackages = List.copyOf(sharedPackages);
    }

    /** A plugin instance and the loader that owns its classes (close it after shutdown). */
    public record Loaded(Plugin plugin, PluginClassLoader loader) {
    }

    /**
     * @param jar        the plugin's package: classes at its root
     * @param libraries  further jars of the plugin (its {@code lib/} folder, extracted)
     * @param entryPoint the fully qualified name of the class implementing {@link Plugin}
     */
    public Loaded load(String pluginId, Path jar, List<Path> libraries, String entryPoint) {
        PluginClassLoader loader = new PluginClassLoader(pluginId, urls(jar, libraries), host, sharedPackages);
        try {
            return new Loaded(instantiate(loader, entryPoint), loader);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader);
            throw e instanceof LoadFailure failure ? failure : translate(entryPoint, e);
        }
    }

    private static Plugin instantiate(PluginClassLoader loader, String entryPoint) {
        Class<?> type;
        try {
            type = Class.forName(entryPoint, false, loader);
        } catch (ClassNotFoundException e) {
            throw new LoadFailure("the entry point class " + entryPoint + " is not in the plugin's jar", e);
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new LoadFailure("the entry point " + entryPoint + " does not implement " + Plugin.class.getName(), null);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new LoadFailure("the entry point " + entryPoint + " is abstract; name a concrete class", null);
        }
        try {
            return (Plugin) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new LoadFailure("the entry point " + entryPoint + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError linkage) {
                throw linkage;
            }
            throw new LoadFailure("the constructor of " + entryPoint + " threw " + cause, cause);
        } catch (IllegalAccessException | InstantiationException e) {
            throw new LoadFailure("the entry point " + entryPoint + " cannot be instantiated: " + e.getMessage(), e);
        }
    }

    /** Linkage errors carry JVM wording; say what the operator must do instead. */
    public static LoadFailure translate(String entryPoint, Throwable e) {
        if (e instanceof UnsupportedClassVersionError version) {
            Matcher matcher = CLASS_VERSION.matcher(String.valueOf(version.getMessage()));
            String required = matcher.find()
                    ? "Java " + (Integer.parseInt(matcher.group(1)) - JAVA_8_MAJOR + 8)
                    : "a newer Java";
            return new LoadFailure("the plugin was compiled for " + required + ", but this host runs Java "
                    + Runtime.version().feature() + "; rebuild it with --release " + Runtime.version().feature()
                    + " or run the host on " + required, e);
        }
        if (e instanceof NoClassDefFoundError missing) {
            String name = String.valueOf(missing.getMessage()).replace('/', '.');
            return new LoadFailure("the class " + name + " that " + entryPoint
                    + " needs is missing; package it in the plugin's jar or under lib/", e);
        }
        if (e instanceof LinkageError) {
            return new LoadFailure("the plugin's classes do not link: " + e, e);
        }
        return new LoadFailure("the plugin could not be loaded: " + e, e);
    }

    private static URL[] urls(Path jar, List<Path> libraries) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.toUri().toURL());
            for (Path library : libraries) {
                urls.add(library.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        return urls.toArray(URL[]::new);
    }

    public static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Closing releases the jar handles; a failure leaves at worst a file open until GC.
        }
    }
}
