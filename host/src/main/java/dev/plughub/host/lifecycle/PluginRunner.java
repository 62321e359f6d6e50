package dev.plughub.host.lifecycle;

import dev.plughub.host.calls.CallFailed;
import dev.plughub.host.calls.CallRunner;
import dev.plughub.host.calls.CallTimedOut;
import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.grpc.GrpcRuntime;
import dev.plughub.host.grpc.PluginStartFailed;
import dev.plughub.host.install.InstalledPackage;
import dev.plughub.host.loading.BundledLibraries;
import dev.plughub.host.loading.LoadFailure;
import dev.plughub.host.loading.PluginClassLoader;
import dev.plughub.host.loading.PluginLoader;
import dev.plughub.plugin.Action;
import dev.plughub.plugin.Plugin;
import dev.plughub.plugin.PluginContext;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts and stops one plugin: load its classes (or, for runtime {@code grpc}, make the adapter that
 * runs it out of process), {@code initialize} it with a deadline, ask its
 * actions; and in reverse {@code shutdown} with a deadline, close its context and class loader.
 * Every state change goes through the plugin's {@link Lifecycle}; every failure ends in FAILED with
 * the reason, never in an exception to the caller, so one plugin cannot stop the host starting others.
 */
public final class PluginRunner {

    /** Makes the context a plugin sees; closing it ends subscriptions and other per-plugin resources. */
    @FunctionalInterface
    public interface ContextFactory {
        ContextHandle create(HostedPlugin plugin);
    }

    /** A plugin context the host can close when the plugin stops. */
    public interface ContextHandle extends PluginContext, AutoCloseable {
        @Override
        void close();
    }

    private final PluginLoader loader;
    private final BundledLibraries libraries;
    private final CallRunner calls;
    private final PluginThreads threads;
    private final ContextFactory contexts;
    private final Duration initializeDeadline;
    private final Duration callsDeadline;
    private final GrpcRuntime grpc;

    /**
     * @param callsDeadline the longest a caller waits for an action, health check or message: stopping
     *                      waits at most this long for the calls in flight
     */
    public PluginRunner(PluginLoader loader, BundledLibraries libraries, CallRunner calls, PluginThreads threads,
                        ContextFactory contexts, Duration initializeDeadline, Duration callsDeadline, GrpcRuntime grpc) {
        this.grpc = grpc;
        this.callsDeadline = callsDeadline;
        this.loader = loader;
        this.libraries = libraries;
        this.calls = calls;
        this.threads = threads;
        this.contexts = contexts;
        this.initializeDeadline = initializeDeadline;
    }

    /** Moves a RESOLVED plugin to ACTIVE, or to FAILED with why; answers whether it is active. */
    public boolean start(HostedPlugin hosted) {
        hosted.lifecycle().move(PluginState.STARTING, "starting");
        InstalledPackage installed = hosted.installed();
        PluginLoader.Loaded loaded;
        try {
            if (GrpcRuntime.handles(installed.manifest())) {
                // Out of process: no classes to load, so no class loader (calls run with none as context loader).
                loaded = new PluginLoader.Loaded(grpc.create(installed), null);
            } else {
                List<Path> bundled = libraries.extract(hosted.id(), installed.sha256(), installed.file());
                loaded = loader.load(hosted.id(), installed.file(), bundled, installed.manifest().entryPoint().orElseThrow());
            }
        } catch (PluginStartFailed e) {
            hosted.lifecycle().fail(e.getMessage());
            return false;
        } catch (LoadFailure e) {
            hosted.lifecycle().fail(e.getMessage());
            return false;
        } catch (UncheckedIOException e) {
            hosted.lifecycle().fail("the plugin's libraries could not be unpacked: " + e.getCause().getMessage());
            return false;
        }
        ContextHandle context = contexts.create(hosted);
        Plugin plugin = loaded.plugin();
        try {
            Map<String, Action> actions = calls.call(hosted.id(), "initialize", initializeDeadline, loaded.loader(), () -> {
                plugin.initialize(context);
                Map<String, Action> offered = plugin.actions();
                return offered == null ? Map.<String, Action>of() : Map.copyOf(offered);
            });
            hosted.attach(new HostedPlugin.Running(plugin, loaded.loader(), actions, context,
                    installed.manifest().version().toString(), new CallGate()));
            hosted.lifecycle().move(PluginState.ACTIVE, "initialized");
            return true;
        } catch (CallTimedOut e) {
            release(context, loaded);
            hosted.lifecycle().fail("initialize did not return within " + e.deadline().toMillis() + " ms");
        } catch (CallFailed e) {
            release(context, loaded);
            Throwable cause = e.getCause();
            String why = cause instanceof LinkageError linkage
                    ? PluginLoader.translate(installed.manifest().entryPoint().orElseThrow(), linkage).getMessage()
                    : cause instanceof PluginStartFailed notStarted ? notStarted.getMessage()
                    : "initialize threw " + CallFailed.describe(cause);
            hosted.lifecycle().fail(why);
        }
        return false;
    }

    /**
     * Stops an ACTIVE (or FAILED but still loaded) plugin. New calls are refused at once; calls in
     * flight (actions, health, messages) finish first, since a plugin may count on {@code shutdown}
     * never running beside them: each ends by its own deadline, as its caller stops waiting then (a
     * call its caller gave up on may still run in the plugin, which is marked failed for it). Then
     * {@code shutdown} gets {@code deadline};
     * a plugin that overruns it is abandoned (its thread interrupted) and released anyway. Ends in
     * STOPPED, or FAILED when shutdown threw or hung.
     */
    public void stop(HostedPlugin hosted, Duration deadline) {
        PluginState state = hosted.lifecycle().state();
        if (state != PluginState.ACTIVE && state != PluginState.FAILED) {
            return;
        }
        if (hosted.running().isEmpty()) {
            return;
        }
        hosted.lifecycle().move(PluginState.STOPPING, "stopping");
        HostedPlugin.Running running = hosted.detach();
        running.calls().close(callsDeadline);
        String problem = "";
        try {
            calls.call(hosted.id(), "shutdown", deadline, running.loader(), () -> {
                running.plugin().shutdown();
                return null;
            });
        } catch (CallTimedOut e) {
            problem = "shutdown did not return within " + deadline.toMillis() + " ms; the plugin was stopped by force";
        } catch (CallFailed e) {
            problem = "shutdown threw " + CallFailed.describe(e.getCause());
        }
        closeQuietly(running.context());
        unload(running.loader());
        if (problem.isEmpty()) {
            hosted.lifecycle().move(PluginState.STOPPED, "stopped");
        } else {
            hosted.lifecycle().fail(problem);
        }
    }

    private void release(ContextHandle context, PluginLoader.Loaded loaded) {
        closeQuietly(context);
        unload(loaded.loader());
    }

    /** The plugin's classes are done with: its jar files are closed, and the threads that ran its code end. */
    private void unload(PluginClassLoader loaded) {
        if (loaded != null) {
            PluginLoader.closeQuietly(loaded);
            threads.retire();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Releasing a stopped plugin's resources must not stop the host; nothing else to do.
        }
    }
}
