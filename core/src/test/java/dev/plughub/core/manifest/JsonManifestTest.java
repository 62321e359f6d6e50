package dev.plughub.core.manifest;

import static dev.plughub.core.manifest.ManifestAssertions.parse;
import static dev.plughub.core.manifest.ManifestAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonManifestTest {

    private static final ManifestFormat JSON = ManifestFormat.PLUGIN_JSON;

    @Test
    void reads_seed_002s_fields() {
        PluginManifest manifest = parse(JSON, """
                {
                  "id": "auth-plugin",
                  "name": "Authentication Plugin",
                  "version": "1.2.0",
                  "description": "Provides comprehensive user authentication and authorization",
                  "author": "Nexus Team",
                  "email": "team@nexus.dev",
                  "homepage": "https://github.com/dnviti/auth-plugin",
                  "category": "security",
                  "tags": ["auth", "security", "jwt"],
                  "entry_point": "auth_plugin:AuthPlugin",
                  "requires": ">=1.0.0",
                  "license": "MIT",
                  "dependencies": {
                    "packages": {"pyjwt": ">=2.0.0", "bcrypt": ">=3.2.0"},
                    "plugins": {"base-lib": "^1.2.0", "opt-lib?": "1.x"}
                  },
                  "permissions": ["auth:*", "users:read"],
                  "scopes": ["sessions:write", "users:read"],
                  "events": {
                    "emits": [{"type": "user.login", "description": "Emitted when user logs in"}, "user.logout"],
                    "subscribes": [{"type": "system.startup"}]
                  },
                  "configuration": {
                    "schema": {"jwt_secret": {"type": "string", "required": true, "secret": true}}
                  },
                  "actions": ["refresh", {"name": "revoke", "description": "Revoke a session"}],
                  "changelog": "Added 2FA"
                }
                """);

        assertThat(manifest.id()).isEqualTo("auth-plugin");
        assertThat(manifest.homepageUrl()).contains("https://github.com/dnviti/auth-plugin");
        assertThat(manifest.category()).contains("security");
        assertThat(manifest.entryPoint()).contains("auth_plugin:AuthPlugin");
        assertThat(manifest.hostVersionRequirement()).contains(">=1.0.0");
        assertThat(manifest.packageDependencies()).containsExactly(Map.entry("pyjwt", ">=2.0.0"), Map.entry("bcrypt", ">=3.2.0"));
        assertThat(manifest.pluginDependencies()).containsExactly(
                new PluginDependency("base-lib", "^1.2.0", false), new PluginDependency("opt-lib", "1.x", true));
        assertThat(manifest.permissions()).containsExactly("auth:*", "users:read", "sessions:write");
        assertThat(manifest.eventsEmitted()).containsExactly("user.login", "user.logout");
        assertThat(manifest.eventsSubscribed()).containsExactly("system.startup");
        assertThat(manifest.configSchema()).hasValueSatisfying(schema -> assertThat(schema).containsKey("jwt_secret"));
        assertThat(manifest.actions()).containsExactly("refresh", "revoke");
        assertThat(manifest.changelog()).contains("Added 2FA");
        assertThat(manifest.extra()).containsOnlyKeys("email");
        assertThat(manifest.format()).isEqualTo(JSON);
    }

    @Test
    void reads_the_repository_as_a_url_or_an_object_and_the_schema_under_its_own_name() {
        PluginManifest manifest = parse(JSON, """
                {"id": "p", "name": "P", "version": "1.0.0",
                 "repository": {"type": "git", "url": "https://github.com/a/b"},
                 "config_schema": {"type": "object"}, "runtime": "grpc", "min_host_version": "2.1.0"}
                """);

        assertThat(manifest.repositoryUrl()).contains("https://github.com/a/b");
        assertThat(manifest.configSchema()).contains(Map.of("type", "object"));
        assertThat(manifest.runtime()).contains("grpc");
        assertThat(manifest.hostVersionRequirement()).contains(">=2.1.0");
        assertThat(manifest.supportsHost(dev.plughub.core.version.Version.parse("2.1.0"))).isTrue();
        assertThat(manifest.supportsHost(dev.plughub.core.version.Version.parse("2.0.9"))).isFalse();
    }

    @Test
    void accepts_unicode_in_every_text_field() {
        PluginManifest manifest = parse(JSON, """
                {"id": "weather", "name": "天气插件 🌦", "version": "1.0.0", "description": "Показывает погоду",
                 "author": "Zoë Ñúñez", "tags": ["météo", "天气", "c++"], "category": "утилиты"}
                """);

        assertThat(manifest.name()).isEqualTo("天气插件 🌦");
        assertThat(manifest.tags()).containsExactly("météo", "天气", "c++");
    }

    @Test
    void reports_wrong_types_per_field() {
        PackageException refusal = refusal(JSON, """
                {"id": "p", "name": "P", "version": 1, "tags": "x", "permissions": [1], "dependencies": 5,
                 "events": [], "config_schema": "no"}
                """);

        assertThat(refusal.rule()).isEqualTo(PackageRules.MANIFEST_INVALID);
        assertThat(refusal.fieldErrors()).containsOnlyKeys("version", "tags", "permissions", "dependencies", "events", "config_schema");
        assertThat(refusal.fieldErrors().get("version")).containsExactly("must be a string, not a number");
        assertThat(refusal.fieldErrors().get("tags")).containsExactly("must be a list of strings, not a string");
        assertThat(refusal.getMessage()).contains("version: must be a string");
    }

    @Test
    void refuses_json_that_does_not_parse() {
        assertThat(refusal(JSON, "{\"id\": \"p\",").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(JSON, "[1, 2]").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(JSON, "").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(JSON, "{} {}").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void refuses_duplicate_keys_that_two_parsers_could_read_differently() {
        assertThat(refusal(JSON, "{\"id\": \"a\", \"id\": \"b\", \"name\": \"n\", \"version\": \"1.0.0\"}").rule())
                .isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void refuses_deep_nesting_without_overflowing_the_stack() {
        String deep = "{\"id\": \"p\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(refusal(JSON, deep).rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void refuses_text_that_is_not_utf8() {
        byte[] latin1 = "{\"id\": \"p\", \"name\": \"Zo\u00eb\", \"version\": \"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ManifestParser.parse(JSON, latin1));

        assertThat(((PackageException) thrown).rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void reads_package_requirements_written_with_their_versions() {
        PluginManifest manifest = parse(JSON, """
                {"id": "p", "name": "P", "version": "1.0.0", "dependencies": ["requests>=2.0", "numpy", "@scope/pkg@^1.0.0"]}
                """);

        assertThat(manifest.packageDependencies()).containsExactly(
                Map.entry("requests", ">=2.0"), Map.entry("numpy", "*"), Map.entry("@scope/pkg", "^1.0.0"));
        assertThat(manifest.pluginDependencies()).isEqualTo(List.of());
    }

    @Test
    void refuses_an_escaped_half_surrogate_pair() {
        assertThat(refusal(JSON, "{\"id\": \"p\", \"name\": \"\\ud800\", \"version\": \"1.0.0\"}").rule())
                .isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(parse(JSON, "{\"id\": \"p\", \"name\": \"\\ud83d\\ude80\", \"version\": \"1.0.0\"}").name()).isEqualTo("🚀");
    }
}
