package dev.plughub.core.archive;

import java.util.Locale;
import java.util.Optional;

/** The package formats the registry takes, with the file extension and media type of each. */
public enum PackageFormat {
    ZIP("zip", "application/zip"),
    TAR_GZ("tar.gz", "application/gzip"),
    JAR("jar", "application/java-archive");

    /** A sentence naming the formats taken, for error messages. */
    public static final String ACCEPTED = "a package must be a .zip, .tar.gz, .tgz or .jar archive";

    private final String extension;
    private final String mediaType;

    PackageFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a file name claims by its extension ({@code .tgz} counts as tar.gz). */
    public static Optional<PackageFormat> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return Optional.of(TAR_GZ);
        }
        if (name.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        if (name.endsWith(".jar")) {
            return Optional.of(JAR);
        }
        return Optional.empty();
    }
}
