package dev.plughub.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.observability.LogLevel;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.IdentityRole;
import dev.plughub.plugin.services.UserDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running plugin sees through its context: host services behind scopes, its config, its log. */
class HostedContextTest {

    @TempDir
    Path home;

    private final List<DirectoryUser> users = new CopyOnWriteArrayList<>(List.of(
            new DirectoryUser("john.doe", "system.db", "developer", "john@example.com", true)));

    private final UserDirectory directory = new UserDirectory() {
        @Override
        public List<DirectoryUser> listUsers(int limit) {
            return users.stream().limit(limit <= 0 ? Long.MAX_VALUE : limit).toList();
        }

        @Override
        public Optional<DirectoryUser> findUser(String username) {
            return users.stream().filter(u -> u.username().equals(username)).findFirst();
        }

        @Override
        public boolean syncUser(DirectoryUser user) {
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
    };

    private static final String SYNC = "UserDirectory users = context.service(UserDirectory.class).orElseThrow();"
            + "users.syncUser(new DirectoryUser(\"jane\", \"system.db\", \"ops\", \"jane@example.com\", true));"
            + "return Map.of(\"count\", users.listUsers(0).size());";

    @Test
    void a_plugin_calling_a_service_outside_its_scopes_is_refused_and_the_refusal_is_logged() {
        PluginJars.plugin("reader").scopes("users.read").action("sync", SYNC).build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home).withService(UserDirectory.class, directory))) {
            assertThatThrownBy(() -> host.callAction("reader", "sync", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains("users.write");
                    });
            assertThat(users).hasSize(1);
            assertThat(host.logs("reader", LogQuery.all().withMinLevel(LogLevel.WARNING)).entries())
                    .anySatisfy(entry -> assertThat(entry.message()).contains("users.write"));
        }
    }

    @Test
    void a_scope_granted_at_runtime_takes_effect_at_the_next_call() {
        PluginJars.plugin("syncer").scopes("users.read", "users.write").action("sync", SYNC).build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home).withService(UserDirectory.class, directory))) {
            host.changePermissions("syncer", Set.of(), Set.of("users.write"));
            assertThatThrownBy(() -> host.callAction("syncer", "sync", Map.of())).isInstanceOf(HostException.class);

            host.changePermissions("syncer", Set.of("users.write"), Set.of());

            assertThat(host.callAction("syncer", "sync", Map.of())).containsEntry("count", 2);
        }
    }

    @Test
    void the_context_hands_the_plugin_its_validated_configuration_with_defaults() {
        PluginJars.plugin("configured")
                .manifest("config_schema", Map.of("type", "object", "properties", Map.of(
                        "greeting", Map.of("type", "string", "default", "hello"),
                        "api_key", Map.of("type", "string", "writeOnly", true))))
                .action("config", "return context.config();")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.configure("configured", Map.of("api_key", "s3cret"));

            assertThat(host.callAction("configured", "config", Map.of()))
                    .containsEntry("greeting", "hello").containsEntry("api_key", "s3cret");
            assertThat(host.config("configured", false).values()).containsEntry("api_key", "***hidden***");
        }
    }
}
