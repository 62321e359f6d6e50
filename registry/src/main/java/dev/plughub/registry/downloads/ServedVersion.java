package dev.plughub.registry.downloads;

import dev.plughub.core.archive.PackageFormat;
import java.util.Optional;

/**
 * One published version as a download needs it: where its bytes are ({@code sha256}), how large they
 * are, and what to call them.
 *
 * @param format the stored format name (zip, tar.gz or jar)
 */
public record ServedVersion(
        long pluginPk,
        long versionPk,
        String pluginId,
        String version,
        String format,
        long fileSize,
        String sha256) {

    /** The name a browser saves the file under: {@code {id}-{version}.{ext}}. */
    public String fileName() {
        return pluginId + "-" + version + "." + packageFormat().map(PackageFormat::extension).orElse(format);
    }

    public String mediaType() {
        return packageFormat().map(PackageFormat::mediaType).orElse("application/octet-stream");
    }

    private Optional<PackageFormat> packageFormat() {
        for (PackageFormat f : PackageFormat.values()) {
            if (f.extension().equals(format)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
