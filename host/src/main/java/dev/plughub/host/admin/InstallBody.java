package dev.plughub.host.admin;

import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Seed 002's install body: {@code source} ({@code repository}, {@code file} or {@code url}) with
 * {@code plugin_name} + {@code version}, {@code file_path}, or {@code download_url} (+ optional
 * {@code sha256}); {@code config}, {@code auto_enable}, {@code force_reinstall}; and {@code dry_run}
 * to see the plan without installing.
 */
record InstallBody(InstallRequest request, InstallOptions options, boolean dryRun) {

    static InstallBody read(Map<String, Object> body) {
        RequestFields fields = RequestFields.of(body);
        String source = fields.string("source").orElse("repository");
        InstallRequest request = switch (source) {
            case "repository", "registry" -> new InstallRequest.FromRegistry(fields.requiredString("plugin_name"),
                    fields.string("version").filter(v -> !v.isBlank()));
            case "file" -> new InstallRequest.FromFile(path(fields, fields.requiredString("file_path")));
            case "url" -> new InstallRequest.FromUrl(uri(fields, fields.requiredString("download_url")),
                    fields.string("sha256").filter(s -> !s.isBlank()));
            default -> null;
        };
        InstallOptions options = new InstallOptions(
                fields.bool("auto_enable").orElse(true),
                fields.bool("force_reinstall").orElse(false),
                fields.object("config"));
        boolean dryRun = fields.bool("dry_run").orElse(false);
        if (request == null) {
            fields.reject("source", "must be repository, file or url, not '" + source + "'");
        }
        fields.check();
        return new InstallBody(request, options, dryRun);
    }

    private static Path path(RequestFields fields, String text) {
        if (text.isBlank()) {
            return null; // already reported as required
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            fields.reject("file_path", "is not a path on this machine: " + e.getReason());
            return null;
        }
    }

    private static URI uri(RequestFields fields, String text) {
        if (text.isBlank()) {
            return null; // already reported as required
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                fields.reject("download_url", "must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            fields.reject("download_url", "is not a URL: " + e.getReason());
            return null;
        }
    }
}
