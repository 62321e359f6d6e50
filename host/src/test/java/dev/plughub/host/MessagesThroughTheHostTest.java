package dev.plughub.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.messages.BroadcastResult;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages reach running plugins through the runtime's table; each delivery has the message deadline. */
class MessagesThroughTheHostTest {

    @TempDir
    Path home;

    @Test
    void an_operator_message_reaches_the_plugin_and_its_reply_comes_back() {
        PluginJars.plugin("answerer").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.message("answerer", "ping", Map.of(), Optional.empty()))
                    .containsEntry("from", "host").containsEntry("type", "ping").containsEntry("plugin", "answerer");
        }
    }

    @Test
    void input_the_handler_refuses_is_the_senders_mistake_not_the_plugins_failure() {
        PluginJars.plugin("picky").onMessage("throw new dev.plughub.plugin.InvalidInputException(\"amount must be positive\");")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.message("picky", "charge", Map.of("amount", -1), Optional.empty()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR);
                        assertThat(e.getMessage()).contains("amount must be positive");
                    });
            assertThat(host.health("picky").lastError()).as("not recorded as the plugin's failure").isEmpty();
        }
    }

    @Test
    void a_plugin_asks_another_plugin_through_its_context() {
        PluginJars.plugin("answerer").build(home.resolve("plugins"));
        PluginJars.plugin("asker")
                .action("ask", "return context.messages().request(\"answerer\", \"question\", Map.of(), java.time.Duration.ofSeconds(2));")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.callAction("asker", "ask", Map.of()))
                    .containsEntry("from", "asker").containsEntry("plugin", "answerer");
        }
    }

    @Test
    void a_message_to_a_disabled_plugin_says_it_is_not_active() {
        PluginJars.plugin("sleeper").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.disable("sleeper");

            assertThatThrownBy(() -> host.message("sleeper", "ping", Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_NOT_ACTIVE);
                        assertThat(e.getMessage()).isEqualTo("plugin sleeper is disabled");
                    });
        }
    }

    @Test
    void a_broadcast_reaches_the_active_plugins_of_its_category_except_those_excluded() {
        PluginJars.plugin("monitor-a").manifest("category", "monitoring").build(home.resolve("plugins"));
        PluginJars.plugin("monitor-b").manifest("category", "monitoring").build(home.resolve("plugins"));
        PluginJars.plugin("billing").manifest("category", "finance").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            BroadcastResult result = host.broadcast("monitoring", "maintenance", Map.of(), Set.of("monitor-b"));

            assertThat(result.delivered()).containsExactly("monitor-a");
            assertThat(result.failed()).isEmpty();
        }
    }
}
