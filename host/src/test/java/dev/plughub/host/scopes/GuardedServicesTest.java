package dev.plughub.host.scopes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.observability.LogLevel;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.plugin.ScopeDeniedException;
import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.IdentityRole;
import dev.plughub.plugin.services.UserDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedServicesTest {

    /** A real, in-memory user directory. */
    static final class Users implements UserDirectory {
        final List<DirectoryUser> users = new ArrayList<>();

        @Override
        public List<DirectoryUser> listUsers(int limit) {
            return users.stream().limit(limit).toList();
        }

        @Override
        public Optional<DirectoryUser> findUser(String username) {
            return users.stream().filter(u -> u.username().equals(username)).findFirst();
        }

        @Override
        public boolean syncUser(DirectoryUser user) {
            if (user.username().isBlank()) {
                throw new IllegalArgumentException("a user needs a name");
            }
            users.removeIf(u -> u.username().equals(user.username()));
            return users.add(user);
        }

        @Override
        public List<String> identityTags(String username) {
            return List.of();
        }

        @Override
        public void setIdentityTag(String username, String tag) {
        }

        @Override
        public List<IdentityRole> listIdentityRoles() {
            return List.of();
        }

        @Override
        public void upsertIdentityRole(IdentityRole role) {
        }
    }

    @TempDir
    Path dir;

    final Users users = new Users();
    final LogBuffer logs = new LogBuffer();
    ScopeGrants grants;
    GuardedServices services;

    @BeforeEach
    void setUp() {
        grants = new ScopeGrants(dir, ScopePolicy.defaults());
        grants.initialize("sample_sync", Set.of("users.read", "users.write"));
        grants.change("sample_sync", Set.of(), Set.of("users.write"));   // requested, but held back by the operator
        services = new GuardedServices(Map.of(UserDirectory.class, users), grants, logs);
    }

    @Test
    void a_granted_scope_lets_the_call_through() {
        users.syncUser(new DirectoryUser("john.doe", "system.db", "developer", "john@example.com", true));

        UserDirectory directory = services.view("sample_sync", UserDirectory.class).orElseThrow();

        assertThat(directory.listUsers(10)).extracting(DirectoryUser::username).containsExactly("john.doe");
    }

    @Test
    void a_call_outside_the_granted_scopes_is_refused_and_logged() {
        UserDirectory directory = services.view("sample_sync", UserDirectory.class).orElseThrow();

        assertThatThrownBy(() -> directory.syncUser(new DirectoryUser("eve", "db", "admin", "e@x", true)))
                .isInstanceOf(ScopeDeniedException.class)
                .hasMessageContaining("users.write")
                .satisfies(e -> assertThat(((ScopeDeniedException) e).scope()).isEqualTo("users.write"));
        assertThat(users.users).isEmpty();
        assertThat(logs.query("sample_sync", LogQuery.all().withMinLevel(LogLevel.WARNING)).entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.message()).contains("syncUser").contains("users.write"));
    }

    @Test
    void a_grant_or_revoke_takes_effect_on_the_next_call() {
        UserDirectory directory = services.view("sample_sync", UserDirectory.class).orElseThrow();

        grants.change("sample_sync", Set.of("users.write"), Set.of("users.read"));

        assertThat(directory.syncUser(new DirectoryUser("ann", "db", "dev", "a@x", true))).isTrue();
        assertThatThrownBy(() -> directory.listUsers(1)).isInstanceOf(ScopeDeniedException.class);
    }

    @Test
    void the_services_own_exceptions_come_through_unwrapped() {
        grants.change("sample_sync", Set.of("users.write"), Set.of());
        UserDirectory directory = services.view("sample_sync", UserDirectory.class).orElseThrow();

        assertThatThrownBy(() -> directory.syncUser(new DirectoryUser(" ", "db", "dev", "a@x", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a user needs a name");
    }

    @Test
    void a_service_the_host_does_not_offer_is_empty() {
        assertThat(services.view("sample_sync", Runnable.class)).isEmpty();
    }
}
