package dev.plughub.host;

import dev.plughub.core.files.FileTrees;
import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.host.config.ConfigCheck;
import dev.plughub.host.config.ConfigSchema;
import dev.plughub.host.config.PluginConfigs;
import dev.plughub.host.deps.DependencyGraph;
import dev.plughub.host.install.Backups;
import dev.plughub.host.install.Downloader;
import dev.plughub.host.install.InstallJournal;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallPlan;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.InstallResult;
import dev.plughub.host.install.InstalledPackage;
import dev.plughub.host.install.PackageCheck;
import dev.plughub.host.install.PluginStore;
import dev.plughub.host.install.RegistryResolver;
import dev.plughub.host.install.RescanResult;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.install.UninstallResult;
import dev.plughub.host.install.UpdateJournal;
import dev.plughub.host.install.UpdateOptions;
import dev.plughub.host.install.UpdateResult;
import dev.plughub.host.install.UrlPolicy;
import dev.plughub.host.lifecycle.HostedPlugin;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.loading.BundledLibraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to what is installed: plan and install (whole plan or nothing), update with backup and
 * automatic rollback, rollback on demand, uninstall, rescan of the plugins directory, and recovery
 * of an update the host died in the middle of. Every change holds the plugins' change lock.
 */
final class Installer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    /** A package fetched into staging, not yet installed; {@code source} says where it came from. */
    private record Staged(InstalledPackage pkg, String source) {
    }

    private final HostConfig config;
    private final HostLayout layout;
    private final Plugins plugins;
    private final PluginConfigs configs;
    private final Clock clock;
    private final PackageCheck packageCheck;
    private final PluginStore store;
    private final Backups backups;
    private final UpdateJournal journal;
    private final InstallJournal installs;
    private final RegistryResolver resolver;
    private final Downloader urlDownloader;
    private final Downloader registryDownloader;

    Installer(HostConfig config, HostLayout layout, Plugins plugins, PluginConfigs configs, Clock clock) {
        this.config = config;
        this.layout = layout;
        this.plugins = plugins;
        this.configs = configs;
        this.clock = clock;
        this.packageCheck = new PackageCheck(config.hostVersion());
        this.store = new PluginStore(layout.plugins(), layout.staging(), packageCheck);
        this.backups = new Backups(layout.backups(), clock);
        this.journal = new UpdateJournal(layout.journal());
        this.installs = new InstallJournal(layout.journal());
        this.resolver = new RegistryResolver(config.registries(), config.hostVersion().toString());
        this.urlDownloader = new Downloader(config.urlPolicy(), Downloader.Limits.defaults());
        // The operator named the registries, so their own download links may be plain http (a local registry).
        Set<String> registryHosts = new HashSet<>(config.urlPolicy().plainHttpHosts());
        config.registries().forEach(url -> registryHosts.add(url.getHost().toLowerCase(Locale.ROOT)));
        this.registryDownloader = new Downloader(new UrlPolicy(registryHosts, true), Downloader.Limits.defaults());
    }

    /** Closes the HTTP connections of registry and URL installs. */
    @Override
    public void close() {
        resolver.close();
        urlDownloader.close();
        registryDownloader.close();
    }

    // --- start-up ---

    /**
     * Loads the plugins directory and starts what is enabled. An update the host died in the middle
     * of is finished here: a plugin with no package in place gets its backup back, and one whose
     * new package fails to start is rolled back to the backup. A plugin the host died installing is
     * removed, with what its install created: the install was never answered.
     */
    void recover() {
        plugins.locked(() -> {
            store.sweepStaging();
            for (InstallJournal.Entry unfinished : installs.pending()) {
                takeBackUnfinishedInstall(unfinished);
            }
            List<String> pending = journal.pendingIds();
            PluginStore.Scan scan = store.scan();
            Set<String> present = new HashSet<>();
            scan.packages().forEach(pkg -> present.add(pkg.id()));
            for (String id : pending) {
                if (!present.contains(id)) {
                    restoreFromJournal(id).ifPresent(restored -> LOG.log(System.Logger.Level.WARNING,
                            "plugin {0} was mid-update when the host stopped; its backup was put back", id));
                }
            }
            scan = store.scan();
            scan.problems().forEach(problem -> LOG.log(System.Logger.Level.WARNING, "plugins directory: {0}: {1}",
                    problem.file(), problem.error()));
            scan.packages().forEach(plugins::load);
            plugins.startAll();
            for (String id : pending) {
                Optional<HostedPlugin> hosted = plugins.find(id);
                Optional<String> backupId = journal.pending(id);
                if (hosted.isPresent() && hosted.get().enabled() && hosted.get().lifecycle().state() != PluginState.ACTIVE
                        && backupId.isPresent()) {
                    backups.find(id, backupId.get()).ifPresent(backup -> restore(hosted.get(), backup));
                }
                journal.finish(id);
            }
            return null;
        });
    }

    private Optional<InstalledPackage> restoreFromJournal(String id) {
        return journal.pending(id).flatMap(backupId -> backups.find(id, backupId)).map(backup -> {
            InstalledPackage staged = store.read(store.stageCopy(backup.file()));
            return store.place(staged, Optional.empty());
        });
    }

    // --- plan and install ---

    /**
     * What the install would do, fetched and checked as the install would (packages, configuration,
     * dependencies), so that a dry run answers the refusal the install would; nothing is placed.
     */
    InstallPlan plan(InstallRequest request, InstallOptions options) {
        if (request instanceof InstallRequest.FromRegistry registry) {
            // the registry's whole plan, the dependencies kept as they are included
            List<RegistryResolver.Resolved> resolution = resolve(registry);
            List<Staged> staged = stageResolved(registry.id(), resolution);   // outside the lock: see install
            return plugins.locked(() -> {
                checkedPlan(staged, options);
                return new InstallPlan(registry.id(), resolution.stream()
                        .map(resolved -> new InstallPlan.PlannedPlugin(resolved.id(), resolved.version(), "registry",
                                action(resolved.id(), resolved.version(), resolved.id().equals(registry.id()), options)))
                        .toList());
            });
        }
        List<Staged> staged = stage(request);
        return plugins.locked(() -> checkedPlan(staged, options));
    }

    /** The plan of staged packages, after the refusals the install would give; the staged files are dropped. */
    private InstallPlan checkedPlan(List<Staged> staged, InstallOptions options) {
        try {
            refuseWhatWouldFail(staged, options);
            Staged requested = staged.getLast();
            return new InstallPlan(requested.pkg().id(), staged.stream()
                    .map(s -> new InstallPlan.PlannedPlugin(s.pkg().id(), s.pkg().version(), s.source(),
                            action(s.pkg().id(), s.pkg().version(), s == requested, options)))
                    .toList());
        } finally {
            staged.forEach(s -> PluginStore.deleteQuietly(s.pkg().file()));
        }
    }

    /**
     * The refusals an install of {@code staged} gives before it changes anything: the id installed
     * (without {@code force_reinstall}), a configuration the schema refuses, a dependency it would
     * install that cannot start without settings, dependencies that do not resolve.
     */
    private void refuseWhatWouldFail(List<Staged> staged, InstallOptions options) {
        Staged target = staged.getLast();
        Optional<HostedPlugin> existing = plugins.find(target.pkg().id());
        if (existing.isPresent() && !options.forceReinstall()) {
            throw alreadyInstalled(target.pkg().id(), existing.get());
        }
        List<Staged> fresh = freshDependencies(staged);
        checkConfig(target.pkg(), options.config());
        for (Staged dependency : fresh) {
            if (configs.check(dependency.pkg().id(), Plugins.schemaOf(dependency.pkg().manifest()), Map.of())
                    instanceof ConfigCheck.Invalid invalid) {
                throw configurationError("plugin " + dependency.pkg().id() + ", which " + target.pkg().id()
                        + " needs, cannot run without its settings (", invalid, "): install it first, with them in the"
                        + " install request's config; nothing was installed");
            }
        }
        checkDependencies(manifestsOf(fresh, target));
    }

    private static List<PluginManifest> manifestsOf(List<Staged> dependencies, Staged target) {
        List<PluginManifest> manifests = new ArrayList<>();
        dependencies.forEach(s -> manifests.add(s.pkg().manifest()));
        manifests.add(target.pkg().manifest());
        return manifests;
    }

    /** The staged dependencies (all but the last, the requested plugin) that are not installed yet. */
    private List<Staged> freshDependencies(List<Staged> staged) {
        return new ArrayList<>(staged.subList(0, staged.size() - 1).stream()
                .filter(s -> plugins.find(s.pkg().id()).isEmpty()).toList());
    }

    private InstallPlan.Action action(String id, String version, boolean requested, InstallOptions options) {
        Optional<HostedPlugin> installed = plugins.find(id);
        if (installed.isEmpty()) {
            return InstallPlan.Action.INSTALL;
        }
        if (!requested) {
            return InstallPlan.Action.KEEP;   // a dependency already here stays as it is
        }
        if (!options.forceReinstall()) {
            throw alreadyInstalled(id, installed.get());
        }
        return InstallPlan.Action.REPLACE;
    }

    private static HostException alreadyInstalled(String id, HostedPlugin existing) {
        return new HostException(HostError.PLUGIN_ALREADY_INSTALLED, "plugin " + id + " is already installed (version "
                + existing.installed().version() + "); update it, or install with force_reinstall",
                Map.of("plugin_id", id, "installed_version", existing.installed().version()));
    }

    /**
     * Fetches and reads the packages first, outside the lock on changes: a slow download (up to
     * {@link Downloader.Limits#total}) holds up only its own request, not every other change. What
     * the staged packages need of the installed plugins is checked again under the lock.
     */
    InstallResult install(InstallRequest request, InstallOptions options) {
        long started = System.nanoTime();
        List<Staged> staged = stage(request);
        try {
            return plugins.locked(() -> installStaged(staged, options, started));
        } finally {
            staged.forEach(s -> PluginStore.deleteQuietly(s.pkg().file()));
        }
    }

    private InstallResult installStaged(List<Staged> staged, InstallOptions options, long startedNanos) {
        refuseWhatWouldFail(staged, options);
        Staged target = staged.getLast();
        String id = target.pkg().id();
        Optional<HostedPlugin> existing = plugins.find(id);
        // Dependencies the registry planned that are already here stay as they are.
        List<Staged> fresh = freshDependencies(staged);
        if (existing.isPresent()) {
            AddedPlugins addedDependencies = applyNew(fresh, options.autoEnable());
            UpdateResult update = replaceWith(existing.get(), target.pkg(), addedDependencies, UpdateOptions.defaults());
            if (!update.status().equals("completed")) {
                throw new HostException(HostError.PLUGIN_STARTUP_FAILED, "plugin " + id + " " + target.pkg().version()
                        + " did not start, so version " + update.oldVersion() + " was put back"
                        + (addedDependencies.plugins().isEmpty() ? "" : " and the plugins installed for it were removed")
                        + ": " + update.error().orElse(""), Map.of("plugin_id", id, "error", update.error().orElse("")));
            }
            applyConfig(id, target.pkg(), options.config());
            // auto_enable says how the reinstalled plugin is left, as for a first install.
            if (options.autoEnable() && !existing.get().enabled()) {
                plugins.enable(id);
            } else if (!options.autoEnable() && existing.get().enabled()) {
                plugins.disable(id);
            }
            return result(target.pkg(), addedDependencies.plugins(), startedNanos);
        }
        fresh.add(target);
        List<HostedPlugin> placed = applyNew(fresh, options.autoEnable(), () -> applyConfig(id, target.pkg(), options.config()))
                .plugins();
        if (options.autoEnable()) {   // plugins that failed for want of one of these run now
            placed.forEach(hosted -> plugins.startWaitingDependents(hosted.id()));
        }
        return result(target.pkg(), placed.subList(0, placed.size() - 1), startedNanos);
    }

    private InstallResult result(InstalledPackage target, List<HostedPlugin> dependencies, long startedNanos) {
        List<PluginView> installed = new ArrayList<>();
        dependencies.forEach(hosted -> plugins.find(hosted.id()).map(plugins::view).ifPresent(installed::add));
        PluginView view = plugins.view(plugins.require(target.id()));
        installed.add(view);
        return new InstallResult(target.id(), target.version(), "completed", clock.instant(),
                Duration.ofNanos(System.nanoTime() - startedNanos), view, installed);
    }

    /**
     * Plugins a plan added, which of them the host had no scope decisions for before, and which had
     * no data folder before (if the plan is taken back those decisions are forgotten and those
     * folders removed; what an earlier install left stays).
     */
    private record AddedPlugins(List<HostedPlugin> plugins, Set<String> newToScopes, Set<String> newData) {
    }

    private AddedPlugins applyNew(List<Staged> fresh, boolean autoEnable) {
        return applyNew(fresh, autoEnable, () -> { });
    }

    /**
     * Places and (when asked) starts new plugins in order; if any of it fails, everything this call
     * placed is stopped and removed again, so an install is whole or absent.
     */
    private AddedPlugins applyNew(List<Staged> fresh, boolean autoEnable, Runnable beforeStart) {
        List<String> journaled = new ArrayList<>();
        List<HostedPlugin> added = new ArrayList<>();
        Set<String> newToScopes = new HashSet<>();
        Set<String> newData = new HashSet<>();
        try {
            for (Staged staged : fresh) {
                String id = staged.pkg().id();
                if (!plugins.knowsScopesOf(id)) {
                    newToScopes.add(id);
                }
                if (!Files.exists(layout.pluginData().resolve(id))) {
                    newData.add(id);
                }
                installs.begin(new InstallJournal.Entry(id, newToScopes.contains(id), newData.contains(id)));
                journaled.add(id);
                InstalledPackage placed = store.place(staged.pkg(), Optional.empty());
                HostedPlugin hosted = plugins.add(placed);
                added.add(hosted);
                plugins.setEnabledFlag(hosted, autoEnable);
            }
            beforeStart.run();
            for (HostedPlugin hosted : added) {
                if (!autoEnable) {
                    hosted.lifecycle().move(PluginState.DISABLED, "installed disabled");
                } else if (!plugins.startOne(hosted)) {
                    HostException failure = plugins.startupFailed(hosted);
                    throw new HostException(failure.code(), failure.getMessage() + "; nothing was installed", failure.details());
                }
            }
            journaled.forEach(installs::finish);
            return new AddedPlugins(List.copyOf(added), Set.copyOf(newToScopes), Set.copyOf(newData));
        } catch (RuntimeException e) {
            removeAdded(new AddedPlugins(added, newToScopes, newData));
            journaled.forEach(installs::finish);
            throw e;
        }
    }

    /**
     * Takes back plugins a plan added, last first: stopped, their files, configuration and unpacked
     * libraries removed, and the scopes of those the host did not know before forgotten, so the host
     * is as it was before the plan. (Scope decisions kept from an earlier install stay.)
     */
    private void takeBackUnfinishedInstall(InstallJournal.Entry unfinished) {
        String id = unfinished.id();
        PluginStore.deleteQuietly(store.homeOf(id));
        configs.delete(id);
        new BundledLibraries(layout.libraries()).forget(id);
        plugins.forgetUnloaded(id, unfinished.newScopes());
        if (unfinished.newData()) {
            deleteTree(layout.pluginData().resolve(id));
        }
        installs.finish(id);
        LOG.log(System.Logger.Level.WARNING, "plugin {0} was being installed when the host stopped; it was removed again", id);
    }

    private void removeAdded(AddedPlugins added) {
        BundledLibraries libraries = new BundledLibraries(layout.libraries());
        for (HostedPlugin hosted : added.plugins().reversed()) {
            plugins.stopOne(hosted);
            store.remove(hosted.installed());
            plugins.remove(hosted);
            configs.delete(hosted.id());
            libraries.forget(hosted.id());
            if (added.newToScopes().contains(hosted.id())) {
                plugins.forgetScopes(hosted.id());
            }
            if (added.newData().contains(hosted.id())) {
                deleteTree(layout.pluginData().resolve(hosted.id()));
            }
        }
    }

    /**
     * Refuses an install whose configuration — what the request gives over what is stored from
     * before — the schema refuses, a required field left out included: the plugin would start with
     * none of it.
     */
    private void checkConfig(InstalledPackage pkg, Map<String, Object> values) {
        if (configs.check(pkg.id(), Plugins.schemaOf(pkg.manifest()), values) instanceof ConfigCheck.Invalid invalid) {
            throw configurationError("the configuration for " + pkg.id() + " does not match its schema: ", invalid,
                    values.isEmpty() ? " (give it in the install request's config)" : "");
        }
    }

    /**
     * Refuses an update under whose schema the stored configuration would not hold: the new version
     * would start with none of it (the plugin sees an empty configuration) and every later change
     * would be refused for fields the operator did not touch.
     */
    private void checkStoredConfig(String id, InstalledPackage incoming) {
        if (configs.effective(id, Plugins.schemaOf(incoming.manifest())) instanceof ConfigCheck.Invalid invalid) {
            throw configurationError("plugin " + id + " was not updated to " + incoming.version()
                    + ": its stored configuration does not fit that version's schema (", invalid, "); change the configuration first");
        }
    }

    /** As a configuration change refused later: one sentence naming each field, and details field → [message]. */
    private static HostException configurationError(String before, ConfigCheck.Invalid invalid, String after) {
        Map<String, Object> details = new LinkedHashMap<>();
        invalid.errorsByField().forEach((field, message) -> details.put(field, List.of(message)));
        return new HostException(HostError.PLUGIN_CONFIGURATION_ERROR, before + invalid.describe() + after, details);
    }

    private void applyConfig(String id, InstalledPackage pkg, Map<String, Object> values) {
        if (!values.isEmpty()) {
            ConfigSchema schema = Plugins.schemaOf(pkg.manifest());
            configs.apply(id, schema, values);
        }
    }

    /**
     * Refuses, before anything changes, a set of new or replacing manifests under which any of them,
     * or any installed plugin that resolves today, would not resolve.
     */
    private void checkDependencies(List<PluginManifest> incoming) {
        Map<String, PluginManifest> next = new LinkedHashMap<>();
        plugins.all().forEach(hosted -> next.put(hosted.id(), hosted.installed().manifest()));
        incoming.forEach(manifest -> next.put(manifest.id(), manifest));
        DependencyGraph before = plugins.graph();
        DependencyGraph after = DependencyGraph.of(next.values());
        Map<String, String> problems = new LinkedHashMap<>();
        after.problems().forEach((id, problem) -> {
            boolean isNew = incoming.stream().anyMatch(m -> m.id().equals(id));
            if (isNew || before.problem(id).isEmpty()) {
                problems.put(id, problem);
            }
        });
        if (!problems.isEmpty()) {
            String first = problems.entrySet().iterator().next().getKey() + " " + problems.values().iterator().next();
            // a missing plugin was looked for in the registries (withMissingDependencies): say so, or say there are none
            String where = !first.endsWith("which is not installed") ? ""
                    : resolver.configured() ? ", and no registry this host installs from has a version of it that fits"
                    : ", and this host has no registry to fetch it from: install it first";
            throw new HostException(HostError.PLUGIN_DEPENDENCY_ERROR, "the plugins' dependencies do not resolve: plugin "
                    + first + where + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
                    + "; nothing was changed", Map.of("problems", problems));
        }
    }

    /** Fetches everything the request needs into staging and reads it; nothing is installed yet. */
    private List<Staged> stage(InstallRequest request) {
        return switch (request) {
            case InstallRequest.FromFile file -> {
                if (!Files.isRegularFile(file.file())) {
                    String why = Files.isDirectory(file.file()) ? file.file() + " is a folder, not a package file"
                            : Files.exists(file.file()) ? file.file() + " is not a regular file (a pipe or a device)"
                            : "there is no file " + file.file();
                    throw HostException.invalid("file_path", why, why);
                }
                yield withMissingDependencies(new Staged(readStaged(store.stageCopy(file.file())), "file"));
            }
            case InstallRequest.FromUrl url -> {
                Path target = store.stagingFile(fileNameOf(url.url()));
                urlDownloader.download(url.url(), url.sha256(), target);
                yield withMissingDependencies(new Staged(readStaged(target), url.url().toString()));
            }
            case InstallRequest.FromRegistry registry -> stageResolved(registry.id(), resolve(registry));
        };
    }

    private List<RegistryResolver.Resolved> resolve(InstallRequest.FromRegistry registry) {
        return resolver.resolve(requireId(registry.id()), registry.range());
    }

    /** Fetches the registry's plan for {@code id} into staging: what it needs that is not here, then {@code id}. */
    private List<Staged> stageResolved(String id, List<RegistryResolver.Resolved> plan) {
        List<Staged> staged = new ArrayList<>();
        try {
            for (RegistryResolver.Resolved resolved : plan) {
                if (!resolved.id().equals(id) && plugins.find(resolved.id()).isPresent()) {
                    continue;
                }
                Path target = store.stagingFile(resolved.id() + "-" + resolved.version() + ".jar");
                registryDownloader.download(resolved.downloadUrl(),
                        Optional.of(resolved.sha256()).filter(s -> !s.isBlank()), target);
                staged.add(new Staged(readStaged(target), "registry"));
            }
        } catch (RuntimeException e) {
            staged.forEach(s -> PluginStore.deleteQuietly(s.pkg().file()));
            throw e;
        }
        if (staged.isEmpty() || !staged.getLast().pkg().id().equals(id)) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the registry's plan for " + id
                    + " does not end with " + id, Map.of("plugin_id", id));
        }
        return staged;
    }

    /**
     * A file's or URL's package, preceded by the plugins it requires that this host lacks, fetched
     * from the registries as a registry install would. Dependencies already installed stay as they
     * are (a wrong version is reported by the dependency check), and without a registry, or when no
     * registry knows one, the dependency check reports what is missing.
     */
    private List<Staged> withMissingDependencies(Staged requested) {
        List<Staged> staged = new ArrayList<>();
        try {
            for (PluginDependency dependency : requested.pkg().manifest().pluginDependencies()) {
                if (dependency.optional() || !resolver.configured() || plugins.find(dependency.id()).isPresent()
                        || staged.stream().anyMatch(s -> s.pkg().id().equals(dependency.id()))) {
                    continue;
                }
                for (RegistryResolver.Resolved resolved : resolvedOrNothing(dependency)) {
                    if (plugins.find(resolved.id()).isPresent()
                            || staged.stream().anyMatch(s -> s.pkg().id().equals(resolved.id()))) {
                        continue;
                    }
                    Path target = store.stagingFile(resolved.id() + "-" + resolved.version() + ".jar");
                    registryDownloader.download(resolved.downloadUrl(),
                            Optional.of(resolved.sha256()).filter(s -> !s.isBlank()), target);
                    staged.add(new Staged(readStaged(target), "registry"));
                }
            }
        } catch (RuntimeException e) {
            staged.forEach(s -> PluginStore.deleteQuietly(s.pkg().file()));
            PluginStore.deleteQuietly(requested.pkg().file());
            throw e;
        }
        staged.add(requested);
        return staged;
    }

    private List<RegistryResolver.Resolved> resolvedOrNothing(PluginDependency dependency) {
        try {
            return resolver.resolve(dependency.id(), Optional.of(dependency.range()));
        } catch (HostException e) {
            if (e.code() == HostError.PLUGIN_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private InstalledPackage readStaged(Path file) {
        try {
            InstalledPackage read = store.read(file);
            packageCheck.requireLoadable(read);
            return read;
        } catch (RuntimeException e) {
            PluginStore.deleteQuietly(file);
            throw e;
        }
    }

    private static String requireId(String id) {
        if (id == null || !dev.plughub.core.manifest.PluginId.PATTERN.matcher(id).matches()) {
            String why = "'" + id + "' is not a plugin id (lower-case letters, digits, '.', '_' and '-', at most 64)";
            throw HostException.invalid("plugin_id", why, why);
        }
        return id;
    }

    private static String fileNameOf(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "download.jar" : name;
    }

    // --- update and rollback ---

    UpdateResult update(String id, Optional<String> versionOrRange, UpdateOptions options) {
        plugins.require(id);
        List<Staged> staged = stage(InstallRequest.registry(id, versionOrRange));   // outside the lock: see install
        return plugins.locked(() -> {
            try {
                HostedPlugin hosted = plugins.require(id);
                InstalledPackage target = staged.getLast().pkg();
                String current = hosted.installed().version();
                if (target.version().equals(current) && target.sha256().equals(hosted.installed().sha256())) {
                    return new UpdateResult(id, current, current, "up_to_date", Optional.empty(), clock.instant(),
                            Optional.empty(), List.of(), false, plugins.view(hosted));
                }
                List<Staged> dependencies = freshDependencies(staged);   // one installed meanwhile stays as it is
                checkDependencies(manifestsOf(dependencies, staged.getLast()));
                checkStoredConfig(id, target);
                AddedPlugins added = applyNew(dependencies, true);
                return replaceWith(hosted, target, added, options);
            } finally {
                staged.forEach(s -> PluginStore.deleteQuietly(s.pkg().file()));
            }
        });
    }

    PluginView rollback(String id) {
        return plugins.locked(() -> {
            HostedPlugin hosted = plugins.require(id);
            Backups.Backup backup = backups.latestOtherThan(hosted.installed()).orElseThrow(() -> new HostException(
                    HostError.PLUGIN_NO_BACKUP, "plugin " + id + " has no backup of another version to roll back to",
                    Map.of("plugin_id", id)));
            InstalledPackage staged = readStaged(store.stageCopy(backup.file()));
            UpdateResult result = replace(hosted, staged, UpdateOptions.defaults());
            if (!result.status().equals("completed")) {
                throw new HostException(HostError.PLUGIN_STARTUP_FAILED, "the backup " + backup.backupId()
                        + " did not start, so the current version stays: " + result.error().orElse(""),
                        Map.of("plugin_id", id, "backup_id", backup.backupId()));
            }
            return plugins.view(hosted);
        });
    }

    /**
     * {@link #replace} for a plan that first added {@code added} (new dependencies of the incoming
     * version): when the swap fails or is rolled back, they are taken away again, so the host ends
     * with the whole prior set of plugins, never with the dependencies of a version it does not run.
     */
    private UpdateResult replaceWith(HostedPlugin hosted, InstalledPackage incoming, AddedPlugins added,
                                     UpdateOptions options) {
        UpdateResult result;
        try {
            result = replace(hosted, incoming, options);
        } catch (RuntimeException e) {
            removeAdded(added);
            throw e;
        }
        if (result.status().equals("rolled_back")) {
            removeAdded(added);
        }
        return result;
    }

    /**
     * Swaps a plugin's package: check the dependency graph, back up the current package, record the
     * update in the journal, stop dependents and the plugin, put the new package in place (one
     * atomic rename), start it, and start the dependents again. When the new version does not
     * start, the backup is put back and started instead. Without {@code restartPlugin}, see
     * {@link #replaceForNextStart}.
     */
    private UpdateResult replace(HostedPlugin hosted, InstalledPackage incoming, UpdateOptions options) {
        String id = hosted.id();
        InstalledPackage old = hosted.installed();
        checkDependencies(List.of(incoming.manifest()));
        Backups.Backup backup = backups.create(old);
        if (!options.restartPlugin()) {
            return replaceForNextStart(hosted, incoming, backup);
        }
        journal.begin(id, backup.backupId());
        List<HostedPlugin> dependents = plugins.stopDependents(id);
        plugins.stopOne(hosted);
        plugins.replacePackage(hosted, store.place(incoming, Optional.of(old)));
        String status = "completed";
        Optional<String> error = Optional.empty();
        if (hosted.enabled() && !plugins.startOne(hosted)) {
            error = Optional.of(hosted.lifecycle().current().error());
            LOG.log(System.Logger.Level.WARNING, "plugin {0} {1} did not start ({2}); rolling back to {3}", id,
                    incoming.version(), error.get(), old.version());
            restore(hosted, backup);
            status = "rolled_back";
        }
        List<String> restarted = new ArrayList<>(plugins.startAgain(dependents));
        if (hosted.lifecycle().state() == PluginState.ACTIVE) {   // those that failed while it was failed come back too
            restarted.addAll(plugins.startWaitingDependents(id));
        }
        journal.finish(id);
        Optional<String> backupId = Optional.of(backup.backupId());
        // Rolled back, the backup is a copy of what runs again: kept, it would be the next rollback's
        // target and hide the version the update before this one replaced.
        if (status.equals("rolled_back") || !options.backupCurrent()) {
            PluginStore.deleteQuietly(backup.file());
            backupId = Optional.empty();
        }
        return new UpdateResult(id, old.version(), incoming.version(), status, backupId, clock.instant(), error,
                restarted, false, plugins.view(hosted));
    }

    /**
     * An update the operator does not want to interrupt anything ({@code restart_plugin=false}): the
     * new package is put in place and nothing is stopped. A running plugin goes on serving from the
     * classes it has loaded, its dependents with it, and the new version runs from its next start
     * (restart, enable, host start), which stops and starts the dependents around it as any restart
     * does. The backup is always kept: the new version has not been tried, so rollback must stay possible.
     */
    private UpdateResult replaceForNextStart(HostedPlugin hosted, InstalledPackage incoming, Backups.Backup backup) {
        InstalledPackage old = hosted.installed();
        plugins.replacePackage(hosted, store.place(incoming, Optional.of(old)));
        boolean runningOldVersion = hosted.running().isPresent();
        return new UpdateResult(hosted.id(), old.version(), incoming.version(), "completed",
                Optional.of(backup.backupId()), clock.instant(), Optional.empty(), List.of(), runningOldVersion,
                plugins.view(hosted));
    }

    private void restore(HostedPlugin hosted, Backups.Backup backup) {
        plugins.stopOne(hosted);
        InstalledPackage staged = readStaged(store.stageCopy(backup.file()));
        plugins.replacePackage(hosted, store.place(staged, Optional.of(hosted.installed())));
        if (hosted.enabled()) {
            plugins.startOne(hosted);
        }
    }

    // --- uninstall and rescan ---

    UninstallResult uninstall(String id, UninstallOptions options) {
        return plugins.locked(() -> {
            HostedPlugin hosted = plugins.require(id);
            List<String> dependents = plugins.graph().directDependentsOf(id);
            if (!dependents.isEmpty() && !options.force()) {
                throw new HostException(HostError.PLUGIN_DEPENDENCY_ERROR, "plugin " + id + " is needed by " + dependents
                        + "; uninstall those first, or force it", Map.of("plugin_id", id, "dependents", dependents));
            }
            List<HostedPlugin> stopped = plugins.stopDependents(id);
            plugins.stopOne(hosted);
            Optional<Backups.Backup> backup = options.backup() ? Optional.of(backups.create(hosted.installed())) : Optional.empty();
            store.remove(hosted.installed());
            plugins.remove(hosted);
            new BundledLibraries(layout.libraries()).forget(id);
            if (options.cleanupData()) {
                deleteTree(layout.pluginData().resolve(id));
                configs.delete(id);
                plugins.forgetScopes(id);
            }
            // With force, dependents now fail to resolve; starting them again records why.
            plugins.startAgain(stopped);
            return new UninstallResult(id, "completed", backup.isPresent(), backup.map(Backups.Backup::backupId),
                    options.cleanupData(), clock.instant());
        });
    }

    RescanResult rescan() {
        return plugins.locked(() -> {
            PluginStore.Scan scan = store.scan();
            Map<String, InstalledPackage> found = new LinkedHashMap<>();
            scan.packages().forEach(pkg -> found.put(pkg.id(), pkg));
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (HostedPlugin hosted : List.copyOf(plugins.all())) {
                InstalledPackage now = found.get(hosted.id());
                if (now == null) {
                    plugins.stopDependents(hosted.id());
                    plugins.stopOne(hosted);
                    plugins.remove(hosted);
                    removed.add(hosted.id());
                } else if (!now.sha256().equals(hosted.installed().sha256()) || !now.file().equals(hosted.installed().file())) {
                    // The operator replaced the file: the new package replaces the loaded one.
                    plugins.stopDependents(hosted.id());
                    plugins.stopOne(hosted);
                    plugins.replacePackage(hosted, now);
                }
            }
            for (InstalledPackage pkg : found.values()) {
                if (plugins.find(pkg.id()).isEmpty()) {
                    plugins.load(pkg);
                    added.add(pkg.id());
                }
            }
            plugins.startAll();
            return new RescanResult(added, removed, scan.problems(), plugins.views());
        });
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
