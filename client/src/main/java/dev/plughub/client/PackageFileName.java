package dev.plughub.client;

import dev.plughub.core.archive.PackageFormat;
import dev.plughub.core.manifest.PluginId;
import dev.plughub.core.version.Version;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a download is saved under in a folder: {@code {id}-{version}.{ext}}, never a name the
 * server alone chose (a hostile one could otherwise answer {@code filename="Makefile"} and replace
 * that file). The id is the one asked for; the version is the one the registry's file name reports
 * when it is that plugin's and SemVer, else the one asked for; the extension is a package format's
 * ({@code zip}, {@code tar.gz}, {@code tgz}, {@code jar}), from the file name or else the media type.
 */
final class PackageFileName {

    private static final List<String> EXTENSIONS = List.of("tar.gz", "tgz", "zip", "jar");

    private PackageFileName() {
    }

    /**
     * The name, or empty when the answer names no package format, or no version and none was asked for.
     *
     * @throws RegistryException when the registry's file name reports another version than the one asked for
     */
    static Optional<String> of(String id, Optional<String> asked, DownloadHeaders headers, String what) {
        String plugin = id.strip().toLowerCase(Locale.ROOT);
        if (!PluginId.isValid(plugin)) {
            return Optional.empty();
        }
        Optional<String> extension = headers.fileName().map(n -> n.toLowerCase(Locale.ROOT)).flatMap(PackageFileName::extension)
                .or(() -> fromMediaType(headers.contentType()));
        Optional<Version> served = headers.fileName().flatMap(name -> servedVersion(plugin, name));
        Optional<Version> requested = asked.filter(v -> !v.equalsIgnoreCase("latest")).flatMap(Version::tryParse);
        if (served.isPresent() && requested.isPresent() && served.get().compareTo(requested.get()) != 0) {
            throw new RegistryException(200, "WRONG_VERSION", "The registry sent version " + served.get() + " of "
                    + plugin + " when " + requested.get() + " was asked for; nothing was saved", null);
        }
        Optional<Version> version = served.or(() -> requested);
        if (version.isEmpty() || extension.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plugin + "-" + version.get() + "." + extension.get());
    }

    /** Why {@link #of} found no name, for the error that refuses to save into a folder. */
    static String missing(Optional<String> asked, DownloadHeaders headers) {
        String named = headers.fileName().map(n -> "file name '" + n + "'").orElse("no file name");
        String type = headers.contentType().isEmpty() ? "no media type" : "media type " + headers.contentType();
        return "The registry's answer (" + named + ", " + type + ") does not say which version and package format"
                + " it is, so it has no safe name to be saved under; nothing was saved. Give the file to write"
                + " instead of a folder" + (asked.isEmpty() ? ", or ask for a version by name" : "");
    }

    /** The version in {@code {id}-{version}.{ext}} when the name is this plugin's and the version SemVer. */
    private static Optional<Version> servedVersion(String plugin, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Optional<String> extension = extension(lower);
        if (extension.isEmpty() || !lower.startsWith(plugin + "-")) {
            return Optional.empty();
        }
        return Version.tryParse(name.substring(plugin.length() + 1, name.length() - extension.get().length() - 1));
    }

    private static Optional<String> extension(String name) {
        return EXTENSIONS.stream().filter(ext -> name.endsWith("." + ext)).findFirst();
    }

    private static Optional<String> fromMediaType(String type) {
        String bare = type.split(";", 2)[0].strip();
        for (PackageFormat format : PackageFormat.values()) {
            if (bare.equals(format.mediaType())) {
                return Optional.of(format.extension());
            }
        }
        return Optional.empty();
    }
}
