package dev.plughub.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.manifest.ManifestFormat;
import dev.plughub.core.manifest.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever bytes arrive, the readers answer with a {@link PackageException} and nothing else. */
class ReaderRobustnessTest {

    private static Path dir;
    private static byte[] validZip;
    private static byte[] validTarGz;

    private final PackageReader reader = new PackageReader(
            new ArchiveLimits(ArchiveLimits.MB, 8 * ArchiveLimits.MB, 100, 4 * ArchiveLimits.MB, 100, 8, 200, 64 * 1024));

    @BeforeContainer
    static void buildValidPackages() throws IOException {
        dir = Files.createTempDirectory("robustness");
        validZip = Files.readAllBytes(TestArchives.zip(dir.resolve("valid.zip"))
                .entry("p/plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("p/manifest.py", "PLUGIN_NAME = 'p'\nPLUGIN_VERSION = '1.0.0'\n")
                .directory("p/lib")
                .entry("p/lib/data.txt", "some data ".repeat(50))
                .build());
        validTarGz = Files.readAllBytes(TestArchives.tarGz(dir.resolve("valid.tar.gz"))
                .entry("plugin.yaml", "id: p\nname: P\nversion: 1.0.0\n")
                .directory("lib")
                .entry("lib/data.txt", "some data ".repeat(50))
                .build());
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 300)
    void random_bytes_are_refused_with_a_package_exception(@ForAll("magic") byte[] magic, @ForAll @Size(max = 2000) byte[] rest) {
        byte[] bytes = Arrays.copyOf(magic, magic.length + rest.length);
        System.arraycopy(rest, 0, bytes, magic.length, rest.length);

        assertOnlyPackageExceptions(bytes);
    }

    @Property(tries = 400)
    void a_mutated_zip_is_read_or_refused_with_a_package_exception(@ForAll("mutations") Mutation mutation) {
        assertOnlyPackageExceptions(mutation.apply(validZip));
    }

    @Property(tries = 400)
    void a_mutated_tar_gz_is_read_or_refused_with_a_package_exception(@ForAll("mutations") Mutation mutation) {
        assertOnlyPackageExceptions(mutation.apply(validTarGz));
    }

    @Property(tries = 300)
    void manifest_parsers_refuse_random_text_with_a_package_exception(@ForAll ManifestFormat format, @ForAll String text) {
        assertOnlyPackageExceptions(() -> ManifestParser.parse(format, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void the_python_reader_refuses_token_soup_with_a_package_exception(@ForAll("pythonSoup") String source) {
        assertOnlyPackageExceptions(() -> ManifestParser.parse(ManifestFormat.MANIFEST_PY, source.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 300)
    void manifest_parsers_refuse_random_bytes_with_a_package_exception(@ForAll ManifestFormat format, @ForAll @Size(max = 500) byte[] bytes) {
        assertOnlyPackageExceptions(() -> ManifestParser.parse(format, bytes));
    }

    @Provide
    Arbitrary<byte[]> magic() {
        return Arbitraries.of(new byte[0], new byte[] {'P', 'K', 3, 4}, new byte[] {'P', 'K', 5, 6}, new byte[] {0x1f, (byte) 0x8b},
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
    }

    @Provide
    Arbitrary<String> pythonSoup() {
        Arbitrary<String> token = Arbitraries.of("PLUGIN_NAME", "PLUGIN_TAGS", "PLUGIN_X", " = ", "=", "(", ")", "[", "]", "{", "}",
                ",", ":", ";", "\n", "\n    ", "\\\n", "'a'", "\"b\"", "'''c\n'''", "\"\"\"", "'", "\"", "r'\\x'", "f'{x}'",
                "b'x'", "1", "-2", "0x1F", "1e5", "1_000", "3j", "True", "None", "name", "call()", "#c", "\\u00e9", "'\\N{X}'",
                "'\\U0010FFFF'", "'\\ud800'", "'\\x4'", ".", "+", "é", "\t", "\r\n", "lambda", "@");
        return token.list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Mutation> flips = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size())
                        .map(values -> (Mutation) bytes -> {
                            byte[] copy = bytes.clone();
                            for (int i = 0; i < positions.size(); i++) {
                                copy[positions.get(i) % copy.length] = values.get(i);
                            }
                            return copy;
                        }));
        Arbitrary<Mutation> cuts = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .map(at -> (Mutation) bytes -> Arrays.copyOf(bytes, at % bytes.length));
        Arbitrary<Mutation> repeats = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(2)
                .map(points -> (Mutation) bytes -> {
                    int from = points.get(0) % bytes.length;
                    int length = points.get(1) % (bytes.length - from);
                    byte[] copy = Arrays.copyOf(bytes, bytes.length + length);
                    System.arraycopy(bytes, from, copy, from + length, bytes.length - from);
                    return copy;
                });
        return Arbitraries.oneOf(flips, cuts, repeats);
    }

    interface Mutation {
        byte[] apply(byte[] bytes);
    }

    private void assertOnlyPackageExceptions(byte[] bytes) {
        Path file = write(bytes);
        try {
            assertOnlyPackageExceptions(() -> reader.read(file, Optional.empty()));
            for (PackageFormat format : List.of(PackageFormat.ZIP, PackageFormat.TAR_GZ)) {
                Path target = dir.resolve("out-" + System.nanoTime());
                assertOnlyPackageExceptions(() -> reader.extract(file, format, target));
            }
        } finally {
            file.toFile().delete();
        }
    }

    private static void assertOnlyPackageExceptions(Runnable call) {
        try {
            call.run();
        } catch (PackageException refused) {
            assertThat(PackageRules.ALL).contains(refused.rule());
        }
    }

    private static Path write(byte[] bytes) {
        try {
            return Files.write(Files.createTempFile(dir, "input", ".bin"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
