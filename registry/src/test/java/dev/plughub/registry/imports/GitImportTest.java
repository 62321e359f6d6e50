package dev.plughub.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.net.OutboundPolicy;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.resolver.FileResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/plugins/upload/github} against a real git server on 127.0.0.1 ({@link GitServer}),
 * with the outbound allow-list opened for 127.0.0.1 as an operator would for an internal host.
 */
class GitImportTest {

    private static final String IMPORT = "/api/v1/plugins/upload/github";

    @TempDir
    static Path repos;
    @TempDir
    static Path data;
    static GitServer git;
    static Daemon daemon;
    static TestRegistry registry;
    static Api api;
    static String token;
    static final Map<String, String> COMMITS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        try (GitRepos r = GitRepos.create(repos, "root-plugin")) {
            COMMITS.put("root-plugin", r.file("plugin.json", GitRepos.pluginJson("git-root", "1.0.0"))
                    .file("src/main.py", "print('hello')\n").commit("first"));
        }
        try (GitRepos r = GitRepos.create(repos, "mono")) {
            r.file("README.md", "# many plugins\n")
                    .file("plugins/alpha/plugin.json", GitRepos.pluginJson("git-alpha", "1.0.0"))
                    .file("plugins/alpha/alpha.py", "ALPHA = 1\n")
                    .file("plugins/beta/plugin.json", GitRepos.pluginJson("git-beta", "1.0.0"))
                    .commit("two plugins");
        }
        try (GitRepos r = GitRepos.create(repos, "branched")) {
            COMMITS.put("branched/main", r.file("plugin.json", GitRepos.pluginJson("git-branched", "1.0.0")).commit("one"));
            COMMITS.put("branched/release", r.branch("release")
                    .file("plugin.json", GitRepos.pluginJson("git-branched", "2.0.0")).commit("two"));
            r.checkout("main");
        }
        try (GitRepos r = GitRepos.create(repos, "private-repo")) {
            r.file("plugin.json", GitRepos.pluginJson("git-private", "1.0.0")).commit("secret");
        }
        try (GitRepos r = GitRepos.create(repos, "no-manifest")) {
            r.file("README.md", "no plugin here\n").commit("docs only");
        }
        try (GitRepos r = GitRepos.create(repos, "big")) {
            r.file("plugin.json", GitRepos.pluginJson("git-big", "1.0.0")).randomFile("blob.bin", 3 * 1024 * 1024).commit("big");
        }
        try (GitRepos r = GitRepos.create(repos, "bomb")) {
            r.file("plugin.json", GitRepos.pluginJson("git-bomb", "1.0.0")).repetitiveFile("zeros.bin", 3 * 1024 * 1024)
                    .commit("compresses well");
        }
        try (GitRepos r = GitRepos.create(repos, "slow-repo")) {
            r.file("plugin.json", GitRepos.pluginJson("git-slow", "1.0.0")).commit("slow");
        }
        try (GitRepos r = GitRepos.create(repos, "daemon-plugin")) {
            COMMITS.put("daemon-plugin", r.file("plugin.json", GitRepos.pluginJson("git-daemon", "1.0.0")).commit("over git://"));
        }
        try (GitRepos r = GitRepos.create(repos, "linked")) {
            r.file("plugin.json", GitRepos.pluginJson("git-linked", "1.0.0")).symlink("passwd", "/etc/passwd").commit("a link");
        }
        git = GitServer.serve(repos);
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
        daemon.getService("git-upload-pack").setEnabled(true);
        daemon.setRepositoryResolver(new FileResolver<>(repos.toFile(), true));
        daemon.start();
        registry = TestRegistry.start(data, allowLoopback(s -> s.withToken(new GitToken(GitServer.TOKEN), "127.0.0.1")));
        api = registry.api();
        token = Accounts.register(api, "importer");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        git.close();
        daemon.stop();
    }

    // ---- importing ----

    @Test
    void imports_a_plugin_from_the_repository_root_and_answers_like_an_upload() throws Exception {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("root-plugin")));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("plugin_id").asText()).isEqualTo("git-root");
        assertThat(body.at("/plugin/source").asText()).isEqualTo("git");
        assertThat(body.at("/data/version").asText()).isEqualTo("1.0.0");
        assertThat(body.at("/data/file_hash").asText()).startsWith("sha256:");

        JsonNode version = api.get("/api/v1/plugins/git-root/versions/1.0.0").json().get("data");
        assertThat(version.at("/source/repository").asText()).isEqualTo(git.url("root-plugin"));
        assertThat(version.at("/source/commit").asText()).isEqualTo(COMMITS.get("root-plugin"));
        assertThat(entries(api, "git-root")).containsExactlyInAnyOrder("plugin.json", "src/main.py");
    }

    @Test
    void imports_only_the_named_subdirectory() throws Exception {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("mono"), "subdirectory", "plugins/alpha/"));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().get("plugin_id").asText()).isEqualTo("git-alpha");
        assertThat(entries(api, "git-alpha")).containsExactlyInAnyOrder("plugin.json", "alpha.py");
    }

    @Test
    void imports_the_tip_of_the_named_branch_and_the_default_branch_without_one() {
        ApiResponse release = importing(api, Map.of("repo_url", git.url("branched"), "branch", "release"));
        assertThat(release.status()).as("%s", release).isEqualTo(201);
        assertThat(release.json().at("/data/version").asText()).isEqualTo("2.0.0");
        assertThat(api.get("/api/v1/plugins/git-branched/versions/2.0.0").json().at("/data/source/commit").asText())
                .isEqualTo(COMMITS.get("branched/release"));

        ApiResponse main = importing(api, Map.of("repo_url", git.url("branched")));
        assertThat(main.status()).as("%s", main).isEqualTo(201);
        assertThat(api.get("/api/v1/plugins/git-branched/versions/1.0.0").json().at("/data/source/commit").asText())
                .isEqualTo(COMMITS.get("branched/main"));
    }

    @Test
    void imports_over_the_git_protocol_from_an_allowed_host() {
        String url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/daemon-plugin";
        ApiResponse r = importing(api, Map.of("repo_url", url));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode version = api.get("/api/v1/plugins/git-daemon/versions/1.0.0").json().get("data");
        assertThat(version.at("/source/repository").asText()).isEqualTo(url);
        assertThat(version.at("/source/commit").asText()).isEqualTo(COMMITS.get("daemon-plugin"));
    }

    @Test
    void checks_the_host_a_redirect_leads_to_before_connecting() {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("redirect-root-plugin")));
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().at("/details/repo_url/0").asText()).contains("10.0.0.1 is a private-network address");
    }

    @Test
    void an_uploaded_version_has_no_source() {
        Path zip = TestPackages.zip(data, "uploaded-plain", "1.0.0");
        Publisher.published(api, zip);
        assertThat(api.get("/api/v1/plugins/uploaded-plain/versions/1.0.0").json().at("/data/source").isNull()).isTrue();
    }

    @Test
    void importing_the_same_version_twice_is_a_conflict_like_uploading_it_twice() {
        assertThat(importing(api, Map.of("repo_url", git.url("mono"), "subdirectory", "plugins/beta")).status()).isEqualTo(201);
        ApiResponse again = importing(api, Map.of("repo_url", git.url("mono"), "subdirectory", "plugins/beta"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("VERSION_EXISTS");
    }

    @Test
    void requires_credentials_with_the_publish_scope() {
        ApiResponse r = api.postJson(IMPORT, json(Map.of("repo_url", git.url("root-plugin"))));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
    }

    @Test
    void in_development_mode_seed_000s_import_works_without_credentials(@TempDir Path dir) {
        UnaryOperator<RegistryConfig> loopback = allowLoopback(s -> s.withToken(new GitToken(GitServer.TOKEN), "127.0.0.1"));
        try (TestRegistry dev = TestRegistry.start(dir, c -> loopback.apply(c).withDev(true))) {
            // curl -X POST .../api/v1/plugins/upload/github -d '{"repo_url": "...", "branch": "main"}'
            ApiResponse r = dev.api().postJson(IMPORT, json(Map.of("repo_url", git.url("branched"), "branch", "main")));

            assertThat(r.status()).as("%s", r).isEqualTo(201);
            assertThat(r.json().get("plugin_id").asText()).isEqualTo("git-branched");
            assertThat(r.json().at("/plugin/source").asText()).isEqualTo("git");
            assertThat(dev.api().get("/api/v1/plugins/git-branched").json().at("/data/owners").toString())
                    .as("an anonymous publish leaves the plugin without an owner").isEqualTo("[]");
            assertThat(dev.api().postJson(IMPORT, json(Map.of("repo_url", git.url("root-plugin"))), "Authorization", "Bearer wrong")
                    .status()).as("credentials given must still be good").isEqualTo(401);
        }
    }

    // ---- what the user got wrong ----

    @Test
    void refuses_an_unknown_branch_and_names_it() {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("branched"), "branch", "no-such-branch"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/branch/0").asText()).contains("no-such-branch");
    }

    @Test
    void refuses_a_subdirectory_that_is_not_in_the_repository() {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("mono"), "subdirectory", "plugins/gamma"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/subdirectory/0").asText()).contains("plugins/gamma");
    }

    @Test
    void refuses_a_subdirectory_that_climbs_out_or_is_absolute_before_fetching_anything() {
        for (String folder : List.of("../..", "plugins/../../etc", "/etc", "C:\\Windows", "./plugins")) {
            ApiResponse r = importing(api, Map.of("repo_url", git.url("mono"), "subdirectory", folder));
            assertThat(r.status()).as(folder).isEqualTo(422);
            assertThat(r.json().at("/details/subdirectory/0").asText()).as(folder).isNotEmpty();
        }
    }

    @Test
    void refuses_a_branch_with_shell_metacharacters_or_that_git_would_read_as_an_option() {
        for (String branch : List.of("main;rm -rf /", "$(id)", "main`id`", "-upload-pack=touch /tmp/x", "a..b", "main|cat",
                "feature\nx", "refs/heads/main.lock")) {
            ApiResponse r = importing(api, Map.of("repo_url", git.url("branched"), "branch", branch));
            assertThat(r.status()).as(branch).isEqualTo(422);
            assertThat(r.json().at("/details/branch/0").asText()).as(branch).isNotEmpty();
        }
    }

    @Test
    void refuses_a_repository_without_a_manifest_as_an_upload_without_one_is_refused() {
        ApiResponse imported = importing(api, Map.of("repo_url", git.url("no-manifest")));
        ApiResponse uploaded = Publisher.upload(api, TestPackages.plugin("x", "1.0.0").noManifest().zip(data),
                Accounts.bearer(token));

        assertThat(imported.status()).isEqualTo(uploaded.status()).isEqualTo(400);
        assertThat(imported.json().get("code")).isEqualTo(uploaded.json().get("code"));
        assertThat(imported.json().at("/details/rule")).isEqualTo(uploaded.json().at("/details/rule"));
        assertThat(imported.json().at("/details/rule").asText()).isEqualTo("MANIFEST_MISSING");
    }

    @Test
    void refuses_a_folder_holding_a_symbolic_link_as_an_upload_holding_one_is_refused() {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("linked")));
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().at("/details/rule").asText()).isEqualTo("ENTRY_IS_LINK");
        assertThat(api.get("/api/v1/plugins/git-linked").status()).isEqualTo(404);
    }

    @Test
    void says_there_is_no_repository_at_a_url_the_host_does_not_know() {
        ApiResponse r = importing(api, Map.of("repo_url", git.url("does-not-exist")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).contains("no git repository");
    }

    @Test
    void answers_502_when_the_git_host_cannot_be_reached() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ApiResponse r = importing(api, Map.of("repo_url", "http://127.0.0.1:" + closed + "/git/root-plugin"));
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(r.json().get("error").asText()).contains("could not be reached");
    }

    // ---- private repositories ----

    @Test
    void imports_a_private_repository_with_the_token_and_never_shows_the_token() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level before = root.getLevel();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try {
            ApiResponse r = importing(api, Map.of("repo_url", git.url("private-repo")));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            assertThat(r.text()).doesNotContain(GitServer.TOKEN);
            assertThat(api.get("/api/v1/plugins/git-private/versions/1.0.0").text()).doesNotContain(GitServer.TOKEN);
        } finally {
            root.setLevel(before);
            root.detachAppender(logs);
        }
        // Tests in parallel log to the root logger too, and an append still under way after the detach
        // would change the list while it is read: copy it under the appender's own lock (AppenderBase
        // appends synchronized on itself).
        List<ILoggingEvent> seen;
        synchronized (logs) {
            seen = new ArrayList<>(logs.list);
        }
        assertThat(seen).isNotEmpty();
        assertThat(seen).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(GitServer.TOKEN));
        assertThat(registry.server().config().toString()).doesNotContain(GitServer.TOKEN);
    }

    @Test
    void says_a_private_repository_needs_the_registry_token_when_it_has_none(@TempDir Path dir) {
        try (TestRegistry bare = TestRegistry.start(dir, allowLoopback(s -> s))) {
            String user = Accounts.register(bare.api(), "no-token");
            ApiResponse r = importing(bare.api(), user, Map.of("repo_url", git.url("private-repo")));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("error").asText())
                    .contains("repository needs credentials: set GITHUB_TOKEN or PLUGHUB_GIT_TOKEN");
        }
    }

    @Test
    void never_offers_the_token_to_a_host_it_was_not_given_for(@TempDir Path dir) {
        try (TestRegistry elsewhere = TestRegistry.start(dir,
                allowLoopback(s -> s.withToken(new GitToken(GitServer.TOKEN), "github.com")))) {
            String user = Accounts.register(elsewhere.api(), "other-host");
            ApiResponse r = importing(elsewhere.api(), user, Map.of("repo_url", git.url("private-repo")));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("error").asText()).contains("needs credentials");
        }
    }

    // ---- limits ----

    @Test
    void stops_a_repository_that_sends_more_than_the_package_limit(@TempDir Path dir) {
        try (TestRegistry small = TestRegistry.start(dir, c -> allowLoopback(s -> s).apply(c).withMaxPackageBytes(1024 * 1024))) {
            String user = Accounts.register(small.api(), "small");
            ApiResponse r = importing(small.api(), user, Map.of("repo_url", git.url("big")));
            assertThat(r.status()).as("%s", r).isEqualTo(413);
            assertThat(r.json().get("code").asText()).isEqualTo("PACKAGE_TOO_LARGE");

            ApiResponse bomb = importing(small.api(), user, Map.of("repo_url", git.url("bomb")));
            assertThat(bomb.status()).as("%s", bomb).isEqualTo(413);
            assertThat(bomb.json().get("error").asText()).contains("add up to more than");
            assertThat(small.api().get("/api/v1/plugins/git-bomb").status()).isEqualTo(404);
        }
    }

    @Test
    void stops_an_import_that_outlasts_the_time_limit(@TempDir Path dir) {
        try (TestRegistry hasty = TestRegistry.start(dir, allowLoopback(s -> s.withTimeLimit(Duration.ofSeconds(1))))) {
            String user = Accounts.register(hasty.api(), "hasty");
            ApiResponse r = importing(hasty.api(), user, Map.of("repo_url", git.url("slow-repo")));
            assertThat(r.status()).as("%s", r).isEqualTo(504);
            assertThat(r.json().get("code").asText()).isEqualTo("UPSTREAM_TIMEOUT");
        }
    }

    // ---- helpers ----

    private static UnaryOperator<RegistryConfig> allowLoopback(UnaryOperator<GitImportSettings> more) {
        return c -> c.withGitImport(more.apply(GitImportSettings.defaults().withOutbound(OutboundPolicy.parse("127.0.0.1"))));
    }

    static ApiResponse importing(Api on, Map<String, String> body) {
        return importing(on, token, Map.copyOf(body));
    }

    static ApiResponse importing(Api on, String bearer, Map<String, String> body) {
        return on.postJson(IMPORT, json(body), Accounts.bearer(bearer));
    }

    static String json(Map<String, String> body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file names inside the package the registry serves for a plugin's current version. */
    private static List<String> entries(Api on, String pluginId) throws Exception {
        ApiResponse download = on.get("/api/v1/plugins/" + pluginId + "/download");
        assertThat(download.status()).as("%s", download).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
