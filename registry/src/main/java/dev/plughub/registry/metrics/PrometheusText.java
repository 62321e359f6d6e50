package dev.plughub.registry.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Prometheus' text exposition format (version 0.0.4): per metric family a {@code # HELP} and
 * a {@code # TYPE} line, then all its samples together (the format requires one group per family,
 * in whatever order the samples were added), label values escaped as the format says.
 */
final class PrometheusText {

    /** Each family's lines, families in the order they first appeared. */
    private final Map<String, StringBuilder> families = new LinkedHashMap<>();

    /** Label names and values in the order given: {@code labels("pool", "main", "state", "idle")}. */
    static Map<String, String> labels(String... namesAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }

    PrometheusText gauge(String name, String help, double value) {
        return sample(name, "gauge", help, Map.of(), value);
    }

    PrometheusText counter(String name, String help, double value) {
        return sample(name, "counter", help, Map.of(), value);
    }

    /** One sample, written in its family's group; the first sample of a family describes it. */
    PrometheusText sample(String name, String type, String help, Map<String, String> labels, double value) {
        StringBuilder out = families.computeIfAbsent(name, family -> new StringBuilder()
                .append("# HELP ").append(family).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n')
                .append("# TYPE ").append(family).append(' ').append(type).append('\n'));
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (var label : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String toString() {
        StringBuilder all = new StringBuilder(4096);
        families.values().forEach(all::append);
        return all.toString();
    }
}
