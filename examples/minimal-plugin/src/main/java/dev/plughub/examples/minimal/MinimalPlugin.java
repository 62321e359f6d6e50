package dev.plughub.examples.minimal;

import dev.plughub.plugin.Action;
import dev.plughub.plugin.Plugin;
import dev.plughub.plugin.PluginContext;
import java.util.Map;

/** The smallest useful plugin: one action, {@code hello}, that greets whoever is named. */
public final class MinimalPlugin implements Plugin {

    private PluginContext context;

    @Override
    public void initialize(PluginContext context) {
        this.context = context;
        context.logger().log(System.Logger.Level.INFO, "minimal plugin " + context.version() + " ready");
    }

    @Override
    public Map<String, Action> actions() {
        return Map.of("hello", this::hello);
    }

    private Map<String, Object> hello(Map<String, Object> input) {
        Object name = input.getOrDefault("name", "world");
        if (!(name instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string");
        }
        context.metrics().increment("greetings");
        return Map.of("message", "Hello, " + text + "!");
    }
}
