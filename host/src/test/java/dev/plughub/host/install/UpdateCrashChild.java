package dev.plughub.host.install;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.host.Timeouts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The host in a child JVM for {@link UpdateCrashTest}: starts on {@code args[0]} and updates
 * from the package {@code args[1]}; the test kills it with SIGKILL while the update is under way.
 */
public final class UpdateCrashChild {

    private UpdateCrashChild() {
    }

    public static void main(String[] args) {
        HostConfig config = HostConfig.defaults(Path.of(args[0])).withTimeouts(Timeouts.all(Duration.ofMinutes(5)));
        PluginHost host = PluginHost.start(config);
        System.out.println("started");
        host.install(InstallRequest.file(Path.of(args[1])), InstallOptions.defaults().withForceReinstall(true));
        System.out.println("updated");
    }
}
