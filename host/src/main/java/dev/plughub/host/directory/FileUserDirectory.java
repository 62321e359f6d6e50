package dev.plughub.host.directory;

import dev.plughub.host.directory.DirectoryFile.Content;
import dev.plughub.host.directory.DirectoryFile.StoredRole;
import dev.plughub.host.directory.DirectoryFile.StoredUser;
import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.IdentityRole;
import dev.plughub.plugin.services.UserDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A small {@link UserDirectory} kept in one JSON file (the one {@code plughub serve}'s host offers
 * its plugins). Every change is written before the call returns; calls are serialized, which is
 * plenty for a directory that plugins sync now and then. Scopes are checked by the host's guarded
 * view, not here.
 */
public final class FileUserDirectory implements UserDirectory {

    private final DirectoryFile file;
    private Content content;

    private FileUserDirectory(DirectoryFile file, Content content) {
        this.file = file;
        this.content = content;
    }

    /** Opens (or, on first use, will create) the directory stored in {@code file}. */
    public static FileUserDirectory open(Path file) {
        DirectoryFile directoryFile = new DirectoryFile(file);
        return new FileUserDirectory(directoryFile, directoryFile.read());
    }

    public Path file() {
        return file.path();
    }

    @Override
    public synchronized List<DirectoryUser> listUsers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or more, not " + limit);
        }
        return content.users().stream()
                .limit(limit == 0 ? Long.MAX_VALUE : limit)
                .map(FileUserDirectory::toUser)
                .toList();
    }

    @Override
    public synchronized Optional<DirectoryUser> findUser(String username) {
        return stored(username).map(FileUserDirectory::toUser);
    }

    @Override
    public synchronized boolean syncUser(DirectoryUser user) {
        Objects.requireNonNull(user, "user");
        requireName("username", user.username());
        Optional<StoredUser> existing = stored(user.username());
        List<String> tags = existing.map(StoredUser::identityTags).orElse(List.of());
        StoredUser updated = new StoredUser(user.username(), blankIfNull(user.dbName()), blankIfNull(user.roleTag()),
                blankIfNull(user.email()), user.active(), tags);
        if (existing.isPresent() && existing.get().equals(updated)) {
            return false;
        }
        changeUsers(users -> replaceOrAdd(users, updated));
        return true;
    }

    @Override
    public synchronized List<String> identityTags(String username) {
        return stored(username).map(StoredUser::identityTags).orElseThrow(() -> noSuchUser(username));
    }

    @Override
    public synchronized void setIdentityTag(String username, String tag) {
        requireName("tag", tag);
        StoredUser user = stored(username).orElseThrow(() -> noSuchUser(username));
        if (user.identityTags().contains(tag)) {
            return;
        }
        List<String> tags = new ArrayList<>(user.identityTags());
        tags.add(tag);
        StoredUser tagged = new StoredUser(user.username(), user.dbName(), user.roleTag(), user.email(), user.isActive(), tags);
        changeUsers(users -> replaceOrAdd(users, tagged));
    }

    @Override
    public synchronized List<IdentityRole> listIdentityRoles() {
        return content.roles().stream().map(r -> new IdentityRole(r.name(), r.description(), r.tags())).toList();
    }

    @Override
    public synchronized void upsertIdentityRole(IdentityRole role) {
        Objects.requireNonNull(role, "role");
        requireName("role name", role.name());
        StoredRole stored = new StoredRole(role.name(), blankIfNull(role.description()),
                List.copyOf(new LinkedHashSet<>(role.tags())));
        List<StoredRole> roles = new ArrayList<>(content.roles());
        roles.removeIf(r -> r.name().equals(role.name()));
        roles.add(stored);
        save(new Content(content.users(), roles));
    }

    private Optional<StoredUser> stored(String username) {
        return content.users().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    private void changeUsers(UnaryOperator<List<StoredUser>> change) {
        save(new Content(change.apply(new ArrayList<>(content.users())), content.roles()));
    }

    /** Writes first and only then shows the change, so a failed write changes nothing. */
    private void save(Content next) {
        file.write(next);
        content = next;
    }

    private static List<StoredUser> replaceOrAdd(List<StoredUser> users, StoredUser user) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).username().equals(user.username())) {
                users.set(i, user);
                return users;
            }
        }
        users.add(user);
        return users;
    }

    private static DirectoryUser toUser(StoredUser u) {
        return new DirectoryUser(u.username(), u.dbName(), u.roleTag(), u.email(), u.isActive());
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static IllegalArgumentException noSuchUser(String username) {
        return new IllegalArgumentException("the directory has no user named '" + username + "'");
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value;
    }
}
