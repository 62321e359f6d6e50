package dev.plughub.examples.samplesync;

import dev.plughub.plugin.InvalidInputException;
import dev.plughub.plugin.services.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code sync-users} request as seed 004 writes it: {@code dry_run}, {@code users} (each with
 * {@code username}, {@code db_name}, {@code role_tag}, {@code email}, {@code is_active}) and
 * {@code limit} (0 = all). Without {@code users}, the users from the plugin's configuration.
 */
record SyncRequest(boolean dryRun, List<DirectoryUser> users) {

    static SyncRequest read(Map<String, Object> input, Object configuredUsers) {
        Object dryRun = input.getOrDefault("dry_run", false);
        if (!(dryRun instanceof Boolean dry)) {
            throw new InvalidInputException("dry_run must be true or false");
        }
        Object limit = input.getOrDefault("limit", 0);
        if (!(limit instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
            throw new InvalidInputException("limit must be a whole number, 0 or more (0 means all)");
        }
        List<DirectoryUser> users = users(input.containsKey("users") ? input.get("users") : configuredUsers);
        int max = n.intValue();
        return new SyncRequest(dry, max > 0 && max < users.size() ? users.subList(0, max) : users);
    }

    private static List<DirectoryUser> users(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException("users must be a list of user objects");
        }
        List<DirectoryUser> users = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> user)) {
                throw new InvalidInputException("users[" + i + "] must be an object");
            }
            users.add(new DirectoryUser(
                    required(user, "username", i),
                    optional(user, "db_name", i),
                    optional(user, "role_tag", i),
                    optional(user, "email", i),
                    active(user, i)));
        }
        return users;
    }

    private static String required(Map<?, ?> user, String field, int index) {
        String value = optional(user, field, index);
        if (value.isBlank()) {
            throw new InvalidInputException("users[" + index + "]." + field + " is required");
        }
        return value;
    }

    private static String optional(Map<?, ?> user, String field, int index) {
        Object value = user.get(field);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException("users[" + index + "]." + field + " must be a string");
        }
        return text;
    }

    private static boolean active(Map<?, ?> user, int index) {
        Object value = user.get("is_active");
        if (value == null) {
            return true;
        }
        if (!(value instanceof Boolean active)) {
            throw new InvalidInputException("users[" + index + "].is_active must be true or false");
        }
        return active;
    }
}
