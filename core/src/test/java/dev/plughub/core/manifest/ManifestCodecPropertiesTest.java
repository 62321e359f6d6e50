package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.version.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ManifestCodecPropertiesTest {

    @Property(tries = 500)
    void a_manifest_survives_the_canonical_json_form(@ForAll("manifests") PluginManifest manifest) {
        assertThat(ManifestCodec.fromJson(ManifestCodec.toJson(manifest))).isEqualTo(manifest);
    }

    @Property(tries = 300)
    void a_manifest_survives_the_canonical_json_text(@ForAll("manifests") PluginManifest manifest) {
        assertThat(ManifestCodec.fromJsonString(ManifestCodec.toJsonString(manifest))).isEqualTo(manifest);
    }

    @Provide
    Arbitrary<PluginManifest> manifests() {
        Arbitrary<String> id = Combinators.combine(
                        Arbitraries.strings().withChars("abcxyz0129").ofLength(1),
                        Arbitraries.strings().withChars("abcdefxyz0189._-").ofMaxLength(63))
                .as(String::concat);
        Arbitrary<String> text = Combinators.combine(
                        Arbitraries.strings()
                                .withCharRange('a', 'z').withCharRange('À', 'ÿ').withCharRange('一', '龥').withChars(" .,!\"\\\n")
                                .ofMinLength(1).ofMaxLength(40),
                        Arbitraries.of("", "🚀", "𝔘𝔫𝔦"))
                .as(String::concat).filter(s -> !s.isBlank());
        Arbitrary<String> tag = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('α', 'ω').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withChars(" ._+-").ofMaxLength(20))
                .as(String::concat);
        Arbitrary<String> url = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "https://example.com/" + s);
        Arbitrary<Version> version = Combinators.combine(
                        Arbitraries.longs().between(0, 20), Arbitraries.longs().between(0, 20), Arbitraries.longs().between(0, 20),
                        Arbitraries.of(List.<String>of(), List.of("rc", "1"), List.of("alpha")),
                        Arbitraries.of(List.<String>of(), List.of("build", "7")))
                .as(Version::new);
        Arbitrary<String> range = Arbitraries.of("^1.2.0", "1.x", ">=2.0.0 <3.0.0", "*", "~0.3", "1.0.0 - 2.0.0", "<1 || >=3.1.4");
        Arbitrary<List<PluginDependency>> dependencies = Combinators.combine(id, range, Arbitraries.of(true, false))
                .as(PluginDependency::new)
                .list().ofMaxSize(4).uniqueElements(PluginDependency::id);
        Arbitrary<Map<String, String>> packages = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), Arbitraries.of("*", ">=2.0", "^1.0.0", "==1.4"))
                .ofMaxSize(3);
        Arbitrary<List<String>> items = text.list().ofMaxSize(4);
        Arbitrary<Object> scalar = Arbitraries.oneOf(text.map(s -> (Object) s), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        Arbitrary<Map<String, Object>> schema = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> (Object) l))).ofMaxSize(4);
        Arbitrary<Map<String, Object>> extra = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).map(s -> "x_" + s), scalar.filter(v -> v != null)).ofMaxSize(3);

        return Builders.withBuilder(Draft::new)
                .use(id).in((d, v) -> { d.id = v; return d; })
                .use(text).in((d, v) -> { d.name = v; return d; })
                .use(version).in((d, v) -> { d.version = v; return d; })
                .use(text.optional()).in((d, v) -> { d.description = v; return d; })
                .use(text.optional()).in((d, v) -> { d.author = v; return d; })
                .use(Arbitraries.of("MIT", "Apache-2.0").optional()).in((d, v) -> { d.license = v; return d; })
                .use(url.optional()).in((d, v) -> { d.homepage = v; return d; })
                .use(url.optional()).in((d, v) -> { d.repository = v; return d; })
                .use(tag.list().ofMaxSize(5)).in((d, v) -> { d.tags = v; return d; })
                .use(Arbitraries.of("security", "网络").optional()).in((d, v) -> { d.category = v; return d; })
                .use(Arbitraries.of(">=1.0.0", "^2.1.0", "1.x").optional()).in((d, v) -> { d.host = v; return d; })
                .use(Arbitraries.of("java", "grpc", "wasm", "python").optional()).in((d, v) -> { d.runtime = v; return d; })
                .use(text.optional()).in((d, v) -> { d.entryPoint = v; return d; })
                .use(dependencies).in((d, v) -> { d.plugins = v; return d; })
                .use(packages).in((d, v) -> { d.packages = v; return d; })
                .use(items.map(l -> l.stream().distinct().toList())).in((d, v) -> { d.permissions = v; return d; })
                .use(items).in((d, v) -> { d.capabilities = v; return d; })
                .use(schema.optional()).in((d, v) -> { d.schema = v; return d; })
                .use(items).in((d, v) -> { d.emits = v; return d; })
                .use(items).in((d, v) -> { d.subscribes = v; return d; })
                .use(items).in((d, v) -> { d.actions = v; return d; })
                .use(text.optional()).in((d, v) -> { d.changelog = v; return d; })
                .use(extra).in((d, v) -> { d.extra = v; return d; })
                .build(Draft::manifest);
    }

    /** The generated fields before they become a record. */
    private static final class Draft {
        String id;
        String name;
        Version version;
        Optional<String> description;
        Optional<String> author;
        Optional<String> license;
        Optional<String> homepage;
        Optional<String> repository;
        List<String> tags;
        Optional<String> category;
        Optional<String> host;
        Optional<String> runtime;
        Optional<String> entryPoint;
        List<PluginDependency> plugins;
        Map<String, String> packages;
        List<String> permissions;
        List<String> capabilities;
        Optional<Map<String, Object>> schema;
        List<String> emits;
        List<String> subscribes;
        List<String> actions;
        Optional<String> changelog;
        Map<String, Object> extra;

        PluginManifest manifest() {
            return new PluginManifest(id, name, version, description, author, license, homepage, repository, tags, category,
                    host, runtime, entryPoint, new ArrayList<>(plugins), new LinkedHashMap<>(packages), permissions, capabilities,
                    schema, emits, subscribes, Map.of(), actions, changelog, ManifestFormat.PLUGIN_JSON, extra);
        }
    }
}
