package dev.plughub.plugin.services;

import dev.plughub.plugin.RequiresScope;
import java.util.List;
import java.util.Optional;

/**
 * The host application's users, roles and identity tags, behind seed 004's scopes
 * ({@code users.read}, {@code users.write}, {@code roles.read}, {@code roles.write},
 * {@code identity_tags.read}, {@code identity_tags.write}).
 */
public interface UserDirectory {

    @RequiresScope("users.read")
    List<DirectoryUser> listUsers(int limit);

    @RequiresScope("users.read")
    Optional<DirectoryUser> findUser(String username);

    /** Creates or updates the user; answers whether anything changed. */
    @RequiresScope("users.write")
    boolean syncUser(DirectoryUser user);

    @RequiresScope("identity_tags.read")
    List<String> identityTags(String username);

    @RequiresScope("identity_tags.write")
    void setIdentityTag(String username, String tag);

    @RequiresScope("roles.read")
    List<IdentityRole> listIdentityRoles();

    @RequiresScope("roles.write")
    void upsertIdentityRole(IdentityRole role);
}
