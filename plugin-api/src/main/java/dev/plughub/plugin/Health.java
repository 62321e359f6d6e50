package dev.plughub.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin's report of its own health.
 *
 * @param status  overall status
 * @param message a sentence for an operator; empty when there is nothing to say
 * @param checks  named sub-checks (for example {@code "database" -> "ok"}); JSON values
 */
public record Health(Status status, String message, Map<String, Object> checks) {

    public enum Status { OK, DEGRADED, DOWN }

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        checks = checks == null ? Map.of() : Map.copyOf(checks);
    }

    public static Health ok() {
        return new Health(Status.OK, "", Map.of());
    }

    public static Health degraded(String message) {
        return new Health(Status.DEGRADED, message, Map.of());
    }

    public static Health down(String message) {
        return new Health(Status.DOWN, message, Map.of());
    }

    public Health withCheck(String name, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(checks);
        all.put(name, value);
        return new Health(status, message, all);
    }
}
