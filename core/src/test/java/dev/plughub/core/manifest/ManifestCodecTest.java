package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static final String SEED_001 = """
            {
              "id": "my_awesome_plugin",
              "name": "My Awesome Plugin",
              "version": "1.0.0",
              "description": "A plugin that does awesome things",
              "author": "Plugin Developer",
              "license": "MIT",
              "min_geektools_version": "1.0.0",
              "homepage_url": "https://github.com/user/plugin",
              "repository_url": "https://github.com/user/plugin",
              "tags": ["utility", "productivity"],
              "main_script": "src/main.py",
              "dependencies": ["requests", "numpy"],
              "permissions": ["network", "filesystem"]
            }
            """;

    @Test
    void writes_the_canonical_snake_case_form() {
        PluginManifest manifest = ManifestCodec.fromJsonString(SEED_001);

        Map<String, Object> json = ManifestCodec.toJson(manifest);

        assertThat(json.keySet()).containsExactly("id", "name", "version", "description", "author", "license",
                "homepage_url", "repository_url", "tags", "min_host_version", "dependencies", "permissions", "main_script");
        assertThat(json.get("min_host_version")).isEqualTo(">=1.0.0");
        assertThat(json.get("dependencies")).isEqualTo(Map.of("packages", Map.of("requests", "*", "numpy", "*")));
        assertThat(json.get("tags")).isEqualTo(List.of("utility", "productivity"));
    }

    @Test
    void writes_plugin_dependencies_with_the_optional_mark_and_events_as_an_object() {
        PluginManifest manifest = ManifestCodec.fromJsonString("""
                {"id": "p", "name": "P", "version": "1.0.0",
                 "dependencies": {"plugins": {"base-lib": "^1.2.0", "opt-lib?": "1.x"}},
                 "events": {"subscribes": ["system.startup"]}}
                """);

        Map<String, Object> json = ManifestCodec.toJson(manifest);

        assertThat(json.get("dependencies")).isEqualTo(Map.of("plugins", Map.of("base-lib", "^1.2.0", "opt-lib?", "1.x")));
        assertThat(json.get("events")).isEqualTo(Map.of("subscribes", List.of("system.startup")));
    }

    @Test
    void keeps_what_the_manifest_says_of_its_events_and_reads_it_back() {
        PluginManifest manifest = ManifestCodec.fromJsonString("""
                {"id": "p", "name": "P", "version": "1.0.0", "events": {
                  "emits": [{"type": "user.login", "description": "Emitted when user logs in"}, "user.logout"],
                  "subscribes": [{"type": "system.startup", "description": "Handle system startup"}]}}""");

        assertThat(manifest.eventsEmitted()).containsExactly("user.login", "user.logout");
        assertThat(manifest.eventDescriptions()).containsExactly(Map.entry("user.login", "Emitted when user logs in"),
                Map.entry("system.startup", "Handle system startup"));
        Map<String, Object> json = ManifestCodec.toJson(manifest);
        assertThat(json.get("events")).isEqualTo(Map.of(
                "emits", List.of(Map.of("type", "user.login", "description", "Emitted when user logs in"), "user.logout"),
                "subscribes", List.of(Map.of("type", "system.startup", "description", "Handle system startup"))));
        assertThat(ManifestCodec.fromJson(json)).isEqualTo(manifest);
    }

    @Test
    void reads_back_what_it_writes_for_every_source_format() {
        PluginManifest python = ManifestParser.parse(ManifestFormat.MANIFEST_PY,
                "PLUGIN_NAME='py_plugin'\nPLUGIN_VERSION='3.0.0'\nPLUGIN_TAGS=('a',)\nPLUGIN_COLOR='blue'\n".getBytes());

        PluginManifest back = ManifestCodec.fromJson(ManifestCodec.toJson(python));

        assertThat(back).isEqualTo(python.withFormat(ManifestFormat.PLUGIN_JSON));
        assertThat(ManifestCodec.fromJson(ManifestCodec.toJson(python), ManifestFormat.MANIFEST_PY)).isEqualTo(python);
        assertThat(ManifestCodec.fromJsonString(ManifestCodec.toJsonString(python))).isEqualTo(back);
    }

    @Test
    void validates_what_it_reads() {
        Map<String, Object> json = new LinkedHashMap<>(Map.of("id", "Bad", "name", "n", "version", "1.0.0"));

        Throwable thrown = catchThrowable(() -> ManifestCodec.fromJson(json));

        assertThat(thrown).isInstanceOf(PackageException.class);
        assertThat(((PackageException) thrown).rule()).isEqualTo(PackageRules.MANIFEST_INVALID);
    }

    @Test
    void keeps_a_manifest_unmodifiable() {
        PluginManifest manifest = ManifestCodec.fromJsonString(SEED_001);

        assertThat(catchThrowable(() -> manifest.tags().add("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(catchThrowable(() -> manifest.extra().put("x", 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reads_numbers_back_equal_whatever_json_library_parsed_them() throws Exception {
        PluginManifest manifest = ManifestCodec.fromJsonString("{\"id\": \"p\", \"name\": \"P\", \"version\": \"1.0.0\", "
                + "\"retries\": 3, \"config_schema\": {\"maximum\": 10, \"ratio\": 0.5}}");
        com.fasterxml.jackson.databind.ObjectMapper jackson = new com.fasterxml.jackson.databind.ObjectMapper();

        Map<String, Object> stored = jackson.readValue(jackson.writeValueAsString(ManifestCodec.toJson(manifest)),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });

        assertThat(stored.get("retries")).isInstanceOf(Integer.class);
        assertThat(ManifestCodec.fromJson(stored)).isEqualTo(manifest);
    }
}
