package dev.plughub.examples.samplesync;

import dev.plughub.plugin.Action;
import dev.plughub.plugin.Health;
import dev.plughub.plugin.Plugin;
import dev.plughub.plugin.PluginContext;
import dev.plughub.plugin.services.UserDirectory;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's {@code sample_sync}: a {@code sync-users} action that brings users into the host's
 * {@link UserDirectory} (scopes {@code users.read} and {@code users.write}), or with
 * {@code dry_run} only says what it would do.
 */
public final class SampleSyncPlugin implements Plugin {

    private PluginContext context;

    @Override
    public void initialize(PluginContext context) {
        this.context = context;
    }

    @Override
    public Health health() {
        // Without the directory the plugin can only dry-run; an operator should see that.
        return context.service(UserDirectory.class).isPresent()
                ? Health.ok()
                : Health.degraded("the host offers no user directory: only dry runs work");
    }

    @Override
    public Map<String, Action> actions() {
        return Map.of("sync-users", this::syncUsers);
    }

    private Map<String, Object> syncUsers(Map<String, Object> input) {
        SyncRequest request = SyncRequest.read(input, configuredUsers());
        if (request.dryRun()) {
            return new SyncResult("dry_run", request.users().stream().map(SyncItem::wouldSync).toList()).toJson();
        }
        UserDirectory directory = context.service(UserDirectory.class).orElseThrow(() ->
                new IllegalStateException("the host offers no user directory; send dry_run: true to preview"));
        List<SyncItem> items = request.users().stream().map(user -> SyncItem.apply(directory, user)).toList();
        context.metrics().count("users_synced", items.stream().filter(SyncItem::changed).count());
        return new SyncResult("completed", items).toJson();
    }

    private Object configuredUsers() {
        return context.config().getOrDefault("users", List.of());
    }
}
