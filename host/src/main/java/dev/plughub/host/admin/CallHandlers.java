package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.messages.BroadcastResult;
import dev.plughub.host.messages.MessageRouter;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Calling into plugins: their actions (seed 004's {@code sync-users} among them), messages, broadcasts. */
final class CallHandlers {

    /** Seed 004's sync route is this action, called by name. */
    static final String SYNC_USERS = "sync-users";

    private final HostReference host;

    CallHandlers(HostReference host) {
        this.host = host;
    }

    /** Seed 004: {@code {"plugin": name, "result": {...}}}. */
    void syncUsers(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> result = host.get().callAction(id, SYNC_USERS, AdminJson.body(ctx));
        answer(ctx, 200, object("plugin", id, "result", PluginAnswers.plain(id, "result", result)));
    }

    void action(Context ctx) {
        String id = ctx.pathParam("id");
        String action = ctx.pathParam("action");
        Map<String, Object> result = host.get().callAction(id, action, AdminJson.body(ctx));
        answer(ctx, 200, object("plugin", id, "action", action, "result", PluginAnswers.plain(id, "result", result)));
    }

    /**
     * Seed 002's message: to {@code target_plugin}, or to the plugin in the path when the body names
     * none; sent by the host on the operator's behalf.
     */
    void message(Context ctx) {
        RequestFields fields = RequestFields.of(AdminJson.body(ctx));
        // Seed 002: the path names the plugin the message is from, target_plugin the one it goes to.
        // With no target_plugin, it goes to the plugin in the path, from the operator ("host").
        String path = ctx.pathParam("id");
        Optional<String> named = fields.string("target_plugin").filter(t -> !t.isBlank());
        String target = named.orElse(path);
        String from = named.isPresent() && !named.get().equals(path) ? path : MessageRouter.HOST;
        String type = fields.requiredString("message_type");
        Map<String, Object> payload = fields.object("data");
        Optional<Duration> timeout = fields.number("timeout_seconds", 0.001, 3600)
                .map(seconds -> Duration.ofNanos((long) (seconds * 1e9)));
        fields.check();
        long started = System.nanoTime();
        Map<String, Object> reply = PluginAnswers.plain(target, "reply", host.get().message(from, target, type, payload, timeout));
        double elapsedMs = (System.nanoTime() - started) / 1e6;
        answer(ctx, 200, object("data", object(
                "message_id", "msg_" + UUID.randomUUID().toString().replace("-", ""),
                "from", from,
                "target_plugin", target,
                "response", object("status", "success", "data", reply),
                "response_time_ms", elapsedMs)));
    }

    /**
     * Seed 002's broadcast to the plugins of each of {@code target_categories} (every active plugin
     * when none is named), except {@code exclude_plugins}; each plugin gets it at most once.
     */
    void broadcast(Context ctx) {
        RequestFields fields = RequestFields.of(AdminJson.body(ctx));
        String type = fields.requiredString("message_type");
        Map<String, Object> payload = fields.object("data");
        Set<String> categories = fields.strings("target_categories");
        Set<String> exclude = fields.strings("exclude_plugins");
        Optional<Duration> timeout = fields.number("timeout_seconds", 0.001, 3600)
                .map(seconds -> Duration.ofNanos((long) (seconds * 1e9)));
        fields.check();
        List<String> delivered = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String category : categories.isEmpty() ? Set.of(MessageRouter.ALL) : categories) {
            Set<String> skip = new HashSet<>(exclude);
            skip.addAll(delivered);
            skip.addAll(failed.keySet());
            BroadcastResult result = host.get().broadcast(category, type, payload, skip, timeout);
            delivered.addAll(result.delivered());
            failed.putAll(result.failed());
        }
        answer(ctx, 200, object("data", object(
                "message_type", type,
                "delivered", delivered,
                "failed", failed)));
    }
}
