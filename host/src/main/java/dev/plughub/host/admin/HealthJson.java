package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.observability.HealthReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A health report as each seed shows it: seed 004's ({@code {"status": "ok", "checks": {…}}}, with
 * the runtime's figures beside it) and seed 002's ({@code {"status": "healthy", "checks": [{name,
 * status…}], "metrics": {…}}}).
 */
final class HealthJson {

    private HealthJson() {
    }

    /** Seed 002's shape: its status words, the plugin's checks as a list, the call figures under {@code metrics}. */
    static Map<String, Object> seed002(HealthReport report) {
        List<Map<String, Object>> checks = new ArrayList<>();
        new TreeMap<>(report.checks()).forEach((name, value) -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", name);
            if (value instanceof Map<?, ?> fields) {
                fields.forEach((key, field) -> check.put(String.valueOf(key), field));
            } else {
                check.put("status", value);
            }
            checks.add(check);
        });
        return object(
                "status", switch (report.status()) {
                    case OK -> "healthy";
                    case DEGRADED -> "degraded";
                    case DOWN -> "unhealthy";
                    case UNKNOWN -> "unknown";
                },
                "message", report.message(),
                "state", report.state().label(),
                "last_check", iso(report.checkedAt()),
                "uptime_seconds", report.uptime().toMillis() / 1000.0,
                "checks", checks,
                "metrics", object(
                        "requests_per_minute", report.requestsPerMinute(),
                        "calls", report.calls(),
                        "errors", report.errors(),
                        "error_rate", errorRate(report),
                        "last_error", report.lastError()));
    }

    private static double errorRate(HealthReport report) {
        return report.calls() == 0 ? 0.0 : (double) report.errors() / report.calls();
    }

    static Map<String, Object> of(HealthReport report) {
        return object(
                "status", report.status().label(),
                "message", report.message(),
                "state", report.state().label(),
                "checks", new TreeMap<>(report.checks()),
                "uptime_seconds", report.uptime().toMillis() / 1000.0,
                "calls", report.calls(),
                "errors", report.errors(),
                "error_rate", errorRate(report),
                "last_error", report.lastError(),
                "last_check", iso(report.checkedAt()));
    }
}
