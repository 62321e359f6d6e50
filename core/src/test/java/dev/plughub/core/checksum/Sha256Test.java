package dev.plughub.core.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @Test
    void hashes_a_file_as_lower_case_hex(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abc");

        assertThat(Sha256.of(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(Sha256.of(file));
    }

    @Test
    void prefixes_a_digest_as_the_api_shows_it() {
        String hex = Sha256.of(new byte[0]);

        assertThat(Sha256.prefixed(hex)).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.isHex(hex)).isTrue();
        assertThat(Sha256.isHex(hex.toUpperCase())).isFalse();
        assertThat(Sha256.isHex("sha256:" + hex)).isFalse();
    }
}
