package dev.plughub.examples.greeter;

import dev.plughub.plugin.Action;
import dev.plughub.plugin.Event;
import dev.plughub.plugin.Health;
import dev.plughub.plugin.InvalidInputException;
import dev.plughub.plugin.Message;
import dev.plughub.plugin.Plugin;
import dev.plughub.plugin.PluginContext;
import dev.plughub.plugin.Subscription;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shows configuration (with a secret), events and messages: the {@code greet} action greets with the
 * configured word and emits {@code plugin.greeter.greeted}; the plugin counts every plugin event it
 * hears; the {@code greet} and {@code stats} messages answer other plugins (or an operator).
 */
public final class GreeterPlugin implements Plugin {

    private final Map<String, LongAdder> heard = new ConcurrentHashMap<>();
    private PluginContext context;
    private Subscription subscription;

    @Override
    public void initialize(PluginContext context) {
        this.context = context;
        this.subscription = context.events().subscribe("plugin.#", this::hear);
    }

    @Override
    public Health health() {
        // The key is optional; its absence is worth a word to the operator, not an outage.
        return context.config().containsKey("api_key") ? Health.ok() : Health.degraded("no api_key configured");
    }

    @Override
    public Map<String, Action> actions() {
        return Map.of("greet", input -> {
            String greeting = greeting(input.get("name"));
            context.events().emit("greeted", Map.of("greeting", greeting));
            // what the operator reads in GET /system/plugins/greeter/logs (never the configuration: it holds a secret)
            context.logger().log(System.Logger.Level.INFO, "greeted {0}", String.valueOf(input.getOrDefault("name", "world")));
            return Map.of("greeting", greeting);
        });
    }

    @Override
    public Map<String, Object> onMessage(Message message) {
        return switch (message.type()) {
            case "greet" -> Map.of("greeting", greeting(message.payload().get("name")));
            case "stats" -> Map.of("events_heard", heardSoFar());
            default -> throw new InvalidInputException("greeter answers 'greet' and 'stats' messages, not '" + message.type() + "'");
        };
    }

    @Override
    public void shutdown() {
        if (subscription != null) {
            subscription.close();
        }
    }

    private void hear(Event event) {
        heard.computeIfAbsent(event.name(), name -> new LongAdder()).increment();
    }

    private Map<String, Object> heardSoFar() {
        Map<String, Object> counts = new TreeMap<>();
        heard.forEach((name, count) -> counts.put(name, count.sum()));
        return counts;
    }

    private String greeting(Object name) {
        String who = name instanceof String text && !text.isBlank() ? text : "world";
        String greeting = context.config().getOrDefault("greeting", "Hello") + ", " + who + "!";
        return Boolean.TRUE.equals(context.config().get("shout")) ? greeting.toUpperCase(Locale.ROOT) : greeting;
    }
}
