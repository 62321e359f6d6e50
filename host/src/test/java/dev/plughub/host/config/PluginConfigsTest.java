package dev.plughub.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginConfigsTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T12:00:00Z"));
    final ConfigSchema schema = ConfigSchema.of(ConfigSchemaTest.ANALYTICS);

    PluginConfigs configs() {
        return new PluginConfigs(dir, clock);
    }

    @Test
    void applies_a_valid_change_and_keeps_it_across_a_restart() {
        ConfigChange change = configs().apply("analytics", schema, Map.of("api_key", "k1", "batch_size", 200));

        assertThat(change).isInstanceOf(ConfigChange.Applied.class);
        ConfigChange.Applied applied = (ConfigChange.Applied) change;
        assertThat(applied.values()).containsEntry("batch_size", 200).containsEntry("api_key", "k1")
                .containsEntry("flush_interval", 30);
        assertThat(applied.changedFields()).containsExactly("api_key", "batch_size");
        assertThat(applied.restartRequired()).isFalse();

        PluginConfigs restarted = configs();
        assertThat(restarted.load("analytics")).contains(Map.of("api_key", "k1", "batch_size", 200));
        assertThat(restarted.effective("analytics", schema)).isEqualTo(new ConfigCheck.Valid(applied.values()));
    }

    @Test
    void a_running_plugin_sees_changes_at_once_except_restart_required_ones_until_it_starts_again() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "k1", "flush_interval", 30, "db", Map.of("host", "a")));
        configs.starting("analytics", schema);

        configs.apply("analytics", schema, Map.of("batch_size", 200, "flush_interval", 60,
                "db", Map.of("host", "b", "port", 6000)));

        Map<String, Object> seen = ((ConfigCheck.Valid) configs.inForce("analytics", schema)).withDefaults();
        assertThat(seen).containsEntry("batch_size", 200).as("no restart needed: at once")
                .containsEntry("flush_interval", 30).as("x-restart-required: as started");
        assertThat(seen.get("db")).isEqualTo(Map.of("host", "a", "port", 5432));
        assertThat(((ConfigCheck.Valid) configs.effective("analytics", schema)).withDefaults())
                .as("what is stored and shown").containsEntry("flush_interval", 60);

        configs.starting("analytics", schema);
        Map<String, Object> afterRestart = ((ConfigCheck.Valid) configs.inForce("analytics", schema)).withDefaults();
        assertThat(afterRestart).containsEntry("flush_interval", 60);
        assertThat(afterRestart.get("db")).isEqualTo(Map.of("host", "b", "port", 6000));
    }

    @Test
    void rejects_a_change_that_breaks_the_schema_and_keeps_what_was_stored() throws Exception {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "k1", "batch_size", 200));
        byte[] before = Files.readAllBytes(dir.resolve("analytics.json"));

        ConfigChange change = configs.apply("analytics", schema, Map.of("batch_size", 5000));

        assertThat(change).isEqualTo(new ConfigChange.Rejected(Map.of("batch_size", "must be at most 1000")));
        assertThat(Files.readAllBytes(dir.resolve("analytics.json"))).isEqualTo(before);
        assertThat(configs.load("analytics")).contains(Map.of("api_key", "k1", "batch_size", 200));
    }

    @Test
    void merges_a_partial_change_and_removes_a_field_sent_as_null() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "k1", "batch_size", 200,
                "db", Map.of("host", "a", "port", 1)));
        Map<String, Object> patch = new HashMap<>();
        patch.put("batch_size", null);
        patch.put("db", Map.of("port", 2));

        ConfigChange.Applied applied = (ConfigChange.Applied) configs.apply("analytics", schema, patch);

        assertThat(applied.values()).containsEntry("batch_size", 50).containsEntry("db", Map.of("host", "a", "port", 2));
        assertThat(applied.changedFields()).containsExactly("batch_size", "db.port");
    }

    @Test
    void a_secret_sent_back_hidden_keeps_its_stored_value() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "real-key"));
        ConfigView shown = configs.view("analytics", schema, false);

        // an admin UI sends back what it was shown, with one field changed
        Map<String, Object> edited = new HashMap<>(shown.values());
        edited.put("batch_size", 75);
        ConfigChange.Applied applied = (ConfigChange.Applied) configs.apply("analytics", schema, edited);

        assertThat(applied.values()).containsEntry("api_key", "real-key");
        assertThat(applied.changedFields()).containsExactly("batch_size");
        assertThat(configs.load("analytics").orElseThrow()).containsEntry("api_key", "real-key");
    }

    @Test
    void the_view_hides_secrets_unless_revealed_and_says_when_it_changed() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "real-key", "db", Map.of("password", "pw")));

        ConfigView masked = configs.view("analytics", schema, false);
        ConfigView revealed = configs.view("analytics", schema, true);

        assertThat(masked.values()).containsEntry("api_key", "***hidden***");
        assertThat(masked.values().get("db")).isEqualTo(Map.of("host", "localhost", "port", 5432,
                "password", "***hidden***"));
        assertThat(masked.values().toString()).doesNotContain("real-key");
        assertThat(revealed.values()).containsEntry("api_key", "real-key");
        assertThat(masked.schema()).isEqualTo(ConfigSchemaTest.ANALYTICS);
        assertThat(masked.lastUpdated()).contains(Instant.parse("2024-01-01T12:00:00Z"));
    }

    @Test
    void a_change_to_a_restart_required_field_is_flagged_until_the_plugin_restarts() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "k"));

        ConfigChange.Applied applied = (ConfigChange.Applied) configs.apply("analytics", schema,
                Map.of("db", Map.of("port", 6543)));

        assertThat(applied.restartRequired()).isTrue();
        assertThat(configs.view("analytics", schema, false).restartRequired()).isTrue();
        configs.restarted("analytics");
        assertThat(configs.view("analytics", schema, false).restartRequired()).isFalse();
    }

    @Test
    void never_configured_means_defaults_only() {
        PluginConfigs configs = configs();

        assertThat(configs.load("fresh")).isEmpty();
        assertThat(configs.view("fresh", schema, false).values()).containsEntry("batch_size", 50);
        assertThat(configs.view("fresh", schema, false).lastUpdated()).isEmpty();
        assertThat(configs.effective("fresh", schema)).isInstanceOf(ConfigCheck.Invalid.class);
    }

    @Test
    void delete_forgets_the_configuration() {
        PluginConfigs configs = configs();
        configs.apply("analytics", schema, Map.of("api_key", "k"));

        configs.delete("analytics");

        assertThat(configs.load("analytics")).isEmpty();
        assertThat(dir.resolve("analytics.json")).doesNotExist();
    }

    @Test
    void leaves_no_temporary_file_and_keeps_the_file_private() throws Exception {
        configs().apply("analytics", schema, Map.of("api_key", "k"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("analytics.json");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("analytics.json")))).isEqualTo("rw-------");
    }

    @Test
    void a_write_torn_by_a_crash_leaves_the_previous_configuration_in_force() throws Exception {
        configs().apply("analytics", schema, Map.of("api_key", "k1", "batch_size", 200));
        // a crash after writing part of the temporary file and before the rename leaves this behind
        Files.writeString(dir.resolve(".analytics.json.tmp"), "{\"values\": {\"batch_si");

        PluginConfigs afterCrash = configs();

        assertThat(afterCrash.load("analytics")).contains(Map.of("api_key", "k1", "batch_size", 200));
        assertThat(afterCrash.apply("analytics", schema, Map.of("batch_size", 300)))
                .isInstanceOf(ConfigChange.Applied.class);
        assertThat(afterCrash.load("analytics")).contains(Map.of("api_key", "k1", "batch_size", 300));
        assertThat(dir.resolve(".analytics.json.tmp")).doesNotExist();
    }

    @Test
    void outcomes_never_print_secret_values() {
        ConfigChange change = configs().apply("analytics", schema, Map.of("api_key", "s3cr3t-value"));

        assertThat(change.toString()).doesNotContain("s3cr3t-value").contains("api_key");
        assertThat(configs().effective("analytics", schema).toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void refuses_an_id_that_could_escape_the_directory() {
        assertThatThrownBy(() -> configs().load("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a plugin id");
    }
}
