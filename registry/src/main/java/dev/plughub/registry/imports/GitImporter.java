package dev.plughub.registry.imports;

import dev.plughub.core.net.Destination;
import dev.plughub.core.net.OutboundGuard;
import dev.plughub.core.net.OutboundRefusedException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.imports.FetchOutcome.Fetched;
import dev.plughub.registry.imports.FetchOutcome.Refused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;

/**
 * Fetches one folder of a git repository at the tip of a branch and packages it as a zip, for the
 * publish path to take like an upload. The fetch is shallow (depth 1) into a bare repository in the
 * data directory's {@code tmp/git}, removed afterwards; every connection goes through the
 * {@link OutboundGuard} and is pinned to the address it checked; the bytes received and the time
 * spent are bounded ({@link TransferBudget}); the registry's token is offered only to the hosts the
 * operator named ({@link TokenCredentials}).
 */
public final class GitImporter {

    /** Where the fetched commit is kept inside the temporary repository. */
    private static final String IMPORTED = "refs/imported";

    private final OutboundGuard guard;
    private final GitImportSettings settings;
    private final long maxPackageBytes;
    private final Path workDir;
    private final Path uploadDir;
    private final Clock clock;

    public GitImporter(OutboundGuard guard, GitImportSettings settings, long maxPackageBytes, Path workDir, Path uploadDir,
                       Clock clock) {
        PlainGitConfig.install();
        this.guard = guard;
        this.settings = settings;
        this.maxPackageBytes = maxPackageBytes;
        this.workDir = workDir;
        this.uploadDir = uploadDir;
        this.clock = clock;
    }

    public FetchOutcome fetch(ImportRequest request) {
        Destination destination;
        try {
            destination = guard.check(request.repoUrl());
        } catch (OutboundRefusedException e) {
            return ImportFailures.badUrl(e);
        }
        RemoteAnswers answers = new RemoteAnswers();
        TransferBudget budget = new TransferBudget(maxPackageBytes, settings.timeLimit(), clock);
        Path repoDir = workDir.resolve("import-" + UUID.randomUUID());
        Path zip = uploadDir.resolve("upload-" + UUID.randomUUID() + ".pkg");
        boolean handedOver = false;
        try (Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).call()) {
            withoutHousekeeping(git);
            Session session = new Session(destination, budget, answers);
            Map<String, Ref> refs = session.configure(Git.lsRemoteRepository().setRemote(session.remote())).callAsMap();
            String source = request.branch().map(b -> Constants.R_HEADS + b).orElse(Constants.HEAD);
            if (!refs.containsKey(source)) {
                return missingBranch(request.branch());
            }
            session.configure(git.fetch().setRemote(session.remote())
                    .setRefSpecs(new RefSpec("+" + source + ":" + IMPORTED))
                    .setDepth(1)
                    .setTagOpt(TagOpt.NO_TAGS)).call();
            ObjectId commit = git.getRepository().exactRef(IMPORTED).getObjectId();
            Optional<Refused> refused = new TreeZipper(maxPackageBytes)
                    .zip(git.getRepository(), commit, request.subdirectory(), zip);
            if (refused.isPresent()) {
                return refused.get();
            }
            handedOver = true;
            return new Fetched(zip, fileName(destination), request.repoUrl(), commit.name());
        } catch (GitAPIException | JGitInternalException | IOException e) {
            return ImportFailures.explain(e, destination, answers, budget);
        } finally {
            if (!handedOver) {
                deleteQuietly(zip);
            }
            deleteTree(repoDir);
        }
    }

    /** The settings every JGit command of one import shares. */
    private final class Session {
        private final Destination destination;
        private final GuardedConnectionFactory connections;
        private final TokenCredentials credentials;

        Session(Destination destination, TransferBudget budget, RemoteAnswers answers) {
            this.destination = destination;
            this.connections = new GuardedConnectionFactory(guard, destination, budget, answers);
            this.credentials = new TokenCredentials(settings.token(), settings.tokenHosts(), answers);
        }

        <C extends TransportCommand<C, ?>> C configure(C command) {
            return command.setTimeout((int) settings.timeLimit().toSeconds())
                    .setCredentialsProvider(credentials)
                    .setTransportConfigCallback(transport -> {
                        if (transport instanceof TransportHttp http) {
                            http.setHttpConnectionFactory(connections);
                        } else if (!destination.scheme().equals("git")) {
                            throw new IllegalStateException("unexpected git transport " + transport.getClass().getName());
                        }
                    });
        }

        /**
         * The URL JGit is given. git:// has no connection hook, so its host is replaced by the checked
         * address itself; http(s) keeps the name (TLS checks it) and the factory pins the address.
         */
        String remote() {
            if (!destination.scheme().equals("git")) {
                return destination.uri().toString();
            }
            String address = destination.address().getHostAddress();
            String host = destination.address() instanceof Inet6Address ? "[" + address + "]" : address;
            return "git://" + host + ":" + destination.port() + destination.uri().getRawPath();
        }
    }

    /** The repository lives for one request: no background gc may still be writing into it when it is removed. */
    private static void withoutHousekeeping(Git git) throws IOException {
        StoredConfig config = git.getRepository().getConfig();
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
        config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
        config.save();
    }

    private static Refused missingBranch(Optional<String> branch) {
        if (branch.isEmpty()) {
            return new Refused(ErrorCode.VALIDATION_FAILED, "The repository is empty: it has no default branch to import",
                    Map.of("repo_url", List.of("the repository has no default branch")));
        }
        String message = "The repository has no branch '" + branch.get() + "'";
        return new Refused(ErrorCode.VALIDATION_FAILED, message, Map.of("branch", List.of(message)));
    }

    /** {@code https://host/team/my-plugin.git} → {@code my-plugin.zip}: the name publishing sees. */
    private static String fileName(Destination destination) {
        String path = Optional.ofNullable(destination.uri().getPath()).orElse("");
        String last = Stream.of(path.split("/")).filter(s -> !s.isBlank()).reduce((a, b) -> b).orElse("repository");
        String name = last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the start-up sweep empties the upload folder
        }
    }

    /** Removes temporary repositories an earlier process left behind (a crash mid-import); called at start-up. */
    public void removeLeftovers() {
        try {
            Files.createDirectories(workDir);
            try (Stream<Path> leftovers = Files.list(workDir)) {
                leftovers.forEach(GitImporter::deleteTree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // what is left is removed at the next start (removeLeftovers)
        }
    }
}
