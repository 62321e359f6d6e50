package dev.plughub.host.grpc;

import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.host.Timeouts;
import dev.plughub.host.install.InstalledPackage;
import dev.plughub.plugin.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs plugins whose manifest says {@code "runtime": "grpc"}: makes the {@link Plugin} adapter for
 * one, wraps its command in the configured {@link ProcessLimits}, and tells the host when a
 * process dies while active (the host marks it failed and asks the {@link Supervisor} for a restart).
 */
public final class GrpcRuntime implements AutoCloseable {

    /** Told when an active plugin's process exited without being asked to. */
    @FunctionalInterface
    public interface DeathListener {
        void died(String pluginId, Plugin instance, String why);
    }

    private static final System.Logger LOG = System.getLogger(GrpcRuntime.class.getName());
    static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    private final GrpcSettings settings;
    private final Timeouts timeouts;
    private final PackageFolder folders;
    private final Supervisor supervisor;
    private final DeathListener onDeath;
    private final Path prlimit;
    private final AtomicBoolean warnedNoPrlimit = new AtomicBoolean();

    public GrpcRuntime(GrpcSettings settings, Timeouts timeouts, Path unpackRoot, Clock clock, DeathListener onDeath) {
        this(settings, timeouts, unpackRoot, clock, onDeath, PRLIMIT);
    }

    GrpcRuntime(GrpcSettings settings, Timeouts timeouts, Path unpackRoot, Clock clock, DeathListener onDeath, Path prlimit) {
        this.settings = settings;
        this.timeouts = timeouts;
        this.folders = new PackageFolder(unpackRoot);
        this.supervisor = new Supervisor(settings.restarts(), clock);
        this.onDeath = onDeath;
        this.prlimit = prlimit;
    }

    public static boolean handles(PluginManifest manifest) {
        return GrpcLaunch.isGrpc(manifest);
    }

    /** Whether a started instance runs in a child process (which the host can end, unlike a thread). */
    public static boolean runsOutOfProcess(dev.plughub.plugin.Plugin instance) {
        return instance instanceof GrpcPlugin;
    }

    /**
     * The adapter for an installed gRPC plugin; nothing starts until the host initializes it.
     *
     * @throws PluginStartFailed when the manifest names neither a command nor a valid endpoint
     */
    public Plugin create(InstalledPackage installed) {
        GrpcLaunch launch;
        try {
            launch = GrpcLaunch.of(installed.manifest());
        } catch (IllegalArgumentException e) {
            throw new PluginStartFailed(e.getMessage(), e);
        }
        return new GrpcPlugin(installed, launch, this);
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    /** Deletes the plugin's unpacked packages (after an uninstall). */
    public void forget(String pluginId) {
        folders.forget(pluginId);
        supervisor.reset(pluginId);
    }

    GrpcSettings settings() {
        return settings;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    PackageFolder folders() {
        return folders;
    }

    void processDied(GrpcPlugin plugin, String why) {
        onDeath.died(plugin.pluginId(), plugin, why);
    }

    /** {@code prlimit --nofile=N:N ... <command>}; the command alone (and one warning) when prlimit is missing. */
    List<String> limited(List<String> command) {
        ProcessLimits limits = settings.limits();
        if (limits.isEmpty()) {
            return command;
        }
        if (!Files.isExecutable(prlimit)) {
            if (warnedNoPrlimit.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "{0} is missing: plugin processes start without resource limits", prlimit);
            }
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(prlimit.toString());
        wrapped.addAll(limits.prlimitOptions());
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
