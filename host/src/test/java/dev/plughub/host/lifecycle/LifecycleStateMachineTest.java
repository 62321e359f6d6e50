package dev.plughub.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class LifecycleStateMachineTest {

    private final Lifecycle lifecycle = new Lifecycle(Clock.systemUTC());

    @Test
    void walks_the_documented_path_and_records_when_it_became_active() {
        lifecycle.move(PluginState.RESOLVED, "resolved");
        lifecycle.move(PluginState.STARTING, "starting");
        lifecycle.move(PluginState.ACTIVE, "initialized");
        lifecycle.move(PluginState.STOPPING, "stopping");
        lifecycle.move(PluginState.STOPPED, "stopped");

        assertThat(lifecycle.state()).isEqualTo(PluginState.STOPPED);
        assertThat(lifecycle.current().initializedAt()).isPresent();
    }

    @Test
    void refuses_a_jump_the_state_machine_does_not_allow() {
        assertThatThrownBy(() -> lifecycle.move(PluginState.ACTIVE, "skipping"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a plugin cannot go from installed to active");
        assertThat(lifecycle.state()).isEqualTo(PluginState.INSTALLED);
    }

    @Test
    void a_failure_keeps_the_error_and_time_until_the_next_move() {
        lifecycle.fail("initialize threw");
        assertThat(lifecycle.current().error()).isEqualTo("initialize threw");
        assertThat(lifecycle.current().failedAt()).isPresent();

        lifecycle.move(PluginState.RESOLVED, "resolved");

        assertThat(lifecycle.current().error()).isEmpty();
        assertThat(lifecycle.current().failedAt()).isEmpty();
    }
}
