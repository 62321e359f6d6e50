package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.plughub.client.PlughubClient;
import dev.plughub.client.RegistryException;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.RegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code plughub} command run in-process against a real registry on a free port of 127.0.0.1. */
class CliTest {

    static final String OPERATOR_KEY = "cli-test-operator-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static RegistryServer server;
    static String registry;

    @TempDir
    Path config;

    @TempDir
    Path work;

    CliRunner cli;

    @BeforeAll
    static void startRegistry() {
        server = RegistryServer.start(RegistryConfig.fromEnvironment(Map.of())
                .withHost("127.0.0.1").withPort(0).withDataDir(data).withApiKey(OPERATOR_KEY));
        registry = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stopRegistry() {
        server.close();
    }

    @BeforeEach
    void runner() {
        cli = new CliRunner(config, work).env("PLUGHUB_REGISTRY", registry);
    }

    @Test
    void prints_its_version() {
        CliRunner.Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("plughub " + BuildInfo.VERSION);
    }

    @Test
    void help_documents_the_exit_codes() {
        CliRunner.Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Exit codes:", "checksum mismatch", "serve", "publish", "download");
    }

    @Test
    void no_command_is_a_usage_error_with_the_usage_on_stderr() {
        CliRunner.Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Usage: plughub", "publish", "no command given");
    }

    @Test
    void a_subcommands_help_keeps_the_inherited_options_and_exit_codes() {
        CliRunner.Result result = cli.run("--debug", "search", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: plughub search", "--debug", "--version", "Exit codes:", "PLUGHUB_REGISTRY");
    }

    @Test
    void help_and_misspellings_still_know_every_subcommand() {
        CliRunner.Result help = cli.run("help", "download");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: plughub download");

        CliRunner.Result misspelt = cli.run("serv");
        assertThat(misspelt.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.err().strip()).contains("Unmatched argument", "'serv'; did you mean 'serve'").doesNotContain("\n");
    }

    @Test
    void publishes_finds_shows_and_downloads_a_plugin_byte_for_byte() throws IOException {
        assertThat(cli.stdin("correct horse battery\n").run("register", "-u", "cli-ada", "--password-stdin").exitCode()).isZero();
        Path zip = SamplePackage.zip(work, "cli-round", "1.0.0");

        CliRunner.Result published = cli.run("publish", zip.toString(), "--sha256", Sha256.of(zip), "--changelog", "First release");
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("Published cli-round 1.0.0", "sha256:" + Sha256.of(zip));

        CliRunner.Result found = cli.run("search", "cli-round");
        assertThat(found.exitCode()).isZero();
        assertThat(found.out().lines().findFirst().orElseThrow()).matches("ID +VERSION +DOWNLOADS +RATING +DESCRIPTION");
        assertThat(found.out()).containsPattern("cli-round +1\\.0\\.0 +0 +- +A sample plugin for tests");

        CliRunner.Result info = cli.run("info", "cli-round");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("cli-round 1.0.0 - Sample cli-round", "Owners:", "cli-ada", "First release");

        CliRunner.Result version = cli.run("info", "cli-round@1.0.0");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("SHA-256:", Sha256.of(zip));

        CliRunner.Result downloaded = cli.run("download", "cli-round@1.0.0", "-o", "out/");
        assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
        assertThat(downloaded.out()).contains("SHA-256 verified");
        assertThat(Files.readAllBytes(work.resolve("out/cli-round-1.0.0.zip"))).isEqualTo(Files.readAllBytes(zip));

        CliRunner.Result toFile = cli.run("download", "cli-round", "-o", "renamed.zip", "--quiet");
        assertThat(toFile.exitCode()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("renamed.zip"))).isEqualTo(Files.readAllBytes(zip));
    }

    @Test
    void info_of_a_deprecated_plugin_says_why_and_what_replaces_it() throws Exception {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        for (String id : List.of("cli-old", "cli-new")) {
            assertThat(cli.run("publish", SamplePackage.zip(work, id, "1.0.0").toString()).exitCode()).isZero();
        }
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var deprecate = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry + "/api/v1/plugins/cli-old/deprecate"))
                    .header("X-API-Key", OPERATOR_KEY).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"replacement\": \"cli-new\", \"reason\": \"merged\"}"))
                    .build();
            assertThat(http.send(deprecate, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        CliRunner.Result info = cli.run("info", "cli-old");

        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).containsPattern("Status: +deprecated \\(merged\\); use cli-new instead");
    }

    @Test
    void seed_003s_command_line_searches_the_registry_its_variable_names() throws IOException {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        assertThat(cli.run("publish", SamplePackage.zip(work, "cli-mockforge-auth", "1.0.0").toString()).exitCode()).isZero();

        CliRunner.Result found = new CliRunner(config, work).env("MOCKFORGE_REGISTRY_URL", registry)
                .run("plugin", "registry", "search", "cli-mockforge-auth");

        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("cli-mockforge-auth");
    }

    @Test
    void json_output_is_the_registry_data_and_parses() throws IOException {
        Path zip = SamplePackage.zip(work, "cli-json", "2.0.0");
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);

        JsonNode published = json(cli.run("publish", zip.toString(), "--json"));
        assertThat(published.path("id").asText()).isEqualTo("cli-json");
        assertThat(published.path("file_hash").asText()).isEqualTo("sha256:" + Sha256.of(zip));

        JsonNode search = json(cli.run("search", "cli-json", "--json"));
        assertThat(search.path("plugins").get(0).path("id").asText()).isEqualTo("cli-json");
        assertThat(search.path("pagination").path("total").asLong()).isPositive();

        JsonNode info = json(cli.run("info", "cli-json", "--json"));
        assertThat(info.path("current_version").asText()).isEqualTo("2.0.0");
        assertThat(info.path("versions").isArray()).isTrue();

        JsonNode download = json(cli.run("download", "cli-json", "-o", work.resolve("dl").toString() + "/", "--json"));
        assertThat(download.path("verified").asBoolean()).isTrue();
        assertThat(download.path("sha256").asText()).isEqualTo(Sha256.of(zip));
        assertThat(Path.of(download.path("path").asText())).hasSameBinaryContentAs(zip);
    }

    @Test
    void login_saves_the_token_readable_by_its_owner_only_and_logout_forgets_it() throws IOException {
        cli.stdin("correct horse battery\n").run("register", "-u", "cli-carol", "--password-stdin");
        Files.deleteIfExists(config.resolve("plughub/credentials.json"));

        CliRunner.Result login = cli.stdin("correct horse battery\n").run("login", "--username", "cli-carol", "--password-stdin");

        assertThat(login.exitCode()).as(login.err()).isZero();
        Path file = config.resolve("plughub/credentials.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        JsonNode saved = JSON.readTree(file.toFile()).path("registries").path(registry);
        assertThat(saved.path("username").asText()).isEqualTo("cli-carol");
        assertThat(saved.path("token").asText()).isNotBlank();

        Path zip = SamplePackage.zip(work, "cli-carol-plugin", "0.1.0");
        assertThat(cli.run("publish", zip.toString()).exitCode()).isZero();

        String token = saved.path("token").asText();
        CliRunner.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).contains("revoked on the registry");
        assertThat(JSON.readTree(file.toFile()).path("registries").has(registry)).isFalse();
        // revoked on the registry, not only forgotten here: a copy of the token no longer works
        assertThatThrownBy(() -> PlughubClient.create(registry).withToken(token).logout())
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CliRunner.Result refused = cli.run("publish", SamplePackage.zip(work, "cli-carol-plugin", "0.2.0").toString());
        assertOneLineError(refused, ExitCodes.AUTH);
    }

    @Test
    void a_credentials_file_that_is_not_json_is_a_configuration_error_naming_it() throws IOException {
        Path file = config.resolve("plughub/credentials.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{not json");

        CliRunner.Result result = cli.run("publish", SamplePackage.zip(work, "cli-creds", "1.0.0").toString());

        assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains(file.toString(), "not valid JSON", "plughub login");
    }

    @Test
    void a_wrong_password_is_an_authentication_error() {
        cli.stdin("correct horse battery\n").run("register", "-u", "cli-dave", "--password-stdin");

        CliRunner.Result refused = cli.stdin("not the password\n").run("login", "-u", "cli-dave", "--password-stdin");
        assertOneLineError(refused, ExitCodes.AUTH);
        assertThat(refused.err()).as("no advice to log in to someone whose login failed").doesNotContain("plughub login");
    }

    @Test
    void a_version_that_is_not_one_is_a_usage_error_naming_it() {
        for (String ref : List.of("cli-any@1.0", "cli-any@^1.0.0", "cli-any@v1.0.0", "cli-any@1.0.0@2")) {
            CliRunner.Result result = cli.run("download", ref, "-o", "x/");
            assertOneLineError(result, ExitCodes.USAGE);
            assertThat(result.err()).contains("'" + ref.substring(ref.indexOf('@') + 1) + "'", "is not a version");
        }
    }

    @Test
    void a_plugin_with_only_pre_releases_says_how_to_download_one_on_the_command_line() throws IOException {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        assertThat(cli.run("publish", SamplePackage.zip(work, "cli-pre-only", "2.0.0-rc.1").toString()).exitCode()).isZero();

        CliRunner.Result result = cli.run("download", "cli-pre-only", "-o", "pre/");

        assertOneLineError(result, ExitCodes.NOT_FOUND);
        assertThat(result.err()).contains("plughub download cli-pre-only@2.0.0-rc.1").doesNotContain("?version=");
        assertThat(cli.run("download", "cli-pre-only@2.0.0-rc.1", "-o", "pre/").exitCode()).isZero();
    }


    @Test
    void login_without_a_terminal_needs_password_stdin() {
        assertOneLineError(cli.run("login", "-u", "someone"), ExitCodes.USAGE);
    }

    @Test
    void an_unknown_plugin_is_exit_code_4() {
        CliRunner.Result result = cli.run("info", "cli-no-such-plugin");

        assertOneLineError(result, ExitCodes.NOT_FOUND);
        assertThat(result.err()).as("the line names what was not found")
                .contains("not found: cli-no-such-plugin (PLUGIN_NOT_FOUND)");
        CliRunner.Result version = cli.run("info", "cli-no-such-plugin@1.0.0");
        assertOneLineError(version, ExitCodes.NOT_FOUND);
        assertThat(version.err()).contains(": cli-no-such-plugin@1.0.0 (");
        CliRunner.Result download = cli.run("download", "cli-no-such-plugin", "-o", "x/");
        assertOneLineError(download, ExitCodes.NOT_FOUND);
        assertThat(download.err()).contains("cli-no-such-plugin").containsOnlyOnce("cli-no-such-plugin");
    }

    @Test
    void publish_prints_the_registrys_warnings_on_stderr() throws IOException {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        Path dir = Files.createDirectories(work.resolve("typo"));
        Files.writeString(dir.resolve("plugin.json"), """
                {"id": "cli-typo", "name": "Typo", "version": "1.0.0", "description": "d", "config_shema": {}}""");
        Path zip = work.resolve("cli-typo-1.0.0.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("plugin.json"));
            out.write(Files.readAllBytes(dir.resolve("plugin.json")));
            out.closeEntry();
        }

        CliRunner.Result result = cli.run("publish", zip.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("plughub: warning: the manifest field 'config_shema'", "did you mean 'config_schema'?");
        assertThat(JSON.readTree(result.out()).get("warnings")).as("--json still one document on stdout").hasSize(1);
    }

    @Test
    void publishing_a_version_twice_is_exit_code_5() throws IOException {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        assertThat(cli.run("publish", SamplePackage.zip(work, "cli-twice", "1.0.0").toString()).exitCode()).isZero();

        CliRunner.Result again = cli.run("publish", SamplePackage.zip(work, "cli-twice", "1.0.0").toString());

        assertOneLineError(again, ExitCodes.CONFLICT);
        assertThat(again.err()).contains("(VERSION_EXISTS)");
    }

    @Test
    void publishing_without_or_with_a_wrong_token_is_exit_code_3() throws IOException {
        Path zip = SamplePackage.zip(work, "cli-auth", "1.0.0");

        CliRunner.Result anonymous = cli.run("publish", zip.toString());
        assertOneLineError(anonymous, ExitCodes.AUTH);
        assertThat(anonymous.err()).contains("plughub login");
        assertOneLineError(cli.run("publish", zip.toString(), "--token", "phub_wrong"), ExitCodes.AUTH);
    }

    @Test
    void a_file_that_is_not_a_package_is_exit_code_6() throws IOException {
        Path fake = Files.writeString(work.resolve("fake.zip"), "this is not a zip archive");
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);

        assertOneLineError(cli.run("publish", fake.toString()), ExitCodes.INVALID);
        assertOneLineError(cli.run("publish", work.resolve("missing.zip").toString()), ExitCodes.INVALID);
    }

    @Test
    void usage_errors_are_exit_code_2_in_one_line() {
        assertOneLineError(cli.run("search", "--no-such-option"), ExitCodes.USAGE);
        assertOneLineError(cli.run("publish"), ExitCodes.USAGE);
        assertOneLineError(cli.run("publish", "x.zip", "--sha256", "xyz"), ExitCodes.USAGE);
        assertOneLineError(cli.run("search", "--registry", "not a url"), ExitCodes.USAGE);
        assertOneLineError(cli.run("search", "--limit", "1000"), ExitCodes.USAGE);
        assertOneLineError(cli.run("search", "--sort", "bogus"), ExitCodes.USAGE);
        assertOneLineError(cli.run("search", "--order", "sideways"), ExitCodes.USAGE);
        CliRunner.Result port = cli.run("search", "--registry", "http://127.0.0.1:99999");
        assertOneLineError(port, ExitCodes.USAGE);
        assertThat(port.err()).contains("port 99999").doesNotContain("Unexpected");
    }

    @Test
    void a_misspelt_option_is_a_usage_error_suggesting_the_option_meant() {
        CliRunner.Result result = cli.run("serve", "--prot", "8080");

        assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("Unknown option", "did you mean '--port'?");
    }

    @Test
    void a_registry_that_is_not_running_is_exit_code_7() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRunner.Result result = cli.run("search", "x", "--registry", "http://127.0.0.1:" + port);

        assertOneLineError(result, ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("Cannot reach the registry at http://127.0.0.1:" + port);
    }

    @Test
    void a_registry_address_that_redirects_a_publish_is_exit_code_2_naming_where_it_points() throws IOException {
        HttpServer moved = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        moved.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", registry + exchange.getRequestURI());
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        moved.start();
        try {
            Path zip = SamplePackage.zip(work, "cli-moved", "1.0.0");
            cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);

            CliRunner.Result result = cli.run("publish", zip.toString(), "--registry",
                    "http://127.0.0.1:" + moved.getAddress().getPort());

            assertOneLineError(result, ExitCodes.USAGE);
            assertThat(result.err()).contains("redirected POST /api/v1/plugins/upload to " + registry, "HTTP 301");
            assertThat(cli.run("info", "cli-moved", "--registry", registry).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        } finally {
            moved.stop(0);
        }
    }

    @Test
    void a_download_that_does_not_match_its_checksum_is_exit_code_9_and_leaves_nothing() throws IOException {
        HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/", exchange -> {
            byte[] body = "corrupted bytes".getBytes();
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"liar-1.0.0.zip\"");
            exchange.getResponseHeaders().add("X-Checksum-SHA256", "0".repeat(64));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        liar.start();
        try {
            CliRunner.Result result = cli.run("download", "liar", "-o", "dl/", "--registry",
                    "http://127.0.0.1:" + liar.getAddress().getPort());

            assertOneLineError(result, ExitCodes.CHECKSUM);
            try (var files = Files.list(work.resolve("dl"))) {
                assertThat(files).isEmpty();
            }
        } finally {
            liar.stop(0);
        }
    }

    @Test
    void shows_a_progress_bar_for_large_uploads_and_downloads_when_asked() throws IOException {
        Path zip = SamplePackage.zip(work, "cli-large", "1.0.0", 2 * 1024 * 1024);
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);

        CliRunner.Result upload = cli.run("publish", zip.toString(), "--progress");
        CliRunner.Result download = cli.run("download", "cli-large", "-o", "big/", "--progress");

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.err()).contains("Uploading").contains("100%");
        assertThat(download.exitCode()).isZero();
        assertThat(download.err()).contains("Downloading").contains("100%");
        assertThat(work.resolve("big/cli-large-1.0.0.zip")).hasSameBinaryContentAs(zip);
        assertThat(cli.run("publish", SamplePackage.zip(work, "cli-large", "1.0.1", 2 * 1024 * 1024).toString()).err())
                .as("no bar when stderr is not a terminal").isEmpty();
    }

    @Test
    void lists_every_plugin_without_search_text() throws IOException {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        cli.run("publish", SamplePackage.zip(work, "cli-listed", "1.0.0").toString());

        CliRunner.Result all = cli.run("search", "--limit", "100", "--sort", "name", "--order", "asc");

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("cli-listed");
    }

    /** What a hostile publisher puts in a manifest: screen commands, a hidden hyperlink, a carriage return, bidi overrides, a C1 CSI. */
    private static final String EVIL_MANIFEST = """
            {"id": "cli-evil", "name": "E\\u001b[2J", "version": "1.0.0",
             "description": "\\u001b]8;;http://attacker.example/\\u0007click\\u001b]8;;\\u0007 \\rOVERWRITE \\u202egnp.exe \\u009b31mred",
             "author": "a\\u001b[8mhidden", "license": "MIT\\u2066", "tags": ["sample"]}
            """;

    @Test
    void text_from_the_registry_reaches_the_terminal_without_control_sequences_and_json_keeps_it_verbatim() throws Exception {
        cli.env("PLUGHUB_TOKEN", OPERATOR_KEY);
        CliRunner.Result published = cli.run("publish", SamplePackage.withManifest(work, EVIL_MANIFEST).toString());
        assertThat(published.exitCode()).as(published.err()).isZero();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var deprecate = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry + "/api/v1/plugins/cli-evil/deprecate"))
                    .header("X-API-Key", OPERATOR_KEY).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\": \"gone\\u001b[31m\\u009b2J\"}"))
                    .build();
            assertThat(http.send(deprecate, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        CliRunner.Result info = cli.run("info", "cli-evil");
        CliRunner.Result search = cli.run("search", "cli-evil");

        for (CliRunner.Result shown : List.of(published, info, search)) {
            assertThat(shown.exitCode()).isZero();
            assertNoTerminalControls(shown.out());
            assertNoTerminalControls(shown.err());
        }
        assertThat(info.out())
                .contains("cli-evil 1.0.0 - E\uFFFD[2J")
                .contains("\uFFFD]8;;http://attacker.example/\uFFFDclick\uFFFD]8;;\uFFFD \uFFFDOVERWRITE \uFFFDgnp.exe \uFFFD31mred")
                .containsPattern("Author: +a\uFFFD\\[8mhidden")
                .containsPattern("License: +MIT\uFFFD")
                .containsPattern("Status: +deprecated \\(gone\uFFFD\\[31m\uFFFD2J\\)");
        assertThat(search.out()).contains("cli-evil", "\uFFFD]8;;http://attacker.ex");

        String json = cli.run("info", "cli-evil", "--json").out();
        assertNoTerminalControls(json.replace("\n", ""));
        JsonNode data = JSON.readTree(json);
        assertThat(data.path("name").asText()).isEqualTo("E\u001b[2J");
        assertThat(data.path("description").asText())
                .isEqualTo("\u001b]8;;http://attacker.example/\u0007click\u001b]8;;\u0007 \rOVERWRITE \u202egnp.exe \u009b31mred");
        assertThat(data.path("author").asText()).isEqualTo("a\u001b[8mhidden");
    }

    @Test
    void tls_to_a_plain_http_port_is_a_configuration_error_that_says_so() {
        CliRunner.Result result = cli.run("search", "x", "--registry", registry.replace("http://", "https://"));

        assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("Cannot connect securely", "TLS", "http://").doesNotContain("is it running");
    }

    /** No character a terminal would act on (line ends apart, which separate the lines printed). */
    static void assertNoTerminalControls(String text) {
        assertThat(text.replace("\n", "").codePoints().filter(TerminalText::isControl).toArray()).as(text).isEmpty();
    }

    private static JsonNode json(CliRunner.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    static void assertOneLineError(CliRunner.Result result, int exitCode) {
        assertThat(result.exitCode()).as("exit code; stderr: " + result.err()).isEqualTo(exitCode);
        assertThat(result.err()).startsWith("plughub: error: ");
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
    }
}
