package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plughub.core.PackageException;
import java.nio.charset.StandardCharsets;

final class ManifestAssertions {

    private ManifestAssertions() {
    }

    static PluginManifest parse(ManifestFormat format, String text) {
        return ManifestParser.parse(format, text.getBytes(StandardCharsets.UTF_8));
    }

    static PackageException refusal(ManifestFormat format, String text) {
        Throwable thrown = catchThrowable(() -> parse(format, text));
        assertThat(thrown).isInstanceOf(PackageException.class);
        return (PackageException) thrown;
    }
}
