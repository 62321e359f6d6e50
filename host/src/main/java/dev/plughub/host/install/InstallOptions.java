package dev.plughub.host.install;

import java.util.Map;

/**
 * @param autoEnable     start the plugins once installed (seed 002's {@code auto_enable}); when false they stay disabled
 * @param forceReinstall replace a plugin that is already installed instead of refusing
 * @param config         initial configuration of the requested plugin, validated against its schema
 */
public record InstallOptions(boolean autoEnable, boolean forceReinstall, Map<String, Object> config) {

    public InstallOptions {
        config = Map.copyOf(config);
    }

    public static InstallOptions defaults() {
        return new InstallOptions(true, false, Map.of());
    }

    public InstallOptions withForceReinstall(boolean value) {
        return new InstallOptions(autoEnable, value, config);
    }

    public InstallOptions withAutoEnable(boolean value) {
        return new InstallOptions(value, forceReinstall, config);
    }

    public InstallOptions withConfig(Map<String, Object> value) {
        return new InstallOptions(autoEnable, forceReinstall, value);
    }
}
