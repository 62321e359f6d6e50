package dev.plughub.registry.imports;

import dev.plughub.core.net.Destination;
import dev.plughub.core.net.OutboundRefusedException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.imports.FetchOutcome.Refused;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what went wrong while talking to a git host into the answer the user gets. The user's
 * mistakes (a wrong URL, a missing repository, credentials the registry lacks) are 422s naming the
 * field; a host that cannot be reached is a 502 and one that is too slow a 504; too many bytes is
 * the upload's own 413. The causes are recognised by type and by what the host answered
 * ({@link RemoteAnswers}), never by JGit's message texts.
 */
final class ImportFailures {

    private ImportFailures() {
    }

    static Refused badUrl(OutboundRefusedException e) {
        String message = "The repo_url cannot be used: " + e.getMessage();
        return new Refused(ErrorCode.VALIDATION_FAILED, message, Map.of("repo_url", List.of(e.getMessage())));
    }

    static Refused explain(Exception failure, Destination destination, RemoteAnswers answers, TransferBudget budget) {
        String host = destination.host();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case OutboundRefusedException refused -> {
                    return badUrl(refused); // a redirect to a host the guard refuses
                }
                case TransferBudget.ExceededException exceeded when !exceeded.isTime() -> {
                    return new Refused(ErrorCode.PACKAGE_TOO_LARGE, "The repository sent more than " + budget.maxBytes()
                            + " bytes, the package limit (PLUGHUB_MAX_PACKAGE_MB); the import was stopped",
                            Map.of("max_bytes", budget.maxBytes()));
                }
                case TransferBudget.ExceededException exceeded -> {
                    return timedOut(host, budget);
                }
                case SocketTimeoutException timeout -> {
                    return timedOut(host, budget);
                }
                case NoRemoteRepositoryException missing -> {
                    return notARepository(destination, answers);
                }
                case ConnectException refused -> {
                    return unreachable(host, "the connection was refused");
                }
                case NoRouteToHostException noRoute -> {
                    return unreachable(host, "there is no route to it");
                }
                case UnknownHostException unknown -> {
                    return unreachable(host, "its name no longer resolves");
                }
                case SSLException tls -> {
                    return unreachable(host, "the TLS handshake failed (" + tls.getMessage() + ")");
                }
                default -> {
                    // look further down the cause chain
                }
            }
        }
        if (answers.askedForCredentials()) {
            return needsCredentials(host, answers.wasTokenOffered());
        }
        if (answers.notFound()) {
            return notARepository(destination, answers);
        }
        return unreachable(host, "the git exchange failed (" + failure.getMessage() + ")");
    }

    private static Refused notARepository(Destination destination, RemoteAnswers answers) {
        if (answers.askedForCredentials()) {
            return needsCredentials(destination.host(), answers.wasTokenOffered());
        }
        String message = "There is no git repository at that repo_url (" + destination.host()
                + " answered that it does not exist); check the URL, or that the repository is private";
        return new Refused(ErrorCode.VALIDATION_FAILED, message, Map.of("repo_url", List.of("no git repository at this URL")));
    }

    static Refused needsCredentials(String host, boolean tokenOffered) {
        String message = tokenOffered
                ? "The repository needs credentials and " + host + " refused the registry's token; check that "
                        + GitImportSettings.TOKEN_VARIABLES + " may read it"
                : "The repository needs credentials: set " + GitImportSettings.TOKEN_VARIABLES + " on the registry"
                        + " (and list " + host + " in PLUGHUB_GIT_TOKEN_HOSTS unless it is github.com)";
        return new Refused(ErrorCode.VALIDATION_FAILED, message, Map.of("repo_url", List.of("repository needs credentials")));
    }

    private static Refused unreachable(String host, String why) {
        return new Refused(ErrorCode.UPSTREAM_UNAVAILABLE, "The git host " + host + " could not be reached: " + why,
                Map.of("host", host));
    }

    private static Refused timedOut(String host, TransferBudget budget) {
        return new Refused(ErrorCode.UPSTREAM_TIMEOUT, "The import from " + host + " did not finish within "
                + budget.timeLimit().toSeconds() + " s (PLUGHUB_GIT_TIMEOUT_SECONDS) and was stopped",
                Map.of("host", host, "time_limit_seconds", budget.timeLimit().toSeconds()));
    }
}
