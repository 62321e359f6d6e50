package dev.plughub.core.manifest;

import static dev.plughub.core.manifest.ManifestAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestValidationTest {

    private static PackageException refuse(String fields) {
        PackageException refusal = refusal(ManifestFormat.PLUGIN_JSON, "{" + fields + "}");
        assertThat(refusal.rule()).isEqualTo(PackageRules.MANIFEST_INVALID);
        return refusal;
    }

    private static String base(String id) {
        return "\"id\": \"" + id + "\", \"name\": \"Name\", \"version\": \"1.0.0\"";
    }

    @Test
    void requires_id_name_and_version() {
        assertThat(refuse("").fieldErrors()).containsOnlyKeys("id", "name", "version");
        assertThat(refuse("\"id\": \"p\", \"name\": \"  \", \"version\": \"1.0.0\"").fieldErrors()).containsOnlyKeys("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "My-Plugin", "-x", "_x", "a b", "a/b", "插件"})
    void refuses_ids_outside_the_id_rule(String id) {
        assertThat(refuse(base(id)).fieldErrors().get("id")).singleElement().asString().contains(PluginId.RULE);
    }

    @Test
    void refuses_an_id_of_300_characters() {
        assertThat(refuse(base("a".repeat(300))).fieldErrors()).containsOnlyKeys("id");
    }

    @Test
    void refuses_a_version_that_is_not_strict_semver() {
        assertThat(refuse("\"id\": \"p\", \"name\": \"n\", \"version\": \"1.0\"").fieldErrors().get("version"))
                .singleElement().asString().contains("SemVer");
    }

    @Test
    void refuses_text_fields_over_their_length() {
        PackageException refusal = refuse(base("p").replace("\"Name\"", "\"" + "n".repeat(101) + "\"")
                + ", \"description\": \"" + "d".repeat(2001) + "\", \"author\": \"" + "a".repeat(201)
                + "\", \"license\": \"" + "l".repeat(101) + "\", \"category\": \"" + "c".repeat(51) + "\"");

        assertThat(refusal.fieldErrors()).containsOnlyKeys("name", "description", "author", "license", "category");
    }

    @Test
    void refuses_a_nul_character_in_any_field_key_or_list_item() {
        String nul = "\\u0000";
        assertThat(refuse(base("p").replace("\"Name\"", "\"Na" + nul + "me\"")).fieldErrors().get("name"))
                .singleElement().asString().contains("NUL");
        assertThat(refuse(base("p") + ", \"permissions\": [\"net\", \"fs" + nul + "\"]").fieldErrors())
                .containsKey("permissions[1]");
        assertThat(refuse(base("p") + ", \"x-extra\": {\"in" + nul + "ner\": 1}").fieldErrors())
                .containsOnlyKeys("x-extra.in\\u0000ner");
    }

    @Test
    void refuses_a_nul_character_in_every_manifest_format() {
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "id: p\nname: \"a\\0b\"\nversion: 1.0.0\n").fieldErrors())
                .containsKey("name");
        assertThat(refusal(ManifestFormat.MANIFEST_PY,
                "PLUGIN_NAME = 'p'\nPLUGIN_VERSION = '1.0.0'\nPLUGIN_DESCRIPTION = 'a\\x00b'\n").fieldErrors())
                .containsKey("description");
        assertThat(refusal(ManifestFormat.PLUGIN_PROPERTIES,
                "plugin.id=p\nplugin.version=1.0.0\nplugin.provider=a\\u0000b\n").fieldErrors())
                .containsKey("author");
    }

    @Test
    void counts_characters_not_bytes() {
        PluginManifest manifest = ManifestAssertions.parse(ManifestFormat.PLUGIN_JSON,
                "{\"id\": \"p\", \"name\": \"" + "插".repeat(100) + "\", \"version\": \"1.0.0\"}");

        assertThat(manifest.name()).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "ftp://example.com/x", "javascript:alert(1)", "https://", "http:///path", "https://exa mple.com"})
    void refuses_urls_that_are_not_absolute_http(String url) {
        assertThat(refuse(base("p") + ", \"homepage_url\": \"" + url + "\"").fieldErrors()).containsOnlyKeys("homepage_url");
    }

    @Test
    void refuses_too_many_or_malformed_tags() {
        String many = "\"tags\": [" + "\"t\",".repeat(20) + "\"t\"]";

        assertThat(refuse(base("p") + ", " + many).fieldErrors()).containsOnlyKeys("tags");
        assertThat(refuse(base("p") + ", \"tags\": [\"-lead\"]").fieldErrors()).containsOnlyKeys("tags");
        assertThat(refuse(base("p") + ", \"tags\": [\"" + "t".repeat(51) + "\"]").fieldErrors()).containsOnlyKeys("tags");
        assertThat(refuse(base("p") + ", \"tags\": [\"\"]").fieldErrors()).containsOnlyKeys("tags");
    }

    @Test
    void refuses_dependencies_with_bad_ids_or_ranges() {
        PackageException refusal = refuse(base("p") + ", \"dependencies\": {\"plugins\": {\"Bad Id\": \"1.x\", \"good\": \"not a range\"}}");

        assertThat(refusal.fieldErrors().get("dependencies.plugins")).hasSize(2);
    }

    @Test
    void refuses_a_host_requirement_that_is_neither_a_range_nor_a_version() {
        assertThat(refuse(base("p") + ", \"min_host_version\": \"one point oh\"").fieldErrors()).containsOnlyKeys("min_host_version");
    }

    @Test
    void refuses_unknown_parts_of_dependencies_and_events() {
        assertThat(refuse(base("p") + ", \"dependencies\": {\"python\": \">=3.8\"}").fieldErrors()).containsOnlyKeys("dependencies");
        assertThat(refuse(base("p") + ", \"events\": {\"emit\": []}").fieldErrors()).containsOnlyKeys("events");
    }

    @Test
    void refuses_two_different_values_for_one_field() {
        assertThat(refuse(base("p") + ", \"homepage_url\": \"https://a.example\", \"homepage\": \"https://b.example\"").fieldErrors())
                .containsOnlyKeys("homepage");
    }

    @Test
    void collects_all_violations_in_one_answer() {
        PackageException refusal = refuse("\"id\": \"UPPER\", \"version\": \"v1\", \"homepage_url\": \"nope\"");

        assertThat(refusal.fieldErrors()).containsOnlyKeys("id", "name", "version", "homepage_url");
        assertThat(refusal.getMessage()).contains("id: ", "name: is required", "version: ", "homepage_url: ");
    }
}
