package dev.plughub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.client.PlughubClient;
import dev.plughub.client.PluginDetail;
import dev.plughub.client.PluginSummary;
import dev.plughub.client.RegistryAddress;
import dev.plughub.client.RegistryException;
import dev.plughub.client.VersionDetail;
import dev.plughub.client.VersionSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plughub info ID[@VERSION]}: shows a plugin, or one of its versions. */
@Command(name = "info", description = "Show a plugin and its versions, or one version (ID@VERSION).")
final class InfoCommand extends ClientCommand {

    @Parameters(paramLabel = "ID[@VERSION]", description = "The plugin, optionally with a version.")
    String ref;

    @Override
    public Integer call() {
        PluginRef plugin = PluginRef.parse(ref);
        PlughubClient client = options.reader(env());
        try {
            if (plugin.version().isPresent()) {
                VersionDetail version = client.version(plugin.id(), plugin.version().get());
                if (options.json) {
                    printJson(version.raw());
                } else {
                    printVersion(plugin.id(), version);
                }
            } else {
                PluginDetail detail = client.plugin(plugin.id());
                if (options.json) {
                    printJson(detail.raw());
                } else {
                    printPlugin(detail);
                }
            }
        } catch (RegistryException e) {
            throw plugin.named(e);
        }
        return ExitCodes.OK;
    }

    private void printPlugin(PluginDetail detail) {
        PrintWriter out = out();
        PluginSummary p = detail.summary();
        JsonNode raw = detail.raw();
        out.println(TerminalText.line(p.id() + " " + p.currentVersion().orElse("(no stable version)") + " - " + p.name()));
        if (!p.description().isBlank()) {
            out.println(TerminalText.line(p.description().strip()));
        }
        out.println();
        field(out, "Author", p.author().orElse(""));
        field(out, "License", text(raw, "license"));
        field(out, "Category", text(raw, "category"));
        field(out, "Tags", String.join(", ", p.tags()));
        field(out, "Downloads", Format.count(p.downloads()));
        field(out, "Rating", p.ratingCount() == 0 ? "no ratings yet"
                : Format.rating(p.rating(), p.ratingCount()) + " (" + p.ratingCount() + (p.ratingCount() == 1 ? " rating)" : " ratings)"));
        field(out, "Status", status(p.status(), raw));
        field(out, "Owners", String.join(", ", detail.owners()));
        field(out, "Homepage", text(raw, "homepage_url"));
        field(out, "Repository", text(raw, "repository_url"));
        field(out, "Host version", text(raw, "min_host_version").isEmpty() ? text(raw, "min_geektools_version") : text(raw, "min_host_version"));
        field(out, "Depends on", dependencies(raw.path("dependencies")));
        if (!detail.versions().isEmpty()) {
            out.println();
            Table table = new Table(List.of("VERSION", "PUBLISHED", "SIZE", "DOWNLOADS", "NOTES"),
                    List.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.RIGHT, Table.Align.RIGHT, Table.Align.LEFT));
            for (VersionSummary v : detail.versions()) {
                String notes = (v.yanked() ? "[yanked] " : "") + (v.stable() ? "" : "[pre-release] ") + v.changelog().orElse("");
                table.row(v.version(), Format.day(v.createdAt()), Format.bytes(v.fileSize()), Format.count(v.downloads()), notes);
            }
            table.print(out, env().terminal().columns());
        }
    }

    private void printVersion(String id, VersionDetail version) {
        PrintWriter out = out();
        VersionSummary v = version.summary();
        out.println(TerminalText.line(id + " " + v.version() + (v.yanked() ? " (yanked)" : "") + (v.stable() ? "" : " (pre-release)")));
        out.println();
        field(out, "Published", Format.day(v.createdAt()) + publisher(version.raw()));
        field(out, "Format", text(version.raw(), "format"));
        field(out, "Size", Format.bytes(v.fileSize()) + " (" + v.fileSize() + " bytes)");
        field(out, "SHA-256", version.sha256());
        field(out, "Downloads", Format.count(v.downloads()));
        field(out, "Depends on", dependencies(version.raw().path("dependencies")));
        field(out, "Changelog", v.changelog().orElse(""));
        String url = version.downloadUrl();
        field(out, "Download", url.startsWith("/") ? RegistryAddress.shown(options.registryUrl(env()) + url) : url);
    }

    /** The status, with why it is so and, for a deprecated plugin, what to use instead. */
    private static String status(String status, JsonNode raw) {
        String reason = text(raw, "status_reason");
        String replacement = text(raw, "replacement");
        return status + (reason.isBlank() ? "" : " (" + reason.strip() + ")")
                + (replacement.isBlank() ? "" : "; use " + replacement + " instead");
    }

    private static String publisher(JsonNode raw) {
        String name = text(raw.path("published_by"), "username");
        return name.isEmpty() ? "" : " by " + name;
    }

    private static String dependencies(JsonNode deps) {
        List<String> parts = new ArrayList<>();
        deps.path("plugins").properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        deps.path("packages").properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asText() + " (package)"));
        return String.join(", ", parts);
    }

    /** One labelled line; the value, from the registry, made safe for a terminal. */
    private static void field(PrintWriter out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.printf("%-13s %s%n", label + ":", TerminalText.line(value.strip()));
        }
    }
}
