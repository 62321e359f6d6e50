package dev.plughub.host.install;

import dev.plughub.host.PluginView;
import java.util.List;

/**
 * What a rescan of the plugins directory found.
 *
 * @param added    plugins found that were not loaded before
 * @param removed  plugins whose file is gone
 * @param problems files that could not be taken, each with why
 * @param plugins  every plugin after the rescan
 */
public record RescanResult(List<String> added, List<String> removed, List<Problem> problems, List<PluginView> plugins) {

    public RescanResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        problems = List.copyOf(problems);
        plugins = List.copyOf(plugins);
    }

    public record Problem(String file, String error) {
    }
}
