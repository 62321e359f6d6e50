package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.ApiResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002's metrics query: start_time, end_time and metrics, through real HTTP. */
class MetricsQueryApiTest {

    @TempDir
    Path home;

    private RunningAdmin adminWithWorker() {
        PluginJars.plugin("worker").buildAs(home.resolve("plugins").resolve("worker.jar"));
        RunningAdmin admin = RunningAdmin.start(Hosts.config(home));
        assertThat(admin.post("/system/plugins/worker/actions/echo", "{}").status()).isEqualTo(200);
        return admin;
    }

    @Test
    void answers_only_the_points_within_the_asked_range() {
        try (RunningAdmin admin = adminWithWorker()) {
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Instant from = minute.minus(Duration.ofMinutes(5));

            JsonNode data = admin.get("/system/plugins/worker/metrics?resolution=1m&start_time=" + from + "&end_time=" + minute)
                    .json().get("data");

            JsonNode requests = data.get("metrics").get("requests_per_minute");
            assertThat(requests).hasSize(5);
            assertThat(requests.get(0).get("timestamp").asText()).isEqualTo(from.toString());
            assertThat(requests.get(4).get("timestamp").asText()).isEqualTo(minute.minus(Duration.ofMinutes(1)).toString());
            assertThat(data.get("time_range").get("start").asText()).isEqualTo(from.toString());
            assertThat(data.get("time_range").get("end").asText()).isEqualTo(minute.toString());

            Instant later = minute.plus(Duration.ofHours(2));
            JsonNode future = admin.get("/system/plugins/worker/metrics?start_time=" + later + "&end_time=" + later.plus(Duration.ofHours(1)))
                    .json().get("data").get("metrics");
            assertThat(future.get("requests_per_minute")).isEmpty();
            assertThat(future.get("error_rate")).isEmpty();
        }
    }

    @Test
    void the_call_just_made_is_in_the_series_of_the_current_minute() {
        try (RunningAdmin admin = adminWithWorker()) {
            Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));

            JsonNode requests = admin.get("/system/plugins/worker/metrics?metrics=requests_per_minute&start_time=" + from)
                    .json().get("data").get("metrics").get("requests_per_minute");

            double calls = 0;
            for (JsonNode point : requests) {
                calls += point.get("value").asDouble();
            }
            assertThat(requests.size()).isBetween(2, 3);
            assertThat(calls).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void answers_only_the_named_series() {
        try (RunningAdmin admin = adminWithWorker()) {
            JsonNode metrics = admin.get("/system/plugins/worker/metrics?metrics=error_rate,response_time_ms").json()
                    .get("data").get("metrics");

            assertThat(metrics.fieldNames()).toIterable().containsExactlyInAnyOrder("error_rate", "response_time_ms");
            JsonNode bracketed = admin.get("/system/plugins/worker/metrics?metrics%5B%5D=error_rate&metrics%5B%5D=response_time_ms")
                    .json().get("data").get("metrics");
            assertThat(bracketed.fieldNames()).toIterable().as("metrics[]").containsExactlyInAnyOrder("error_rate", "response_time_ms");
        }
    }

    @Test
    void a_bad_time_a_reversed_range_or_an_unknown_series_is_a_422_naming_the_field() {
        try (RunningAdmin admin = adminWithWorker()) {
            ApiResponse garbage = admin.get("/system/plugins/worker/metrics?start_time=garbage");
            assertThat(garbage.status()).isEqualTo(422);
            assertThat(garbage.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(garbage.json().get("details").get("start_time").get(0).asText()).contains("ISO-8601");

            ApiResponse reversed = admin.get("/system/plugins/worker/metrics?start_time=2024-01-01T12:00:00Z&end_time=2024-01-01T11:00:00Z");
            assertThat(reversed.status()).isEqualTo(422);
            assertThat(reversed.json().get("details").get("end_time").get(0).asText()).isEqualTo("must be after start_time");

            ApiResponse unknown = admin.get("/system/plugins/worker/metrics?metrics=memory_usage_mb");
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.json().get("details").get("metrics").get(0).asText())
                    .contains("requests_per_minute").contains("does not measure");
        }
    }

    @Test
    void counts_an_action_under_its_own_name_as_the_docs_show() {
        try (RunningAdmin admin = adminWithWorker()) {
            JsonNode operations = admin.get("/system/plugins/worker/metrics").json().get("data").get("operations");

            assertThat(operations.fieldNames()).toIterable().contains("echo", "initialize");
            assertThat(operations.get("echo").get("count").asLong()).isEqualTo(1);
        }
    }
}
