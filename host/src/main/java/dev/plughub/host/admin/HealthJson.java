package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.observability.HealthReport;
import java.util.Map;
import java.util.TreeMap;

/**
 * A health report as seed 004 shows it ({@code {"status": "ok"}}), with seed 002's runtime figures
 * beside it.
 */
final class HealthJson {

    private HealthJson() {
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
                "error_rate", report.calls() == 0 ? 0.0 : (double) report.errors() / report.calls(),
                "last_error", report.lastError(),
                "last_check", iso(report.checkedAt()));
    }
}
