package dev.plughub.host.loading;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A plugin's own class loader, plugin classes first. {@code java.*}, the plugin API and the
 * host's shared packages come from the host, so a plugin and its host agree on {@code Plugin} and
 * {@code PluginContext}; everything else the plugin does not bring comes from the JDK's platform
 * loader, never from the host application's class path (a plugin cannot see, or pin, the host's
 * libraries).
 */
public final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String API_PACKAGE = "dev.plughub.plugin.";

    private final String pluginId;
    private final ClassLoader host;
    private final List<String> sharedPackages;

    public PluginClassLoader(String pluginId, URL[] urls, ClassLoader host, List<String> sharedPackages) {
        super("plugin-" + pluginId, urls, ClassLoader.getPlatformClassLoader());
        this.pluginId = pluginId;
        this.host = host;
        this.sharedPackages = List.copyOf(sharedPackages);
    }

    public String pluginId() {
        return pluginId;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.")) {
            return super.loadClass(name, resolve);
        }
        if (fromHost(name)) {
            return host.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    private boolean fromHost(String name) {
        if (name.startsWith(API_PACKAGE)) {
            return true;
        }
        for (String prefix : sharedPackages) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
