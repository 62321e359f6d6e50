package dev.plughub.registry.imports;

import dev.plughub.core.net.OutboundPolicy;
import dev.plughub.registry.CommaSeparated;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings for importing from git.
 *
 * @param outbound   which non-public or plain-http destinations may be reached (PLUGHUB_OUTBOUND_ALLOW)
 * @param token      sent to git hosts that ask for credentials (PLUGHUB_GIT_TOKEN, else GITHUB_TOKEN)
 * @param tokenHosts the only hosts the token is ever sent to (PLUGHUB_GIT_TOKEN_HOSTS, default github.com):
 *                   a token offered to any host that asks would go to whoever a user points the import at
 * @param timeLimit  how long one import may spend fetching (PLUGHUB_GIT_TIMEOUT_SECONDS, default 60)
 */
public record GitImportSettings(OutboundPolicy outbound, Optional<GitToken> token, Set<String> tokenHosts,
                                Duration timeLimit) {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);
    public static final String TOKEN_VARIABLES = "GITHUB_TOKEN or PLUGHUB_GIT_TOKEN";

    public GitImportSettings {
        tokenHosts = Set.copyOf(tokenHosts);
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the git time limit must be positive");
        }
    }

    /** No allow-list, no token, the default time limit. */
    public static GitImportSettings defaults() {
        return new GitImportSettings(OutboundPolicy.none(), Optional.empty(), Set.of("github.com"), DEFAULT_TIME_LIMIT);
    }

    public static GitImportSettings fromEnvironment(Map<String, String> env) {
        OutboundPolicy outbound = value(env, OutboundPolicy.VARIABLE).map(OutboundPolicy::parse).orElse(OutboundPolicy.none());
        Optional<GitToken> token = value(env, "PLUGHUB_GIT_TOKEN").or(() -> value(env, "GITHUB_TOKEN")).map(GitToken::new);
        Set<String> hosts = value(env, "PLUGHUB_GIT_TOKEN_HOSTS").map(GitImportSettings::hostList).orElse(Set.of("github.com"));
        Duration limit = value(env, "PLUGHUB_GIT_TIMEOUT_SECONDS").map(GitImportSettings::seconds).orElse(DEFAULT_TIME_LIMIT);
        return new GitImportSettings(outbound, token, hosts, limit);
    }

    public GitImportSettings withOutbound(OutboundPolicy outbound) {
        return new GitImportSettings(outbound, token, tokenHosts, timeLimit);
    }

    public GitImportSettings withToken(GitToken token, String... hosts) {
        return new GitImportSettings(outbound, Optional.of(token), Set.of(hosts), timeLimit);
    }

    public GitImportSettings withTimeLimit(Duration timeLimit) {
        return new GitImportSettings(outbound, token, tokenHosts, timeLimit);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Set<String> hostList(String text) {
        return CommaSeparated.entries(text).stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Duration seconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("PLUGHUB_GIT_TIMEOUT_SECONDS must be from 1 to 3600, not " + text);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PLUGHUB_GIT_TIMEOUT_SECONDS must be a whole number, not '" + text + "'");
        }
    }
}
