package dev.plughub.host;

import dev.plughub.host.calls.CallFailed;
import dev.plughub.host.calls.CallRunner;
import dev.plughub.host.calls.CallTimedOut;
import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.config.ConfigChange;
import dev.plughub.host.config.ConfigSchema;
import dev.plughub.host.config.ConfigView;
import dev.plughub.host.config.PluginConfigs;
import dev.plughub.host.events.EventBus;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallPlan;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.InstallResult;
import dev.plughub.host.install.RegistrySource;
import dev.plughub.host.install.RegistryStatus;
import dev.plughub.host.install.RemotePlugin;
import dev.plughub.host.install.RescanResult;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.install.UninstallResult;
import dev.plughub.host.install.UpdateOptions;
import dev.plughub.host.install.UpdateResult;
import dev.plughub.host.lifecycle.HostedPlugin;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.messages.BroadcastResult;
import dev.plughub.host.messages.MessageRouter;
import dev.plughub.host.messages.MessageTimeoutException;
import dev.plughub.host.messages.RecipientUnavailableException;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.host.observability.HealthReport;
import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.observability.LogPage;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.observability.MetricsSnapshot;
import dev.plughub.host.scopes.GuardedServices;
import dev.plughub.host.scopes.PermissionsView;
import dev.plughub.host.scopes.ScopeGrants;
import dev.plughub.host.search.PluginSearch;
import dev.plughub.host.search.SearchResults;
import dev.plughub.plugin.Action;
import dev.plughub.plugin.Health;
import dev.plughub.plugin.InvalidInputException;
import dev.plughub.plugin.ScopeDeniedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host runtime's one public door: install, run and manage plugins. Every failure is a
 * {@link HostException}. Changes (install, update, enable...) run one at a time; reads and calls
 * into plugins run concurrently with them and with each other.
 *
 * <p>This class checks requests and turns outcomes into answers; {@link Plugins} holds the
 * installed plugins and does the work.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final HostConfig config;
    private final Clock clock;
    private final Plugins plugins;
    private final Installer installer;
    private final CallRunner calls;
    private final PluginConfigs configs;
    private final ScopeGrants grants;
    private final LogBuffer logs;
    private final CallMetrics metrics;
    private final EventBus events;
    private final MessageRouter messages;
    private final RegistrySearch search;
    private final PluginThreads threads = new PluginThreads();

    private PluginHost(HostConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.logs = new LogBuffer(LogBuffer.DEFAULT_CAPACITY, clock);
        this.metrics = new CallMetrics(clock);
        this.configs = new PluginConfigs(config.dataDir().resolve("configs"), clock);
        this.grants = new ScopeGrants(config.dataDir().resolve("permissions"), config.scopePolicy());
        this.events = new EventBus(threads, config.timeouts().event(), EventBus.DEFAULT_QUEUE_CAPACITY, logs, metrics);
        HostLayout layout = new HostLayout(config);
        this.plugins = new Plugins(config, layout, clock, grants, configs, metrics, logs, threads);
        this.calls = plugins.calls();
        this.messages = new MessageRouter(plugins.recipients(), config.timeouts().message());
        GuardedServices services = new GuardedServices(config.services(), grants, logs);
        plugins.useContexts(layout, new HostedContext.Parts(configs, logs, metrics, events, messages, grants, services,
                layout.pluginData()));
        this.installer = new Installer(config, layout, plugins, configs, clock);
        this.search = new RegistrySearch(config.registries(), clock);
    }

    /** Loads what is installed and starts the enabled plugins in dependency order. */
    public static PluginHost start(HostConfig config) {
        return start(config, Clock.systemUTC());
    }

    static PluginHost start(HostConfig config, Clock clock) {
        PluginHost host = new PluginHost(config, clock);
        host.installer.recover();
        return host;
    }

    public HostConfig configuration() {
        return config;
    }

    public List<PluginView> list() {
        return plugins.views();
    }

    public Optional<PluginView> find(String id) {
        return plugins.find(id).map(plugins::view);
    }

    /** What {@code install} would do, with nothing changed. */
    public InstallPlan plan(InstallRequest request) {
        return plan(request, InstallOptions.defaults());
    }

    /** What {@code install} with these options would do (or the refusal it would answer), with nothing changed. */
    public InstallPlan plan(InstallRequest request, InstallOptions options) {
        return installer.plan(request, options);
    }

    /** Installs the plugin and whatever its plan needs: all of it, or nothing. */
    public InstallResult install(InstallRequest request, InstallOptions options) {
        InstallResult result = installer.install(request, options);
        for (PluginView installed : result.installed()) {
            LOG.log(System.Logger.Level.INFO, "installed plugin {0} {1} ({2})", installed.id(), installed.version(),
                    installed.state().label());
        }
        return result;
    }

    /**
     * Updates a plugin from the registries to the newest version in {@code versionOrRange} (any when
     * empty): its package is backed up, its dependents stopped and started again after, and when the
     * new version fails to start the old one is put back ({@code status = "rolled_back"}).
     */
    public UpdateResult update(String id, Optional<String> versionOrRange, UpdateOptions options) {
        UpdateResult result = installer.update(id, versionOrRange, options);
        LOG.log(System.Logger.Level.INFO, "update of plugin {0} from {1} to {2}: {3}", id, result.oldVersion(),
                result.newVersion(), result.status());
        return result;
    }

    /** Puts back the plugin's most recent backup (the current package is backed up in turn). */
    public PluginView rollback(String id) {
        PluginView view = installer.rollback(id);
        LOG.log(System.Logger.Level.INFO, "rolled plugin {0} back to {1}", id, view.version());
        return view;
    }

    public UninstallResult uninstall(String id, UninstallOptions options) {
        UninstallResult result = installer.uninstall(id, options);
        LOG.log(System.Logger.Level.INFO, "uninstalled plugin {0}{1}", id, result.dataRemoved() ? " and its data" : "");
        return result;
    }

    public PluginView enable(String id) {
        PluginView view = plugins.enable(id);
        LOG.log(System.Logger.Level.INFO, "enabled plugin {0} ({1})", id, view.state().label());
        return view;
    }

    /** Stops the plugin (shutdown gets its deadline, then it is released by force) and keeps it off across restarts. */
    public PluginView disable(String id) {
        PluginView view = plugins.disable(id);
        LOG.log(System.Logger.Level.INFO, "disabled plugin {0}", id);
        return view;
    }

    public PluginView restart(String id) {
        PluginView view = plugins.restart(id);
        LOG.log(System.Logger.Level.INFO, "restarted plugin {0} ({1})", id, view.state().label());
        return view;
    }

    public RescanResult rescan() {
        return installer.rescan();
    }

    public ConfigView config(String id, boolean revealSecrets) {
        HostedPlugin hosted = plugins.require(id);
        return configs.view(id, schemaOf(hosted), revealSecrets);
    }

    /**
     * Validates and stores a configuration change. A change that needs no restart reaches the
     * running plugin at once (its context reads the stored values); one that does is applied at the
     * next restart and says so.
     */
    public ConfigChange configure(String id, Map<String, Object> values) {
        HostedPlugin hosted = plugins.require(id);
        return configs.apply(id, schemaOf(hosted), values);
    }

    /**
     * The plugin's own health plus the runtime's view. A plugin that does not answer within the
     * health deadline is marked failed and reported down; the caller never waits longer.
     */
    public HealthReport health(String id) {
        HostedPlugin hosted = plugins.require(id);
        Optional<Health> own = Optional.empty();
        String note = "";
        Optional<HostedPlugin.Running> running = hosted.running();
        if (hosted.lifecycle().state() == PluginState.ACTIVE && running.isPresent() && running.get().calls().enter()) {
            try {
                Health answer = calls.call(id, "health", config.timeouts().health(), running.get().loader(),
                        () -> running.get().plugin().health());
                own = Optional.ofNullable(answer);
                note = answer == null ? "health() returned nothing" : "";
            } catch (CallTimedOut e) {
                note = e.getMessage();
            } catch (CallFailed e) {
                own = Optional.of(Health.down("health() threw " + CallFailed.describe(e.getCause())));
            } finally {
                running.get().calls().exit();
            }
        }
        var snapshot = hosted.lifecycle().current();
        Duration uptime = snapshot.state() == PluginState.ACTIVE
                ? snapshot.initializedAt().map(at -> Duration.between(at, clock.instant())).orElse(Duration.ZERO)
                : Duration.ZERO;
        String lastError = snapshot.error().isEmpty() ? metrics.lastFailure(id) : snapshot.error();
        return HealthReport.of(snapshot.state(), own, note, uptime, metrics.snapshot(id), lastError, clock.instant());
    }

    public MetricsSnapshot metrics(String id) {
        plugins.require(id);
        return metrics.snapshot(id);
    }

    public LogPage logs(String id, LogQuery query) {
        plugins.require(id);
        return logs.query(id, query);
    }

    /**
     * Calls one of a plugin's actions with the action deadline. The path is kept cheap: two map
     * look-ups, one hand-over to a pooled thread, one metrics record; no reflection and no JSON conversion.
     */
    public Map<String, Object> callAction(String id, String action, Map<String, Object> input) {
        HostedPlugin hosted = plugins.require(id);
        Optional<Action> target = hosted.activeAction(action);
        if (target.isEmpty()) {
            throw missingAction(hosted, action);
        }
        HostedPlugin.Running running = hosted.running().orElseThrow(() -> notActive(hosted));
        if (!running.calls().enter()) {
            throw notActive(hosted);   // it is stopping
        }
        Map<String, Object> safeInput = input == null ? Map.of() : input;
        try {
            Map<String, Object> result = calls.call(id, action, config.timeouts().action(), running.loader(),
                    () -> target.get().call(safeInput));
            return result == null ? Map.of() : result;
        } catch (CallTimedOut e) {
            throw new HostException(HostError.PLUGIN_COMMUNICATION_TIMEOUT, e.getMessage() + "; the plugin is now failed"
                    + " (restart or enable it to run it again; an action that takes long should hand the work to a thread"
                    + " of its own and answer at once)",
                    Map.of("plugin_id", id, "action", action, "timeout_ms", e.deadline().toMillis()));
        } catch (CallFailed e) {
            HostException failure = fromPlugin(id, action, e.getCause());
            if (failure.code() == HostError.PLUGIN_ACTION_FAILED) {   // the plugin's fault, not its caller's
                recordFailure(id, failure.getMessage());
            }
            throw failure;
        } finally {
            running.calls().exit();
        }
    }

    /** A failure of the plugin's own code: in its log, and as its health's {@code last_error}. */
    private void recordFailure(String id, String why) {
        logs.loggerFor(id).log(System.Logger.Level.ERROR, why);
        metrics.recordFailure(id, why);
    }

    /** Sends a message from the operator ({@code "host"}) to a plugin and waits for its reply. */
    public Map<String, Object> message(String to, String type, Map<String, Object> payload, Optional<Duration> timeout) {
        return message(MessageRouter.HOST, to, type, payload, timeout);
    }

    /**
     * Sends a message to a plugin on behalf of {@code from} (an installed plugin, or {@code "host"}
     * for the operator) and waits for its reply: seed 002's "send a message to another plugin".
     */
    public Map<String, Object> message(String from, String to, String type, Map<String, Object> payload,
                                       Optional<Duration> timeout) {
        if (!MessageRouter.HOST.equals(from)) {
            plugins.require(from);
        }
        HostedPlugin target = plugins.require(to);
        Duration wait = timeout.orElse(config.timeouts().message());
        try {
            return messages.request(from, to, type, payload == null ? Map.of() : payload, wait);
        } catch (RecipientUnavailableException e) {
            throw notActive(target);
        } catch (MessageTimeoutException e) {
            // the time it really had: a timeout asked for above the host's message timeout is capped to it
            throw new HostException(HostError.PLUGIN_COMMUNICATION_TIMEOUT, e.getMessage(),
                    Map.of("plugin_id", to, "timeout_ms", e.timeout().toMillis()));
        } catch (dev.plughub.plugin.MessageFailedException e) {
            if (e.getCause() instanceof InvalidInputException invalid) {   // the sender's mistake, as for an action
                throw HostException.invalid("data", invalid.getMessage(), "plugin " + to + " refused the input of '" + type
                        + "': " + invalid.getMessage());
            }
            if (e.getCause() instanceof UnsupportedOperationException) {   // no onMessage: the sender's mistake
                throw new HostException(HostError.PLUGIN_ACTION_NOT_FOUND, "plugin " + to + " does not take messages"
                        + " (it does not implement onMessage)", Map.of("plugin_id", to, "message_type", type));
            }
            recordFailure(to, e.getMessage());
            throw new HostException(HostError.PLUGIN_ACTION_FAILED, e.getMessage(), Map.of("plugin_id", to));
        }
    }

    /** Sends a message to every active plugin of {@code category} (all when empty), except those excluded. */
    public BroadcastResult broadcast(String category, String type, Map<String, Object> payload, Set<String> exclude) {
        return broadcast(category, type, payload, exclude, Optional.empty());
    }

    /** A broadcast whose recipients must each answer within {@code timeout} (capped by the message timeout). */
    public BroadcastResult broadcast(String category, String type, Map<String, Object> payload, Set<String> exclude,
                                     Optional<Duration> timeout) {
        return messages.broadcast(MessageRouter.HOST, category == null ? "" : category, type, payload == null ? Map.of() : payload,
                exclude == null ? Set.of() : exclude, timeout);
    }

    public PermissionsView permissions(String id) {
        plugins.require(id);
        return grants.view(id);
    }

    /** Grants and revokes scopes at runtime; a granted scope takes effect at the plugin's next call. */
    public PermissionsView changePermissions(String id, Set<String> grant, Set<String> revoke) {
        plugins.require(id);
        try {
            return grants.change(id, grant, revoke);
        } catch (IllegalArgumentException e) {
            throw new HostException(HostError.PLUGIN_PERMISSION_DENIED, e.getMessage(), Map.of("plugin_id", id));
        }
    }

    public List<RegistrySource> repositories() {
        return search.sources();
    }

    /** The registries, each asked now how many plugins it lists (one request each). */
    public List<RegistryStatus> repositoryStatuses() {
        return search.statuses();
    }

    public List<RemotePlugin> search(String query, int limit) {
        return search.search(query, limit);
    }

    /** Seed 002's search across the configured registries, with its filters, sort and page. */
    public SearchResults search(PluginSearch query) {
        return search.search(query);
    }

    /**
     * Stops every plugin, dependents first, each within its shutdown deadline; then interrupts
     * whatever plugin code still runs (calls abandoned at their deadline).
     */
    @Override
    public void close() {
        plugins.stopAll();
        events.close();
        threads.close();
        installer.close();
        search.close();
    }

    private ConfigSchema schemaOf(HostedPlugin hosted) {
        return hosted.installed().manifest().configSchema().map(ConfigSchema::of).orElseGet(ConfigSchema::empty);
    }

    private static HostException missingAction(HostedPlugin hosted, String action) {
        if (hosted.lifecycle().state() != PluginState.ACTIVE || hosted.running().isEmpty()) {
            return notActive(hosted);
        }
        return new HostException(HostError.PLUGIN_ACTION_NOT_FOUND, "plugin " + hosted.id() + " has no action '" + action
                + "'; it offers " + hosted.running().map(r -> r.actions().keySet().stream().sorted().toList()).orElse(List.of()),
                Map.of("plugin_id", hosted.id(), "action", action));
    }

    static HostException notActive(HostedPlugin hosted) {
        var snapshot = hosted.lifecycle().current();
        String why = snapshot.error().isEmpty() ? "" : ": " + snapshot.error();
        return new HostException(HostError.PLUGIN_NOT_ACTIVE, "plugin " + hosted.id() + " is " + snapshot.state().label() + why,
                Map.of("plugin_id", hosted.id(), "state", snapshot.state().label()));
    }

    private static HostException fromPlugin(String id, String action, Throwable cause) {
        if (cause instanceof InvalidInputException invalid) {
            return HostException.invalid("body", invalid.getMessage(), "action " + action + " of plugin " + id
                    + " refused its input: " + invalid.getMessage());
        }
        if (cause instanceof ScopeDeniedException denied) {
            return new HostException(HostError.PLUGIN_PERMISSION_DENIED, denied.getMessage(),
                    Map.of("plugin_id", id, "action", action, "scope", denied.scope()));
        }
        String hint = cause instanceof NoClassDefFoundError
                ? " (a class the plugin needs is missing: package it in the plugin's jar or under lib/)" : "";
        return new HostException(HostError.PLUGIN_ACTION_FAILED, "action " + action + " of plugin " + id + " failed: "
                + CallFailed.describe(cause) + hint, Map.of("plugin_id", id, "action", action));
    }
}
