package dev.plughub.host;

import dev.plughub.core.manifest.ManifestAdvice;
import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.host.calls.CallFailed;
import dev.plughub.host.calls.CallRunner;
import dev.plughub.host.calls.CallTimedOut;
import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.config.ConfigCheck;
import dev.plughub.host.config.ConfigSchema;
import dev.plughub.host.config.PluginConfigs;
import dev.plughub.host.deps.DependencyGraph;
import dev.plughub.host.grpc.GrpcRuntime;
import dev.plughub.host.grpc.Supervisor;
import dev.plughub.host.install.InstalledPackage;
import dev.plughub.host.lifecycle.DisabledPlugins;
import dev.plughub.host.lifecycle.HostedPlugin;
import dev.plughub.host.lifecycle.PluginRunner;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.loading.BundledLibraries;
import dev.plughub.host.loading.PluginLoader;
import dev.plughub.host.messages.Recipient;
import dev.plughub.host.messages.RecipientUnavailableException;
import dev.plughub.host.messages.Recipients;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.scopes.ScopeGrants;
import dev.plughub.plugin.Message;
import dev.plughub.plugin.Plugin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The installed plugins and everything that starts and stops them: enable, disable, restart, start
 * in dependency order, stop dependents around a change. Changes hold {@link #changes()} (one at a
 * time, re-entrant); look-ups and calls use the concurrent table without it.
 */
final class Plugins {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final HostConfig config;
    private final Clock clock;
    private final ScopeGrants grants;
    private final PluginConfigs configs;
    private final CallMetrics metrics;
    private final LogBuffer logs;
    private final DisabledPlugins disabled;
    private final CallRunner calls;
    private final PluginThreads threads;
    private final ReentrantLock changes = new ReentrantLock();
    private final Map<String, HostedPlugin> table = new ConcurrentHashMap<>();
    private volatile DependencyGraph graph = DependencyGraph.of(List.of());
    private PluginRunner runner;
    private GrpcRuntime grpc;

    Plugins(HostConfig config, HostLayout layout, Clock clock, ScopeGrants grants, PluginConfigs configs,
            CallMetrics metrics, LogBuffer logs, PluginThreads threads) {
        this.config = config;
        this.clock = clock;
        this.grants = grants;
        this.configs = configs;
        this.metrics = metrics;
        this.logs = logs;
        this.disabled = new DisabledPlugins(layout.disabled());
        this.threads = threads;
        this.calls = new CallRunner(threads, metrics, this::timedOut);
    }

    /** Second step of construction: contexts need the message router, which needs this table. */
    void useContexts(HostLayout layout, HostedContext.Parts parts) {
        PluginLoader loader = new PluginLoader(PluginHost.class.getClassLoader(), config.sharedPackages());
        PluginRunner.ContextFactory contexts = hosted -> new HostedContext(hosted.id(), hosted.installed().version(),
                schemaOf(hosted.installed().manifest()), parts);
        BundledLibraries libraries = new BundledLibraries(layout.libraries());
        this.grpc = new GrpcRuntime(config.grpc(), config.timeouts(), layout.processes(), clock, this::processDied);
        this.runner = new PluginRunner(loader, libraries, calls, threads, contexts, config.timeouts().initialize(),
                config.timeouts().longestCall(), grpc);
    }

    CallRunner calls() {
        return calls;
    }

    ReentrantLock changes() {
        return changes;
    }

    DependencyGraph graph() {
        return graph;
    }

    // --- look-ups ---

    Optional<HostedPlugin> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(table.get(id));
    }

    HostedPlugin require(String id) {
        return find(id).orElseThrow(() -> HostException.notFound(String.valueOf(id)));
    }

    Collection<HostedPlugin> all() {
        return table.values();
    }

    List<PluginView> views() {
        return table.values().stream().sorted(Comparator.comparing(HostedPlugin::id)).map(this::view).toList();
    }

    PluginView view(HostedPlugin hosted) {
        PluginManifest manifest = hosted.installed().manifest();
        var snapshot = hosted.lifecycle().current();
        List<String> actions = hosted.running()
                .map(running -> running.actions().keySet().stream().sorted().toList())
                .orElse(manifest.actions());
        return new PluginView(manifest.id(), manifest.name(), manifest.version().toString(),
                manifest.description().orElse(""), GrpcRuntime.handles(manifest) ? "grpc" : "in_process", "v1",
                Set.copyOf(manifest.permissions()),
                grants.granted(manifest.id()), snapshot.state(), hosted.enabled(), snapshot.message(), snapshot.error(),
                snapshot.failedAt(), snapshot.initializedAt(), snapshot.updatedAt(), manifest.pluginDependencies(),
                actions, manifest.category(), graph.directDependentsOf(manifest.id()),
                hosted.running().map(HostedPlugin.Running::version), manifest,
                loadOrder(manifest.id()), installedAt(hosted));
    }

    private OptionalInt loadOrder(String id) {
        int index = graph.startOrder().indexOf(id);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index + 1);
    }

    /** When the installed package was put in place: its file's time (a move keeps the time it was written). */
    private static Instant installedAt(HostedPlugin hosted) {
        try {
            return java.nio.file.Files.getLastModifiedTime(hosted.installed().file()).toInstant();
        } catch (java.io.IOException e) {
            return hosted.lifecycle().current().updatedAt();
        }
    }

    // --- changes to the table (callers hold the lock) ---

    /** A plugin just installed: its requested scopes are recorded and granted as policy allows. */
    HostedPlugin add(InstalledPackage installed) {
        grants.initialize(installed.id(), Set.copyOf(installed.manifest().permissions()));
        return load(installed);
    }

    /** A plugin found installed (host start, rescan). */
    HostedPlugin load(InstalledPackage installed) {
        HostedPlugin hosted = new HostedPlugin(installed, !disabled.isDisabled(installed.id()), clock);
        if (!hosted.enabled()) {
            hosted.lifecycle().move(PluginState.DISABLED, "disabled by operator");
        }
        recordRequestedScopes(installed);
        table.put(installed.id(), hosted);
        rebuildGraph();
        return hosted;
    }

    void replacePackage(HostedPlugin hosted, InstalledPackage installed) {
        hosted.replacePackage(installed);
        recordRequestedScopes(installed);
        rebuildGraph();
    }

    /**
     * Tells the grants what the manifest requests. Skipped when that would change nothing (same
     * request, every grant still within policy): each call is a durable write, and a host start
     * with a hundred plugins should not wait for a hundred disk flushes.
     */
    private void recordRequestedScopes(InstalledPackage installed) {
        Set<String> requested = Set.copyOf(installed.manifest().permissions());
        var current = grants.view(installed.id());
        boolean unchanged = current.requested().equals(requested)
                && grants.policy().grantable(current.granted()).equals(current.granted());
        if (!unchanged) {
            grants.initialize(installed.id(), requested);
        }
    }

    /** Whether the host keeps scope decisions for {@code id} from an earlier install. */
    boolean knowsScopesOf(String id) {
        return grants.knows(id);
    }

    /** Forgets {@code id}'s scopes and the operator's grants and revocations. */
    void forgetScopes(String id) {
        grants.remove(id);
    }

    /** Forgets what is kept of a plugin that is not loaded: its disabled mark, and its scopes when asked. */
    void forgetUnloaded(String id, boolean scopes) {
        disabled.set(id, false);
        if (scopes) {
            grants.remove(id);
        }
    }

    void remove(HostedPlugin hosted) {
        table.remove(hosted.id());
        disabled.set(hosted.id(), false);
        metrics.remove(hosted.id());
        grpc.forget(hosted.id());
        rebuildGraph();
    }

    void setEnabledFlag(HostedPlugin hosted, boolean enabled) {
        hosted.setEnabled(enabled);
        disabled.set(hosted.id(), !enabled);
    }

    private void rebuildGraph() {
        graph = DependencyGraph.of(table.values().stream().map(hosted -> hosted.installed().manifest()).toList());
    }

    // --- starting and stopping ---

    /** Starts every enabled plugin that is not active, dependencies first; failures stay per plugin. */
    void startAll() {
        locked(() -> {
            for (String id : graph.startOrder()) {
                HostedPlugin hosted = table.get(id);
                if (hosted.enabled() && hosted.lifecycle().state() != PluginState.ACTIVE) {
                    startOne(hosted);
                }
            }
            graph.problems().forEach((id, problem) -> {
                HostedPlugin hosted = table.get(id);
                if (hosted != null && hosted.enabled() && hosted.lifecycle().state() != PluginState.ACTIVE) {
                    stopOne(hosted);
                    hosted.lifecycle().fail(problem);
                }
            });
            return null;
        });
    }

    /**
     * Resolves and starts one plugin: its required dependencies must be installed in an accepted
     * version and active. Answers whether it is active; otherwise it is FAILED with why.
     */
    boolean startOne(HostedPlugin hosted) {
        return locked(() -> {
            if (hosted.lifecycle().state() == PluginState.ACTIVE) {
                return true;
            }
            stopOne(hosted);
            Optional<String> problem = dependencyProblem(hosted).or(() -> configurationProblem(hosted));
            if (problem.isPresent()) {
                hosted.lifecycle().fail(problem.get());
                return false;
            }
            if (hosted.lifecycle().state() != PluginState.RESOLVED) {
                hosted.lifecycle().move(PluginState.RESOLVED, "resolved");
            }
            configs.starting(hosted.id(), schemaOf(hosted.installed().manifest()));
            boolean started = runner.start(hosted);
            if (!started) {
                LOG.log(System.Logger.Level.WARNING, "plugin {0} failed to start: {1}", hosted.id(),
                        hosted.lifecycle().current().error());
                logs.loggerFor(hosted.id()).log(System.Logger.Level.ERROR, "failed to start: "
                        + hosted.lifecycle().current().error());
            } else {
                configs.restarted(hosted.id());
                warnOfManifestSlips(hosted);
            }
            return started;
        });
    }

    /**
     * Says in the plugin's log what in its manifest does not match what runs: actions it lists that
     * the code does not offer (callers get a 404), and fields that look like misspelt ones (ignored).
     */
    private void warnOfManifestSlips(HostedPlugin hosted) {
        System.Logger log = logs.loggerFor(hosted.id());
        Set<String> offered = hosted.running().map(running -> running.actions().keySet()).orElse(Set.of());
        List<String> missing = hosted.installed().manifest().actions().stream().filter(a -> !offered.contains(a)).toList();
        if (!missing.isEmpty()) {
            log.log(System.Logger.Level.WARNING, "the manifest lists actions the plugin does not offer: " + missing
                    + "; it offers " + new TreeSet<>(offered) + " (calls to the others answer 404)");
        }
        ManifestAdvice.warnings(hosted.installed().manifest()).forEach(warning -> log.log(System.Logger.Level.WARNING, warning));
    }

    /**
     * Why its stored configuration keeps the plugin from starting (a package dropped in whose schema
     * requires a field nobody set), if it does: it would otherwise run with none of its settings.
     */
    private Optional<String> configurationProblem(HostedPlugin hosted) {
        if (configs.effective(hosted.id(), schemaOf(hosted.installed().manifest())) instanceof ConfigCheck.Invalid invalid) {
            return Optional.of("its configuration does not match its schema: " + invalid.describe()
                    + "; set it with PUT /system/plugins/" + hosted.id() + "/config, then start it again");
        }
        return Optional.empty();
    }

    /** Why what the plugin needs keeps it from starting (missing, mismatched, cyclic or inactive), if it does. */
    private Optional<String> dependencyProblem(HostedPlugin hosted) {
        return graph.problem(hosted.id()).or(() -> inactiveDependency(hosted));
    }

    private Optional<String> inactiveDependency(HostedPlugin hosted) {
        for (PluginDependency dependency : hosted.installed().manifest().pluginDependencies()) {
            HostedPlugin needed = table.get(dependency.id());
            if (needed != null && needed.lifecycle().state() != PluginState.ACTIVE && !dependency.optional()) {
                return Optional.of("needs plugin " + dependency.id() + ", which is " + needed.lifecycle().state().label()
                        + (needed.lifecycle().current().error().isEmpty() ? "" : " (" + needed.lifecycle().current().error() + ")"));
            }
        }
        return Optional.empty();
    }

    /** Stops the plugin if it holds a running instance; shutdown gets its deadline, then the plugin is released anyway. */
    void stopOne(HostedPlugin hosted) {
        locked(() -> {
            runner.stop(hosted, config.timeouts().shutdown());
            return null;
        });
    }

    /** Stops the active plugins that need {@code id}, last-started first; answers them in start order. */
    List<HostedPlugin> stopDependents(String id) {
        return locked(() -> {
            List<HostedPlugin> stopped = new ArrayList<>();
            for (String dependentId : graph.dependentsOf(id)) {
                HostedPlugin dependent = table.get(dependentId);
                if (dependent != null && dependent.lifecycle().state() == PluginState.ACTIVE) {
                    stopped.add(dependent);
                }
            }
            for (HostedPlugin dependent : stopped.reversed()) {
                stopOne(dependent);
            }
            return stopped;
        });
    }

    /** Starts the given plugins again, in order; answers the ids that are active afterwards. */
    List<String> startAgain(List<HostedPlugin> stopped) {
        return locked(() -> {
            List<String> active = new ArrayList<>();
            for (HostedPlugin dependent : stopped) {
                if (table.containsKey(dependent.id()) && startOne(dependent)) {
                    active.add(dependent.id());
                }
            }
            return active;
        });
    }

    /**
     * Enables and starts the plugin, then the dependents waiting for it. A plugin whose dependencies
     * keep it from starting is refused (409) with nothing changed: the operator enables those first.
     */
    PluginView enable(String id) {
        return locked(() -> {
            HostedPlugin hosted = require(id);
            Optional<String> blocked = dependencyProblem(hosted);
            if (blocked.isPresent()) {
                throw new HostException(HostError.PLUGIN_DEPENDENCY_ERROR, "plugin " + id + " cannot be enabled: it "
                        + blocked.get() + "; nothing was changed",
                        Map.of("plugin_id", id, "state", hosted.lifecycle().state().label(), "reason", blocked.get()));
            }
            setEnabledFlag(hosted, true);
            if (!startOne(hosted)) {
                throw startupFailed(hosted);
            }
            startWaitingDependents(id);
            return view(hosted);
        });
    }

    PluginView disable(String id) {
        return locked(() -> {
            HostedPlugin hosted = require(id);
            List<HostedPlugin> dependents = stopDependents(id);
            stopOne(hosted);
            if (hosted.lifecycle().state() != PluginState.DISABLED) {
                hosted.lifecycle().move(PluginState.DISABLED, "disabled by operator");
            }
            setEnabledFlag(hosted, false);
            for (HostedPlugin dependent : dependents) {
                LOG.log(System.Logger.Level.INFO, "plugin {0} stopped because {1} was disabled", dependent.id(), id);
            }
            return view(hosted);
        });
    }

    PluginView restart(String id) {
        return locked(() -> {
            HostedPlugin hosted = require(id);
            if (!hosted.enabled()) {
                throw new HostException(HostError.PLUGIN_NOT_ACTIVE, "plugin " + id + " is disabled; enable it instead of restarting it",
                        Map.of("plugin_id", id, "state", hosted.lifecycle().state().label()));
            }
            List<HostedPlugin> dependents = new ArrayList<>(stopDependents(id));
            stopOne(hosted);
            boolean started = startOne(hosted);
            if (started) {
                // dependents that failed while this plugin was failed come back with it, as after enable
                waitingDependents(id).stream().filter(w -> !dependents.contains(w)).forEach(dependents::add);
            }
            startAgain(dependents);
            if (!started) {
                throw startupFailed(hosted);
            }
            return view(hosted);
        });
    }

    /**
     * Starts again the enabled dependents of {@code id} that are not active — stopped while it was
     * down, or failed while it was missing — now that it runs; their ids, of those that started.
     */
    List<String> startWaitingDependents(String id) {
        return startAgain(waitingDependents(id));
    }

    /** Enabled dependents that are not active (stopped while {@code id} was down). */
    private List<HostedPlugin> waitingDependents(String id) {
        List<HostedPlugin> waiting = new ArrayList<>();
        for (String dependentId : graph.dependentsOf(id)) {
            HostedPlugin dependent = table.get(dependentId);
            if (dependent != null && dependent.enabled() && dependent.lifecycle().state() != PluginState.ACTIVE) {
                waiting.add(dependent);
            }
        }
        return waiting;
    }

    /** Stops everything, dependents before what they depend on. */
    void stopAll() {
        locked(() -> {
            grpc.close(); // no restart after a crash may start a plugin the host is stopping
            List<String> order = new ArrayList<>(graph.startOrder());
            Set<String> rest = new HashSet<>(table.keySet());
            order.forEach(rest::remove);
            order.addAll(rest);
            for (String id : order.reversed()) {
                HostedPlugin hosted = table.get(id);
                if (hosted != null) {
                    stopOne(hosted);
                }
            }
            return null;
        });
    }

    /**
     * Why the plugin did not start, as an answer: 409 {@code PLUGIN_DEPENDENCY_ERROR} when what it
     * needs kept it from starting, 400 {@code PLUGIN_CONFIGURATION_ERROR} when its configuration did,
     * else 500 {@code PLUGIN_STARTUP_FAILED} (the plugin itself failed).
     */
    HostException startupFailed(HostedPlugin hosted) {
        var snapshot = hosted.lifecycle().current();
        HostError code = locked(() -> dependencyProblem(hosted)).isPresent() ? HostError.PLUGIN_DEPENDENCY_ERROR
                : configurationProblem(hosted).isPresent() ? HostError.PLUGIN_CONFIGURATION_ERROR
                : HostError.PLUGIN_STARTUP_FAILED;
        return new HostException(code, "plugin " + hosted.id() + " did not start: " + snapshot.error(),
                Map.of("plugin_id", hosted.id(), "state", snapshot.state().label(), "error", snapshot.error()));
    }

    // --- calls ---

    /** A call missed its deadline: the plugin is marked failed; its instance is released on the next stop or start. */
    private void timedOut(String pluginId, String operation, java.time.Duration deadline) {
        HostedPlugin hosted = table.get(pluginId);
        String why = operation + " did not return within " + deadline.toMillis() + " ms";
        metrics.recordFailure(pluginId, why);   // health's last_error, still there once a new process runs
        if (hosted != null) {
            hosted.lifecycle().fail(why);
            hosted.running().map(HostedPlugin.Running::plugin).filter(GrpcRuntime::runsOutOfProcess)
                    .ifPresent(instance -> replaceHungProcess(hosted, instance, why));
        }
        logs.loggerFor(pluginId).log(System.Logger.Level.ERROR, why + "; the plugin is marked failed");
    }

    /**
     * An out-of-process plugin that stopped answering keeps a live process nobody can use: it is
     * ended and, like a process that died, started again after the supervisor's backoff. (A hung
     * thread of an in-process plugin cannot be ended, so such a plugin waits for an operator.)
     */
    private void replaceHungProcess(HostedPlugin hosted, dev.plughub.plugin.Plugin instance, String why) {
        Thread.ofVirtual().start(() -> locked(() -> {
            boolean current = table.get(hosted.id()) == hosted && hosted.lifecycle().state() == PluginState.FAILED
                    && hosted.running().map(running -> running.plugin() == instance).orElse(false);
            if (current) {
                runner.stop(hosted, config.timeouts().shutdown());
                superviseFailure(hosted, why);
            }
            return null;
        }));
    }

    // --- out-of-process plugins whose process died ---

    /**
     * An active gRPC plugin's process exited by itself: the plugin is marked failed with the exit
     * code and stderr tail, and started again after the supervisor's backoff. Runs under the changes
     * lock, so a stop in progress (which moves the plugin out of ACTIVE first) is never taken for a crash.
     */
    private void processDied(String pluginId, Plugin instance, String why) {
        Thread.ofVirtual().start(() -> locked(() -> {
            HostedPlugin hosted = table.get(pluginId);
            boolean current = hosted != null && hosted.lifecycle().state() == PluginState.ACTIVE
                    && hosted.running().map(running -> running.plugin() == instance).orElse(false);
            if (current) {
                superviseFailure(hosted, why);
            }
            return null;
        }));
    }

    private void superviseFailure(HostedPlugin hosted, String why) {
        Supervisor.Plan plan = grpc.supervisor().failed(hosted.id(), () -> restartAfterCrash(hosted));
        hosted.lifecycle().fail(why + "; " + plan.describe());
        logs.loggerFor(hosted.id()).log(System.Logger.Level.ERROR, hosted.lifecycle().current().error());
    }

    /** The supervisor's restart: only of a plugin still installed, enabled and failed (an operator may have acted meanwhile). */
    private void restartAfterCrash(HostedPlugin hosted) {
        locked(() -> {
            if (table.get(hosted.id()) == hosted && hosted.enabled() && hosted.lifecycle().state() == PluginState.FAILED
                    && !startOne(hosted)) {
                superviseFailure(hosted, hosted.lifecycle().current().error());
            }
            return null;
        });
    }

    /** The message router's view of the table: active plugins, each message delivered with the message deadline. */
    Recipients recipients() {
        return new Recipients() {
            @Override
            public Optional<Recipient> find(String pluginId) {
                HostedPlugin hosted = table.get(pluginId);
                if (hosted == null || hosted.lifecycle().state() != PluginState.ACTIVE || hosted.running().isEmpty()) {
                    return Optional.empty();
                }
                HostedPlugin.Running running = hosted.running().get();
                String category = hosted.installed().manifest().category().orElse("");
                return Optional.of(new Recipient() {
                    @Override
                    public Map<String, Object> deliver(Message message) throws Exception {
                        if (!takesMessages(running.plugin())) {   // the sender's mistake: not the plugin's failure
                            throw new UnsupportedOperationException("plugin " + pluginId
                                    + " does not take messages (it does not implement onMessage)");
                        }
                        if (!running.calls().enter()) {
                            throw new RecipientUnavailableException(pluginId);   // it is stopping
                        }
                        try {
                            Map<String, Object> reply = calls.call(pluginId, "message", config.timeouts().message(),
                                    running.loader(), () -> running.plugin().onMessage(message));
                            return reply == null ? Map.of() : reply;
                        } catch (CallFailed e) {
                            throw e.getCause() instanceof Exception cause ? cause : e;
                        } finally {
                            running.calls().exit();
                        }
                    }

                    @Override
                    public String category() {
                        return category;
                    }
                });
            }

            @Override
            public List<String> activeIds() {
                return table.values().stream()
                        .filter(hosted -> hosted.lifecycle().state() == PluginState.ACTIVE)
                        .map(HostedPlugin::id)
                        .sorted()
                        .toList();
            }
        };
    }

    <T> T locked(Supplier<T> work) {
        changes.lock();
        try {
            return work.get();
        } finally {
            changes.unlock();
        }
    }

    /** Whether the plugin answers messages: it overrides {@link Plugin#onMessage}. */
    private static boolean takesMessages(Plugin plugin) {
        try {
            return plugin.getClass().getMethod("onMessage", Message.class).getDeclaringClass() != Plugin.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static ConfigSchema schemaOf(PluginManifest manifest) {
        return manifest.configSchema().map(ConfigSchema::of).orElseGet(ConfigSchema::empty);
    }
}
