package dev.plughub.cli;

import dev.plughub.client.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plughub publish FILE}: uploads a package as a new version. */
@Command(name = "publish", description = "Publish a plugin package (.zip, .tar.gz, .tgz or .jar) as a new version.")
final class PublishCommand extends ClientCommand {

    @Parameters(paramLabel = "FILE", description = "The package to upload.")
    Path file;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "Expected SHA-256 of FILE; the registry refuses the upload if the bytes it receives differ.")
    String sha256;

    @Option(names = "--changelog", paramLabel = "TEXT", description = "What changed in this version.")
    String changelog;

    @Override
    public Integer call() {
        Optional<String> checksum = Optional.ofNullable(sha256).map(s -> s.trim().toLowerCase(Locale.ROOT).replaceFirst("^sha256:", ""));
        if (checksum.isPresent() && !checksum.get().matches("[0-9a-f]{64}")) {
            throw new CliException(ExitCodes.USAGE, "--sha256 must be 64 hexadecimal digits, not '" + sha256 + "'");
        }
        Path path = env().workingDir().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new CliException(ExitCodes.INVALID, Files.exists(path) ? path + " is not a file" : "No such file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new CliException(ExitCodes.INVALID, "Cannot read " + path + ": permission denied");
        }
        Published published = options.writer(env()).publish(path, checksum, Optional.ofNullable(changelog),
                Progress.of("Uploading", options.showProgress(env()), err(), env().terminal().columns()));
        // on stderr, so --json output stays one JSON document
        published.raw().path("warnings").forEach(warning -> warn(warning.asText()));
        if (options.json) {
            printJson(published.raw());
        } else {
            say("Published " + published.id() + " " + published.version() + " (" + Format.bytes(published.fileSize())
                    + ", " + published.fileHash() + ")");
        }
        return ExitCodes.OK;
    }
}
