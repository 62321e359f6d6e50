package dev.plughub.examples.samplesync;

import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.UserDirectory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one user: {@code would_sync} (dry run), {@code created}, {@code updated} or
 * {@code unchanged}.
 */
record SyncItem(String action, DirectoryUser user) {

    static SyncItem wouldSync(DirectoryUser user) {
        return new SyncItem("would_sync", user);
    }

    static SyncItem apply(UserDirectory directory, DirectoryUser user) {
        boolean existed = directory.findUser(user.username()).isPresent();
        boolean changed = directory.syncUser(user);
        return new SyncItem(!changed ? "unchanged" : existed ? "updated" : "created", user);
    }

    boolean changed() {
        return action.equals("created") || action.equals("updated");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action);
        json.put("username", user.username());
        json.put("db_name", user.dbName());
        json.put("role_tag", user.roleTag());
        return json;
    }
}
