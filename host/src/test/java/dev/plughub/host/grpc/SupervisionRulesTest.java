package dev.plughub.host.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.Timeouts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules around a plugin process: restart backoff, giving up, and how limits are applied. */
class SupervisionRulesTest {

    @TempDir
    Path dir;

    @Test
    void backoff_doubles_from_the_initial_wait_up_to_the_cap() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofMinutes(10));

        assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4), policy.backoff(9)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
    }

    @Test
    void the_supervisor_restarts_until_too_many_failures_then_gives_up_and_starts_afresh_after() throws Exception {
        try (Supervisor supervisor = new Supervisor(new RestartPolicy(Duration.ZERO, Duration.ZERO, 2, Duration.ofMinutes(5)),
                Clock.systemUTC())) {
            CountDownLatch restarted = new CountDownLatch(2);

            assertThat(supervisor.failed("p", restarted::countDown)).isInstanceOf(Supervisor.RestartScheduled.class);
            assertThat(supervisor.failed("p", restarted::countDown).describe()).contains("failure 2 of at most 2 within 300 s");
            Supervisor.Plan third = supervisor.failed("p", () -> {
                throw new AssertionError("no restart after giving up");
            });

            assertThat(third).isInstanceOf(Supervisor.GaveUp.class);
            assertThat(third.describe()).contains("not restarted again: 3 failures within 300 s");
            assertThat(restarted.await(1, TimeUnit.MINUTES)).isTrue();
            assertThat(supervisor.restarts("p")).isEqualTo(2);
            assertThat(supervisor.failed("p", () -> { })).as("an operator's restart gets the full allowance again")
                    .isInstanceOf(Supervisor.RestartScheduled.class);
        }
    }

    @Test
    void limits_are_applied_through_prlimit_soft_and_hard_alike() {
        GrpcRuntime runtime = runtime(ProcessLimits.none().withOpenFiles(64).withAddressSpace(4L << 30).withCpuSeconds(60),
                GrpcRuntime.PRLIMIT);

        assertThat(runtime.limited(List.of("bin/run", "serve"))).containsExactly(GrpcRuntime.PRLIMIT.toString(),
                "--nofile=64:64", "--as=4294967296:4294967296", "--cpu=60:60", "--", "bin/run", "serve");
    }

    @Test
    void without_prlimit_the_plugin_starts_without_limits() {
        GrpcRuntime runtime = runtime(ProcessLimits.defaults(), dir.resolve("no-such-prlimit"));

        assertThat(runtime.limited(List.of("bin/run"))).containsExactly("bin/run");
    }

    @Test
    void without_limits_the_command_is_run_as_it_is() {
        assertThat(runtime(ProcessLimits.none(), GrpcRuntime.PRLIMIT).limited(List.of("python3", "main.py")))
                .containsExactly("python3", "main.py");
    }

    private GrpcRuntime runtime(ProcessLimits limits, Path prlimit) {
        return new GrpcRuntime(GrpcSettings.defaults().withLimits(limits), Timeouts.defaults(), dir, Clock.systemUTC(),
                (id, plugin, why) -> { }, prlimit);
    }
}
