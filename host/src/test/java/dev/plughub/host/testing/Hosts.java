package dev.plughub.host.testing;

import dev.plughub.host.HostConfig;
import dev.plughub.host.Timeouts;
import java.nio.file.Path;
import java.time.Duration;

/** Host configurations for tests: everything under one temporary folder, short deadlines. */
public final class Hosts {

    /** Deadlines short enough that a hanging plugin costs a test about a second, long enough for a slow CI machine. */
    public static final Timeouts TEST_TIMEOUTS = Timeouts.all(Duration.ofSeconds(5))
            .withHealth(Duration.ofMillis(800))
            .withShutdown(Duration.ofMillis(800));

    private Hosts() {
    }

    public static HostConfig config(Path home) {
        return HostConfig.defaults(home).withTimeouts(TEST_TIMEOUTS);
    }
}
