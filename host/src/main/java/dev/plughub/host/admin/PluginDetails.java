package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.config.ConfigView;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.observability.MetricsSnapshot;
import dev.plughub.host.observability.OperationStats;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What seed 002's list and detail entries show beyond {@link PluginJson#seed002}: the plugin's
 * configuration (secrets as {@code ***hidden***}), its call figures, and in the detail its schema
 * and latest log records. All of it is the host's own record; nothing here calls the plugin.
 */
final class PluginDetails {

    /** How many of the newest log records the detail shows ({@code GET …/logs} pages through the rest). */
    static final int RECENT_LOGS = 10;

    private final PluginHost host;
    private final Clock clock;

    PluginDetails(PluginHost host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /** A list entry: {@code configuration} is the current values, {@code metrics} four figures. */
    Map<String, Object> listEntry(PluginView plugin) {
        Map<String, Object> json = new LinkedHashMap<>(PluginJson.seed002(plugin));
        json.put("configuration", host.config(plugin.id(), false).values());
        OperationStats total = host.metrics(plugin.id()).total();
        json.put("metrics", object(
                "requests_handled", total.count(),
                "average_response_time", total.meanMs(),
                "error_count", total.errors(),
                "uptime_seconds", uptimeSeconds(plugin)));
        return json;
    }

    /** The detail: the configuration with its schema, the call figures by kind, the newest log records. */
    Map<String, Object> detail(PluginView plugin) {
        Map<String, Object> json = new LinkedHashMap<>(PluginJson.seed002(plugin));
        json.put("events", PluginJson.describedEvents(plugin.manifest()));
        ConfigView config = host.config(plugin.id(), false);
        json.put("configuration", object("schema", config.schema(), "current", config.values()));
        MetricsSnapshot metrics = host.metrics(plugin.id());
        OperationStats total = metrics.total();
        json.put("metrics", object(
                "performance", object(
                        "requests_per_minute", metrics.requestsPerMinute(),
                        "average_response_time", total.meanMs(),
                        "p95_response_time", total.p95Ms(),
                        "error_rate", total.errorRate()),
                "usage", object(
                        "total_requests", total.count(),
                        "successful_requests", total.count() - total.errors(),
                        "failed_requests", total.errors()),
                "uptime_seconds", uptimeSeconds(plugin)));
        json.put("logs", host.logs(plugin.id(), LogQuery.all().withLimit(RECENT_LOGS)).entries().stream()
                .map(entry -> object(
                        "timestamp", iso(entry.timestamp()),
                        "level", entry.level().name(),
                        "message", entry.message()))
                .toList());
        return json;
    }

    private double uptimeSeconds(PluginView plugin) {
        if (plugin.state() != PluginState.ACTIVE) {
            return 0;
        }
        return plugin.initializedAt().map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0).orElse(0.0);
    }
}
