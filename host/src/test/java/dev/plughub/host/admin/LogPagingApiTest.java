package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.ApiResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paging through a plugin's log with seed 002's per_page and page, and with cursors. */
class LogPagingApiTest {

    @TempDir
    Path home;

    private RunningAdmin adminWithChattyPlugin(int lines) {
        PluginJars.plugin("chatty")
                .initialize("for (int i = 0; i < " + lines + "; i++) { context.logger().log(System.Logger.Level.INFO, \"line \" + i); }")
                .buildAs(home.resolve("plugins").resolve("chatty.jar"));
        return RunningAdmin.start(Hosts.config(home));
    }

    @Test
    void a_cursor_no_page_gave_out_is_a_422_naming_the_cursor() {
        try (RunningAdmin admin = adminWithChattyPlugin(3)) {
            // 99999: a whole number, but past the newest of the plugin's few records, so no page gave it out
            for (String cursor : new String[] {"zzz", "99999999999999999999", "abc%3D%3D", "0", "-5", "1.5", "99999"}) {
                ApiResponse r = admin.get("/system/plugins/chatty/logs?cursor=" + cursor);

                assertThat(r.status()).as(cursor).isEqualTo(422);
                assertThat(r.json().get("success").asBoolean()).isFalse();
                assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
                assertThat(r.json().get("details").get("cursor").get(0).asText()).contains("next_cursor");
            }
        }
    }

    @Test
    void a_time_range_that_ends_before_it_starts_is_a_422() {
        try (RunningAdmin admin = adminWithChattyPlugin(3)) {
            ApiResponse r = admin.get("/system/plugins/chatty/logs?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z");

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("details").get("until").get(0).asText()).contains("after since");
        }
    }

    @Test
    void per_page_goes_up_to_1000_as_seed_002_allows() {
        try (RunningAdmin admin = adminWithChattyPlugin(3)) {
            ApiResponse thousand = admin.get("/system/plugins/chatty/logs?per_page=1000");
            assertThat(thousand.status()).isEqualTo(200);
            assertThat(thousand.json().get("data").get("pagination").get("per_page").asInt()).isEqualTo(1000);

            ApiResponse more = admin.get("/system/plugins/chatty/logs?per_page=1001");
            assertThat(more.status()).isEqualTo(422);
            assertThat(more.json().get("details").get("per_page").get(0).asText()).contains("1000");
        }
    }

    @Test
    void pages_reached_by_cursor_carry_their_page_number() {
        try (RunningAdmin admin = adminWithChattyPlugin(25)) {
            JsonNode first = admin.get("/system/plugins/chatty/logs?search=line&per_page=10").json().get("data");
            assertThat(first.get("pagination").get("page").asInt()).isEqualTo(1);
            assertThat(first.get("pagination").get("total").asInt()).isEqualTo(25);
            assertThat(first.get("logs").get(0).get("message").asText()).isEqualTo("line 24");

            String cursor = first.get("pagination").get("next_cursor").asText();
            JsonNode second = admin.get("/system/plugins/chatty/logs?search=line&per_page=10&cursor=" + cursor).json().get("data");
            assertThat(second.get("pagination").get("page").isInt()).isTrue();
            assertThat(second.get("pagination").get("page").asInt()).isEqualTo(2);
            assertThat(second.get("logs").get(0).get("message").asText()).isEqualTo("line 14");
            assertThat(second.get("pagination").get("has_next").asBoolean()).isTrue();

            cursor = second.get("pagination").get("next_cursor").asText();
            JsonNode third = admin.get("/system/plugins/chatty/logs?search=line&per_page=10&cursor=" + cursor).json().get("data");
            assertThat(third.get("pagination").get("page").asInt()).isEqualTo(3);
            assertThat(third.get("logs")).hasSize(5);
            assertThat(third.get("pagination").get("has_next").asBoolean()).isFalse();
            assertThat(third.get("pagination").get("next_cursor").isNull()).isTrue();

            JsonNode byNumber = admin.get("/system/plugins/chatty/logs?search=line&per_page=10&page=3").json().get("data");
            assertThat(byNumber.get("pagination").get("page").asInt()).isEqualTo(3);
            assertThat(byNumber.get("logs")).isEqualTo(third.get("logs"));
        }
    }

    @Test
    void a_record_longer_than_the_limit_is_kept_shortened_and_says_so() {
        PluginJars.plugin("verbose")
                .initialize("context.logger().log(System.Logger.Level.INFO, \"x\".repeat(10_000));")
                .buildAs(home.resolve("plugins").resolve("verbose.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            JsonNode logs = admin.get("/system/plugins/verbose/logs?search=xxxx").json().get("data").get("logs");

            assertThat(logs).hasSize(1);
            String message = logs.get(0).get("message").asText();
            assertThat(message).startsWith("x".repeat(4_096)).endsWith("[5904 more characters dropped]");
        }
    }
}
