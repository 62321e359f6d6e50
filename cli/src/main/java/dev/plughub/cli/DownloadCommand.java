package dev.plughub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plughub.client.Downloaded;
import dev.plughub.client.PlughubClient;
import dev.plughub.client.RegistryException;
import dev.plughub.client.TransferListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plughub download ID[@VERSION] [-o DIR|FILE|-]}: saves a package, checked against its SHA-256. */
@Command(name = "download", description = "Download a plugin package (the newest stable version unless ID@VERSION).")
final class DownloadCommand extends ClientCommand {

    /** The {@code -o} value that means standard output. */
    private static final String STDOUT = "-";

    @Parameters(paramLabel = "ID[@VERSION]", description = "The plugin, optionally with a version.")
    String ref;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR|FILE|-",
            description = "Folder to save into (an existing folder, or a path ending in '/'), the file to write, "
                    + "or '-' for stdout. Default: the current folder, as ID-VERSION.EXT.")
    String output;

    @Override
    public Integer call() {
        PluginRef plugin = PluginRef.parse(ref);
        boolean toStdout = STDOUT.equals(output);
        if (toStdout && options.json) {
            throw new CliException(ExitCodes.USAGE, "--json and -o - both want stdout; save to a file to get the JSON");
        }
        PlughubClient client = options.reader(env());
        TransferListener progress = Progress.of("Downloading", options.showProgress(env()), err(), env().terminal().columns());
        Downloaded saved;
        try {
            if (toStdout) {
                out().flush();
                saved = client.download(plugin.id(), plugin.version(), env().stdout(), progress);
            } else {
                saved = client.download(plugin.id(), plugin.version(), target(), progress);
            }
        } catch (RegistryException e) {
            throw onlyPrereleases(plugin, e).<RuntimeException>map(cli -> cli).orElseGet(() -> plugin.named(e));
        }
        if (options.json) {
            ObjectNode json = json().createObjectNode()
                    .put("id", plugin.id())
                    .put("path", saved.path().toAbsolutePath().toString())
                    .put("file_name", saved.fileName())
                    .put("size", saved.size())
                    .put("sha256", saved.sha256())
                    .put("verified", saved.verified());
            printJson(json);
        } else if (!toStdout && Files.isRegularFile(saved.path())) {   // -o -, -o /dev/stdout: the package and nothing else
            say("Saved " + saved.path().toAbsolutePath() + " (" + Format.bytes(saved.size())
                    + (saved.verified() ? ", SHA-256 verified" : "") + ")");
        }
        if (!saved.verified()) {
            warn("the registry announced no checksum, so the download was not verified");
        }
        return ExitCodes.OK;
    }

    /**
     * No stable version to serve, but a pre-release: the registry's answer names it for a URL
     * ({@code ?version=}); on the command line it is asked for as {@code ID@VERSION}.
     */
    private static Optional<CliException> onlyPrereleases(PluginRef plugin, RegistryException e) {
        if (plugin.version().isPresent() || !e.details().path("newest_prerelease").isTextual()) {
            return Optional.empty();
        }
        String prerelease = e.details().path("newest_prerelease").asText();
        return Optional.of(new CliException(ExitCodes.NOT_FOUND, "Plugin " + plugin.id() + " has no stable version that"
                + " is not yanked; its newest pre-release is " + prerelease + ": download it with 'plughub download "
                + plugin.id() + "@" + prerelease + "'", e));
    }

    /** The folder or file to save to; a path ending in a separator is a folder, created if need be. */
    private Path target() {
        if (output == null) {
            return env().workingDir();
        }
        Path path = env().workingDir().resolve(output);
        if (output.endsWith("/") || output.endsWith(File.separator)) {
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new CliException(ExitCodes.UNEXPECTED, "Cannot create the folder " + path + ": " + e.getMessage(), e);
            }
        }
        return path;
    }
}
