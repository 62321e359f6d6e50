package dev.plughub.host.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.plugin.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    final CallMetrics metrics = new CallMetrics();

    @Test
    void an_active_plugin_reports_its_own_health_with_the_runtimes_figures() {
        metrics.record("p", "health", 1_000, true);
        metrics.record("p", "action:sync-users", 1_000, false);
        Health own = Health.degraded("slow upstream").withCheck("database", "ok");

        HealthReport report = HealthReport.of(PluginState.ACTIVE, Optional.of(own), "", Duration.ofHours(24),
                metrics.snapshot("p"), "sync-users threw: timeout", NOW);

        assertThat(report.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(report.status().label()).isEqualTo("degraded");
        assertThat(report.message()).isEqualTo("slow upstream");
        assertThat(report.checks()).isEqualTo(Map.of("database", "ok"));
        assertThat(report.uptime()).isEqualTo(Duration.ofHours(24));
        assertThat(report.calls()).isEqualTo(2);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.lastError()).isEqualTo("sync-users threw: timeout");
    }

    @Test
    void a_health_check_that_did_not_answer_is_unknown_with_the_reason() {
        HealthReport report = HealthReport.of(PluginState.ACTIVE, Optional.empty(),
                "health check timed out after 5000 ms", Duration.ofMinutes(3), metrics.snapshot("p"), "", NOW);

        assertThat(report.status()).isEqualTo(HealthReport.Status.UNKNOWN);
        assertThat(report.message()).isEqualTo("health check timed out after 5000 ms");
    }

    @Test
    void a_stopped_plugin_is_unknown_and_a_failed_one_is_down_with_its_error() {
        HealthReport disabled = HealthReport.of(PluginState.DISABLED, Optional.empty(), "", Duration.ZERO,
                metrics.snapshot("p"), "", NOW);
        HealthReport failed = HealthReport.of(PluginState.FAILED, Optional.of(Health.ok()), "", Duration.ofMinutes(1),
                metrics.snapshot("p"), "initialize threw: no database", NOW);

        assertThat(disabled.status()).isEqualTo(HealthReport.Status.UNKNOWN);
        assertThat(disabled.message()).isEqualTo("the plugin is disabled, so it was not asked");
        assertThat(failed.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat(failed.message()).isEqualTo("initialize threw: no database");
        assertThat(failed.uptime()).isZero();
    }
}
