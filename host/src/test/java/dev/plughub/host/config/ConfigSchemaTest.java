package dev.plughub.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    /** Seed 002's analytics plugin as a JSON Schema, with a nested section holding a secret. */
    static final Map<String, Object> ANALYTICS = Map.of(
            "type", "object",
            "additionalProperties", false,
            "required", List.of("api_key"),
            "properties", Map.of(
                    "batch_size", Map.of("type", "integer", "default", 50, "minimum", 10, "maximum", 1000),
                    "flush_interval", Map.of("type", "integer", "default", 30, "x-restart-required", true),
                    "storage_backend", Map.of("type", "string", "enum", List.of("database", "file", "redis"),
                            "default", "database"),
                    "api_key", Map.of("type", "string", "writeOnly", true),
                    "db", Map.of("type", "object", "x-restart-required", true, "properties", Map.of(
                            "host", Map.of("type", "string", "default", "localhost"),
                            "port", Map.of("type", "integer", "default", 5432, "maximum", 65535),
                            "password", Map.of("type", "string", "format", "password"))),
                    "webhook", Map.of("type", "object", "required", List.of("url"), "properties", Map.of(
                            "url", Map.of("type", "string"),
                            "token", Map.of("type", "string", "x-secret", true),
                            "retries", Map.of("type", "integer", "default", 3)))));

    final ConfigSchema schema = ConfigSchema.of(ANALYTICS);

    @Test
    void fills_in_defaults_including_nested_sections() {
        ConfigCheck check = schema.validate(Map.of("api_key", "k"));

        assertThat(check).isInstanceOf(ConfigCheck.Valid.class);
        Map<String, Object> values = ((ConfigCheck.Valid) check).withDefaults();
        assertThat(values).containsEntry("batch_size", 50).containsEntry("flush_interval", 30)
                .containsEntry("storage_backend", "database").containsEntry("api_key", "k")
                .containsEntry("db", Map.of("host", "localhost", "port", 5432));
    }

    @Test
    void does_not_invent_a_section_whose_required_fields_have_no_default() {
        Map<String, Object> values = ((ConfigCheck.Valid) schema.validate(Map.of("api_key", "k"))).withDefaults();

        assertThat(values).doesNotContainKey("webhook");
    }

    @Test
    void fills_defaults_inside_a_section_the_operator_gave() {
        Map<String, Object> values = ((ConfigCheck.Valid) schema.validate(Map.of("api_key", "k",
                "db", Map.of("host", "db.internal"), "webhook", Map.of("url", "https://x.test")))).withDefaults();

        assertThat(values.get("db")).isEqualTo(Map.of("host", "db.internal", "port", 5432));
        assertThat(values.get("webhook")).isEqualTo(Map.of("url", "https://x.test", "retries", 3));
    }

    @Test
    void reports_each_broken_rule_by_field_path_in_a_sentence() {
        ConfigCheck check = schema.validate(Map.of(
                "batch_size", 5000,
                "storage_backend", "s3",
                "flush_interval", "soon",
                "db", Map.of("port", 70000),
                "webhook", Map.of("retries", 1),
                "colour", "blue"));

        assertThat(check).isInstanceOf(ConfigCheck.Invalid.class);
        Map<String, String> errors = ((ConfigCheck.Invalid) check).errorsByField();
        assertThat(errors).containsEntry("batch_size", "must be at most 1000")
                .containsEntry("api_key", "is required")
                .containsEntry("db.port", "must be at most 65535")
                .containsEntry("webhook.url", "is required")
                .containsEntry("flush_interval", "must be an integer, not a string")
                .containsEntry("colour", "is not a setting this plugin knows");
        assertThat(errors.get("storage_backend")).startsWith("must be one of").contains("database", "file", "redis");
    }

    @Test
    void names_secrets_marked_any_of_the_three_ways_by_path() {
        assertThat(schema.secretFields()).containsExactlyInAnyOrder("api_key", "db.password", "webhook.token");
    }

    @Test
    void masks_secrets_that_have_a_value_and_leaves_the_rest() {
        Map<String, Object> masked = schema.masked(Map.of("api_key", "s3cr3t", "batch_size", 10,
                "db", Map.of("password", "pw", "port", 1)));

        assertThat(masked).containsEntry("api_key", ConfigSchema.HIDDEN).containsEntry("batch_size", 10)
                .containsEntry("db", Map.of("password", ConfigSchema.HIDDEN, "port", 1))
                .doesNotContainKey("webhook");
        assertThat(masked.toString()).doesNotContain("s3cr3t").doesNotContain("pw,");
    }

    @Test
    void marks_a_field_restart_required_directly_or_through_its_section() {
        assertThat(schema.restartRequired("flush_interval")).isTrue();
        assertThat(schema.restartRequired("db.port")).isTrue();
        assertThat(schema.restartRequired("batch_size")).isFalse();
        assertThat(schema.restartRequired("unknown.field")).isFalse();
    }

    @Test
    void an_empty_schema_accepts_any_object() {
        ConfigCheck check = ConfigSchema.of(Map.of()).validate(Map.of("anything", List.of(1, 2)));

        assertThat(check).isEqualTo(new ConfigCheck.Valid(Map.of("anything", List.of(1, 2))));
    }

    @Test
    void reads_seed_002s_shorthand_as_the_schema_it_means() {
        ConfigSchema seed = ConfigSchema.of(Map.of(
                "jwt_secret", Map.of("type", "string", "required", true, "secret", true),
                "batch_size", Map.of("type", "integer", "default", 50, "min", 10, "max", 1000)));

        assertThat(seed.secretFields()).containsExactly("jwt_secret");
        assertThat(((ConfigCheck.Invalid) seed.validate(Map.of("batch_size", 1))).errorsByField())
                .containsEntry("batch_size", "must be at least 10")
                .containsEntry("jwt_secret", "is required");
        assertThat(seed.validate(Map.of("jwt_secret", "x")))
                .isEqualTo(new ConfigCheck.Valid(Map.of("jwt_secret", "x", "batch_size", 50)));
    }

    @Test
    void honours_a_schema_that_names_an_older_draft() {
        ConfigSchema draft7 = ConfigSchema.of(Map.of(
                "$schema", "http://json-schema.org/draft-07/schema#",
                "type", "object",
                "properties", Map.of("port", Map.of("type", "integer", "exclusiveMaximum", 65536, "default", 80))));

        assertThat(draft7.validate(Map.of())).isEqualTo(new ConfigCheck.Valid(Map.of("port", 80)));
        assertThat(((ConfigCheck.Invalid) draft7.validate(Map.of("port", 70000))).errorsByField())
                .containsEntry("port", "must be less than 65536");
    }

    @Test
    void refuses_a_schema_that_is_not_json_schema() {
        assertThatThrownBy(() -> ConfigSchema.of(Map.of("type", "object", "properties", Map.of(
                "n", Map.of("type", "integer", "minimum", "ten")))).validate(Map.of("n", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid JSON Schema");
    }

    @Test
    void refuses_secrets_declared_where_masking_cannot_follow_them() {
        Map<String, Object> inItems = Map.of("type", "object", "properties", Map.of("list", Map.of("type", "array",
                "items", Map.of("type", "object", "properties", Map.of("t", Map.of("type", "string", "x-secret", true))))));
        Map<String, Object> throughRef = Map.of("type", "object", "$defs", Map.of("key", Map.of("type", "string", "writeOnly", true)),
                "properties", Map.of("k", Map.of("$ref", "#/$defs/key")));
        Map<String, Object> inAllOf = Map.of("type", "object", "properties", Map.of("p", Map.of("allOf",
                List.of(Map.of("type", "string", "format", "password")))));
        Map<Map<String, Object>, String> where = Map.of(inItems, "at properties.list.items.properties.t",
                throughRef, "at $defs.key", inAllOf, "at properties.p.allOf[0]");
        for (Map<String, Object> schema : List.of(inItems, throughRef, inAllOf)) {
            assertThatThrownBy(() -> ConfigSchema.requireHideableSecrets(schema)).as("%s", schema)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be hidden")
                    .hasMessageContaining(where.get(schema));
        }
        ConfigSchema.requireHideableSecrets(Map.of("type", "object", "properties", Map.of("db", Map.of("type", "object",
                "properties", Map.of("password", Map.of("type", "string", "writeOnly", true))))));   // nested properties: fine
    }

    @Test
    void refuses_a_type_json_schema_does_not_have_before_it_refuses_every_value() {
        assertThatThrownBy(() -> ConfigSchema.of(Map.of("type", "object", "properties", Map.of(
                "a", Map.of("type", "nonsense")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid JSON Schema")
                .hasMessageContaining("/properties/a/type");
    }
}
