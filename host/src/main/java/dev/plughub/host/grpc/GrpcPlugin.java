package dev.plughub.host.grpc;

import dev.plughub.host.install.InstalledPackage;
import dev.plughub.plugin.Action;
import dev.plughub.plugin.Health;
import dev.plughub.plugin.Plugin;
import dev.plughub.plugin.PluginContext;
import dev.plughub.plugin.grpc.Handshake;
import dev.plughub.plugin.grpc.Structs;
import dev.plughub.plugin.grpc.v1.DescribeRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An out-of-process plugin seen as a {@link Plugin}, so the host's lifecycle, deadlines, metrics,
 * health and admin API treat it like a Java one. {@code initialize} starts the process (or finds
 * the endpoint), waits for the handshake, connects and asks Describe and Health; {@code shutdown}
 * closes the connection and stops the process. The host's {@code CallRunner} puts its deadline
 * around every method; each RPC carries a slightly later deadline of its own, so a missed deadline
 * is the host's timeout (the plugin is marked failed) and the RPC is cancelled with it.
 */
final class GrpcPlugin implements Plugin {

    /** How long an RPC may outlive the host's deadline for the same call, so the host's timeout fires first. */
    private static final Duration RPC_GRACE = Duration.ofMillis(250);

    private final InstalledPackage installed;
    private final GrpcLaunch launch;
    private final GrpcRuntime runtime;
    private volatile PluginProcess process;
    private volatile PluginChannel channel;
    private volatile Map<String, Action> actions = Map.of();
    private volatile boolean stopping;

    GrpcPlugin(InstalledPackage installed, GrpcLaunch launch, GrpcRuntime runtime) {
        this.installed = installed;
        this.launch = launch;
        this.runtime = runtime;
    }

    String pluginId() {
        return installed.id();
    }

    /** The plugin's process id while it runs one (an endpoint plugin has none). */
    Optional<Long> pid() {
        PluginProcess current = process;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    @Override
    public void initialize(PluginContext context) throws Exception {
        // Leave the host's own initialize deadline a margin (a tenth, at least a second or half of it),
        // so a slow start fails with our reason, its process ended, rather than with a bare timeout.
        Duration budget = runtime.timeouts().initialize();
        Duration atLeast = Duration.ofSeconds(1).compareTo(budget.dividedBy(2)) < 0 ? Duration.ofSeconds(1) : budget.dividedBy(2);
        Duration margin = budget.dividedBy(10).compareTo(atLeast) > 0 ? budget.dividedBy(10) : atLeast;
        long end = System.nanoTime() + budget.minus(margin).toNanos();
        try {
            String host;
            int port;
            switch (launch) {
                case GrpcLaunch.Command command -> {
                    Handshake handshake = startProcess(command, context, remaining(end));
                    host = handshake.host();
                    port = handshake.port();
                    requireLoopback(host, "the plugin's handshake names " + host + ", which is not a loopback address; "
                            + "a plugin process must listen on 127.0.0.1");
                }
                case GrpcLaunch.Endpoint endpoint -> {
                    if (!runtime.settings().allowRemoteEndpoints()) {
                        requireLoopback(endpoint.host(), "its endpoint " + endpoint.address() + " is not a loopback address, "
                                + "and remote gRPC endpoints are blocked unless the host allows them "
                                + "(PLUGHUB_GRPC_REMOTE_ENDPOINTS=true for plughub serve; "
                                + "HostConfig.withGrpc(settings.withRemoteEndpoints(true)) when embedding)");
                    }
                    host = endpoint.host();
                    port = endpoint.port();
                }
            }
            channel = new PluginChannel(host, port);
            DescribeRequest request = DescribeRequest.newBuilder()
                    .setPluginId(installed.id())
                    .setPluginVersion(installed.version())
                    .setConfig(Structs.toStruct(context.config()))
                    .addAllGrantedScopes(context.grantedScopes().stream().sorted().toList())
                    .build();
            PluginChannel.Services services = channel.discover(request, remaining(end));
            Map<String, Action> offered = new LinkedHashMap<>();
            for (String name : services.actions()) {
                offered.put(name, input -> channel.invoke(name, input, rpcDeadline(runtime.timeouts().action())));
            }
            actions = Map.copyOf(offered);
            channel.health(remaining(end));
        } catch (Exception | Error e) {
            release(Duration.ZERO);
            throw e;
        }
        PluginProcess started = process;
        if (started != null) {
            started.onExit().thenRun(() -> {
                if (!stopping) {
                    runtime.processDied(this, "the plugin process " + started.exitDescription());
                }
            });
        }
    }

    private Handshake startProcess(GrpcLaunch.Command command, PluginContext context, Duration within)
            throws InterruptedException {
        Path folder = runtime.folders().unpack(installed);
        List<String> argv = runtime.limited(PackageFolder.command(folder, command.argv()));
        var environment = ChildEnvironment.of(System.getenv(), installed.id(), context.dataDirectory(), Handshake.PROTOCOL);
        System.Logger log = context.logger();
        try {
            process = PluginProcess.start(installed.id(), argv, folder, environment, new PluginProcess.Output() {
                @Override
                public void stdout(String line) {
                    if (!line.isBlank()) {
                        log.log(System.Logger.Level.INFO, line);
                    }
                }

                @Override
                public void stderr(String line) {
                    if (!line.isBlank()) {
                        log.log(System.Logger.Level.WARNING, line);
                    }
                }
            });
        } catch (IOException e) {
            throw new PluginStartFailed("the plugin process could not be started (" + String.join(" ", command.argv()) + "): "
                    + e.getMessage(), e);
        }
        return process.awaitHandshake(within);
    }

    @Override
    public Health health() {
        PluginProcess current = process;
        if (current != null && !current.isAlive()) {
            return Health.down("the plugin process " + current.exitDescription());
        }
        Health own = channel.health(rpcDeadline(runtime.timeouts().health()));
        Health withRuntime = own.withCheck("process_restarts", runtime.supervisor().restarts(installed.id()));
        return current == null ? withRuntime : withRuntime.withCheck("pid", current.pid());
    }

    @Override
    public Map<String, Action> actions() {
        return actions;
    }

    /** Closes the connection, then the process: stdin closed, a grace period, then ended by force. */
    @Override
    public void shutdown() {
        Duration shutdown = runtime.timeouts().shutdown();
        // Half the host's shutdown deadline to exit by itself; the rest is for ending it by force.
        release(shutdown.dividedBy(2));
    }

    private void release(Duration grace) {
        stopping = true;
        PluginChannel open = channel;
        if (open != null) {
            open.close();
        }
        PluginProcess running = process;
        if (running != null) {
            running.stop(grace);
        }
    }

    private static Duration rpcDeadline(Duration hostDeadline) {
        return hostDeadline.plus(RPC_GRACE);
    }

    private static Duration remaining(long endNanos) {
        long left = endNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }

    private static void requireLoopback(String host, String refusal) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new PluginStartFailed(refusal);
                }
            }
        } catch (UnknownHostException e) {
            throw new PluginStartFailed("the plugin's address " + host + " cannot be resolved", e);
        }
    }
}
