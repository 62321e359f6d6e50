package dev.plughub.examples.host;

import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.IdentityRole;
import dev.plughub.plugin.services.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application's users, as an application would offer them to plugins: it implements the
 * plugin API's {@link UserDirectory}, and the host guards each method with its scope.
 */
public final class InMemoryUserDirectory implements UserDirectory {

    private final Map<String, DirectoryUser> users = new LinkedHashMap<>();
    private final Map<String, Set<String>> tags = new LinkedHashMap<>();
    private final Map<String, IdentityRole> roles = new LinkedHashMap<>();

    @Override
    public synchronized List<DirectoryUser> listUsers(int limit) {
        return users.values().stream().limit(limit <= 0 ? Long.MAX_VALUE : limit).toList();
    }

    @Override
    public synchronized Optional<DirectoryUser> findUser(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public synchronized boolean syncUser(DirectoryUser user) {
        if (user.username() == null || user.username().isBlank()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        return !user.equals(users.put(user.username(), user));
    }

    @Override
    public synchronized List<String> identityTags(String username) {
        return List.copyOf(tags.getOrDefault(username, Set.of()));
    }

    @Override
    public synchronized void setIdentityTag(String username, String tag) {
        if (!users.containsKey(username)) {
            throw new IllegalArgumentException("no user named '" + username + "'");
        }
        tags.computeIfAbsent(username, u -> new LinkedHashSet<>()).add(tag);
    }

    @Override
    public synchronized List<IdentityRole> listIdentityRoles() {
        return new ArrayList<>(roles.values());
    }

    @Override
    public synchronized void upsertIdentityRole(IdentityRole role) {
        roles.put(role.name(), role);
    }
}
