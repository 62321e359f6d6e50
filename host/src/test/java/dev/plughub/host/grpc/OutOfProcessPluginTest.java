package dev.plughub.host.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.HostConfig;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.admin.HostAdminRoutes;
import dev.plughub.host.admin.HostAuth;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.observability.HealthReport;
import dev.plughub.host.testing.Hosts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.OpenApiContract;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out-of-process plugins as real child JVMs, driven through the host and its admin API. */
class OutOfProcessPluginTest {

    private static final String TOKEN = "test-host-token";
    private static final java.util.Set<String> SHELL_SETS = java.util.Set.of("PWD", "OLDPWD", "SHLVL", "_");

    @TempDir
    Path home;

    /** A JVM with gRPC starts in a second or two; a busy CI machine gets more. */
    private HostConfig config() {
        return Hosts.config(home).withTimeouts(Hosts.TEST_TIMEOUTS.withInitialize(Duration.ofSeconds(30)));
    }

    @Test
    void runs_a_grpc_plugin_and_answers_seed_004s_sync_users_through_the_admin_api() throws Exception {
        GrpcPackages.plugin(home.resolve("plugins"), "sample_sync", "serve");
        try (PluginHost host = PluginHost.start(config()); Admin admin = Admin.start(host)) {
            ApiResponse list = admin.send("GET", "/system/plugins", null);
            JsonNode plugin = list.json().get("plugins").get(0);
            assertThat(plugin.get("status").asText()).isEqualTo("initialized");
            assertThat(plugin.get("source").asText()).isEqualTo("grpc");

            ApiResponse sync = admin.send("POST", "/system/plugins/sample_sync/sync-users", """
                    {"dry_run": true, "users": [{"username": "john.doe", "db_name": "system.db", "role_tag": "developer",
                      "email": "john@example.com", "is_active": true}], "limit": 0}""");

            assertThat(sync.status()).isEqualTo(200);
            assertThat(sync.json().get("plugin").asText()).isEqualTo("sample_sync");
            JsonNode result = sync.json().get("result");
            assertThat(result.get("status").asText()).isEqualTo("dry_run");
            assertThat(result.get("count").isIntegralNumber()).as("a count stays a whole number through Struct").isTrue();
            assertThat(result.get("count").asInt()).isEqualTo(1);
            assertThat(result.get("items").get(0).get("action").asText()).isEqualTo("would_sync");
            assertThat(result.get("items").get(0).get("username").asText()).isEqualTo("john.doe");

            ApiResponse health = admin.send("GET", "/system/plugins/sample_sync/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text()).contains("served_by").contains("plughub");
        }
    }

    @Test
    void runs_a_grpc_plugin_packaged_as_a_tar_gz_under_a_top_folder() throws Exception {
        Path tarGz = GrpcPackages.pluginTarGz(home.resolve("build"), "tarred", "serve");
        try (PluginHost host = PluginHost.start(config()); Admin admin = Admin.start(host)) {
            ApiResponse installed = admin.send("POST", "/system/plugins/install",
                    "{\"source\": \"file\", \"file_path\": \"" + tarGz + "\"}");
            assertThat(installed.status()).as("%s", installed.text()).isEqualTo(200);
            JsonNode plugin = admin.send("GET", "/system/plugins", null).json().get("plugins").get(0);
            assertThat(plugin.toString()).contains("tarred");
            assertThat(plugin.get("status").asText()).as("%s", plugin).isEqualTo("initialized");
            assertThat(plugin.get("source").asText()).isEqualTo("grpc");

            ApiResponse health = admin.send("GET", "/system/plugins/tarred/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text()).contains("served_by");
        }
    }

    @Test
    void loads_a_tar_gz_package_dropped_into_the_plugins_folder() {
        GrpcPackages.pluginTarGz(home.resolve("plugins"), "dropped", "serve");
        try (PluginHost host = PluginHost.start(config()); Admin admin = Admin.start(host)) {
            JsonNode plugins = admin.send("GET", "/system/plugins", null).json().get("plugins");
            assertThat(plugins).as("%s", plugins).hasSize(1);
            assertThat(plugins.get(0).toString()).contains("dropped");
            assertThat(plugins.get(0).get("status").asText()).as("%s", plugins).isEqualTo("initialized");
        }
    }

    @Test
    void calls_an_action_through_invoke_keeping_every_json_type() {
        GrpcPackages.plugin(home.resolve("plugins"), "echoer", "serve");
        try (PluginHost host = PluginHost.start(config())) {
            Map<String, Object> input = new java.util.LinkedHashMap<>();
            input.put("text", "hi");
            input.put("whole", 42);
            input.put("fraction", 2.5);
            input.put("yes", true);
            input.put("nothing", null);
            input.put("list", List.of(1, "two", List.of()));
            input.put("object", Map.of("nested", Map.of("deep", false)));

            Map<String, Object> answer = host.callAction("echoer", "echo", input);

            Map<String, Object> expected = new java.util.LinkedHashMap<>(input);
            expected.put("whole", 42L);
            expected.put("list", List.of(1L, "two", List.of()));
            assertThat(answer).isEqualTo(Map.of("echo", expected));
            assertThat(host.find("echoer").orElseThrow().actions())
                    .as("Describe's actions, plus sync-users from seed 004's service")
                    .contains("echo", "limits", "sync-users");
            assertThatThrownBy(() -> host.callAction("echoer", "echo", Map.of("refuse", 1)))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR))
                    .hasMessageContaining("refuse must not be set");
        }
    }

    @Test
    void a_plugin_serving_only_seed_004s_service_gets_health_and_sync_users_from_it() {
        GrpcPackages.plugin(home.resolve("plugins"), "nebula_only", "nebula");
        try (PluginHost host = PluginHost.start(config())) {
            assertThat(host.find("nebula_only").orElseThrow().actions()).containsExactly("sync-users");
            HealthReport health = host.health("nebula_only");
            assertThat(health.status()).isEqualTo(HealthReport.Status.OK);
            assertThat(health.checks()).containsEntry("served_by", "nebula");

            Map<String, Object> result = host.callAction("nebula_only", "sync-users", Map.of("dry_run", false,
                    "users", List.of(Map.of("username", "ann", "db_name", "a.db", "role_tag", "admin"))));

            assertThat(result).containsEntry("status", "completed").containsEntry("count", 1L);
        }
    }

    @Test
    void fails_a_plugin_that_never_prints_its_handshake_and_leaves_no_process() {
        GrpcPackages.plugin(home.resolve("plugins"), "mute", "silent");
        HostConfig quick = Hosts.config(home).withTimeouts(Hosts.TEST_TIMEOUTS.withInitialize(Duration.ofSeconds(3)));
        try (PluginHost host = PluginHost.start(quick)) {
            PluginView view = host.find("mute").orElseThrow();

            assertThat(view.state()).isEqualTo(PluginState.FAILED);
            assertThat(view.error()).contains("did not print its handshake line within").contains("thinking about it");
            assertThat(livingProcessesRunning("mute")).isEmpty();
        }
    }

    @Test
    void quotes_the_stderr_of_a_plugin_that_exits_at_once() {
        GrpcPackages.plugin(home.resolve("plugins"), "broken", "crash");
        try (PluginHost host = PluginHost.start(config())) {
            PluginView view = host.find("broken").orElseThrow();

            assertThat(view.state()).isEqualTo(PluginState.FAILED);
            assertThat(view.error()).contains("exited before its handshake").contains("code 3")
                    .contains("cannot open settings.toml: no such file");
        }
    }

    @Test
    void an_endpoint_where_nothing_listens_is_failed_naming_the_address_dialled() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        GrpcPackages.endpoint(home.resolve("plugins"), "deaf", "127.0.0.1:" + port);
        try (PluginHost host = PluginHost.start(config())) {
            PluginView view = host.find("deaf").orElseThrow();

            assertThat(view.state()).isEqualTo(PluginState.FAILED);
            assertThat(view.error()).contains("Describe at 127.0.0.1:" + port + " failed", "is the plugin listening");
        }
    }

    @Test
    void an_install_whose_process_exits_at_once_leaves_neither_the_package_nor_a_data_folder() throws Exception {
        Path zip = GrpcPackages.plugin(home.resolve("incoming"), "gone", "crash");
        try (PluginHost host = PluginHost.start(config())) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(zip), InstallOptions.defaults()))
                    .isInstanceOf(HostException.class).hasMessageContaining("nothing was installed");

            assertThat(host.find("gone")).isEmpty();
            assertThat(home.resolve("data/plugins/gone")).as("the data folder its start made").doesNotExist();
        }
    }

    @Test
    void a_process_that_stopped_answering_fails_the_plugin_is_ended_and_started_again_after_a_backoff() {
        GrpcPackages.plugin(home.resolve("plugins"), "sleepy", "serve");
        GrpcPackages.plugin(home.resolve("plugins"), "other", "serve");
        HostConfig config = Hosts.config(home)
                .withTimeouts(Hosts.TEST_TIMEOUTS.withInitialize(Duration.ofSeconds(30)).withAction(Duration.ofSeconds(1)))
                .withGrpc(GrpcSettings.defaults()
                        .withRestarts(new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ofMinutes(5))));
        try (PluginHost host = PluginHost.start(config)) {
            long hungPid = pidOf(host, "sleepy");

            assertThatThrownBy(() -> host.callAction("sleepy", "hang", Map.of()))
                    .isInstanceOfSatisfying(HostException.class,
                            e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_COMMUNICATION_TIMEOUT))
                    .hasMessageContaining("did not answer hang within 1000 ms").hasMessageContaining("now failed");
            assertThat(host.callAction("other", "echo", Map.of("still", "here"))).containsKey("echo");

            waitUntil(() -> pidOfActive(host, "sleepy").filter(pid -> pid != hungPid).isPresent());
            waitUntil(() -> !ProcessHandle.of(hungPid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(host.health("sleepy").checks()).containsEntry("process_restarts", 1);
            assertThat(host.health("sleepy").lastError()).as("why it was restarted, kept after the restart")
                    .contains("hang did not return within 1000 ms");
            assertThat(host.callAction("sleepy", "echo", Map.of("back", true))).containsKey("echo");
        }
    }

    @Test
    void a_process_killed_while_active_is_restarted_after_a_backoff() {
        GrpcPackages.plugin(home.resolve("plugins"), "phoenix", "serve");
        HostConfig config = config().withGrpc(GrpcSettings.defaults()
                .withRestarts(new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ofMinutes(5))));
        try (PluginHost host = PluginHost.start(config)) {
            long firstPid = pidOf(host, "phoenix");

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // SIGKILL

            waitUntil(() -> host.find("phoenix").orElseThrow().state() == PluginState.FAILED
                    || pidOfActive(host, "phoenix").filter(pid -> pid != firstPid).isPresent());
            waitUntil(() -> pidOfActive(host, "phoenix").filter(pid -> pid != firstPid).isPresent());
            HealthReport health = host.health("phoenix");
            assertThat(health.checks()).containsEntry("process_restarts", 1);
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(host.callAction("phoenix", "echo", Map.of("back", true))).containsKey("echo");
        }
    }

    @Test
    void a_plugin_that_keeps_dying_is_given_up_on_with_the_exit_code_and_stderr() {
        GrpcPackages.plugin(home.resolve("plugins"), "fragile", "serve");
        HostConfig config = config().withGrpc(GrpcSettings.defaults()
                .withRestarts(new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(50), 1, Duration.ofMinutes(5))));
        try (PluginHost host = PluginHost.start(config)) {
            ProcessHandle.of(pidOf(host, "fragile")).orElseThrow().destroyForcibly();
            waitUntil(() -> pidOfActive(host, "fragile").isPresent()
                    && Integer.valueOf(1).equals(host.health("fragile").checks().get("process_restarts")));

            ProcessHandle.of(pidOf(host, "fragile")).orElseThrow().destroyForcibly();
            waitUntil(() -> host.find("fragile").orElseThrow().error().contains("not restarted again"));

            PluginView view = host.find("fragile").orElseThrow();
            assertThat(view.state()).isEqualTo(PluginState.FAILED);
            assertThat(view.error()).contains("exited with code 137").contains("2 failures within 300 s");
        }
    }

    @Test
    void stopping_leaves_no_process_of_the_plugin_alive() {
        GrpcPackages.plugin(home.resolve("plugins"), "tidy", "serve");
        long pid;
        long childPid;
        try (PluginHost host = PluginHost.start(config())) {
            pid = pidOf(host, "tidy");
            childPid = ((Number) host.callAction("tidy", "spawn-child", Map.of()).get("pid")).longValue();
            assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).contains(true);

            host.disable("tidy");

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            waitUntil(() -> !ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false));
            host.enable("tidy");
            assertThat(pidOf(host, "tidy")).isNotEqualTo(pid);
        }
        assertThat(livingProcessesRunning("tidy")).as("closing the host stops its plugins' processes").isEmpty();
    }

    @Test
    void the_open_files_limit_is_applied_to_the_process() {
        GrpcPackages.plugin(home.resolve("plugins"), "limited", "serve");
        HostConfig config = config().withGrpc(GrpcSettings.defaults().withLimits(ProcessLimits.none().withOpenFiles(777)));
        try (PluginHost host = PluginHost.start(config)) {
            String line = (String) host.callAction("limited", "limits", Map.of()).get("open_files");

            assertThat(line).matches("Max open files\\s+777\\s+777\\s+files\\s*");
        }
    }

    @Test
    void the_plugin_sees_only_the_allowed_environment_and_no_host_secret() {
        GrpcPackages.plugin(home.resolve("plugins"), "curious", "serve");
        try (PluginHost host = PluginHost.start(config())) {
            Map<String, Object> seen = host.callAction("curious", "env", Map.of());

            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) seen.get("names");
            assertThat(System.getenv().keySet()).as("the host's own environment holds more than the allow list")
                    .anyMatch(name -> !ChildEnvironment.PASSED_THROUGH.contains(name));
            assertThat(names).as("the allow list, the contract's variables, and what the launcher's shell sets itself")
                    .allMatch(name -> ChildEnvironment.PASSED_THROUGH.contains(name) || name.startsWith("PLUGHUB_")
                            || SHELL_SETS.contains(name));
            assertThat(names).doesNotContain("PLUGHUB_API_KEY", "PLUGHUB_HOST_TOKEN", "AWS_SECRET_ACCESS_KEY")
                    .contains("PLUGHUB_PLUGIN_ID", "PLUGHUB_PLUGIN_DATA_DIR", "PLUGHUB_PLUGIN_PROTOCOL", "PLUGHUB_JAVA");
            assertThat(seen).containsEntry("plugin_id", "curious").containsEntry("protocol", "1");
            assertThat(Path.of((String) seen.get("data_dir"))).isDirectory().endsWith(Path.of("curious"));
        }
    }

    @Test
    void connects_to_a_plugin_already_running_on_a_loopback_endpoint() throws Exception {
        io.grpc.Server server = dev.plughub.plugin.grpc.PluginServer.start(TestGrpcPlugin.both());
        try {
            GrpcPackages.endpoint(home.resolve("plugins"), "outside", "127.0.0.1:" + server.getPort());
            try (PluginHost host = PluginHost.start(config())) {
                assertThat(host.find("outside").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
                assertThat(host.callAction("outside", "whoami", Map.of())).containsEntry("pid", ProcessHandle.current().pid());
            }
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void refuses_a_remote_endpoint_unless_the_host_allows_them() {
        GrpcPackages.endpoint(home.resolve("plugins"), "faraway", "203.0.113.7:50051");
        try (PluginHost host = PluginHost.start(config())) {
            PluginView view = host.find("faraway").orElseThrow();

            assertThat(view.state()).isEqualTo(PluginState.FAILED);
            assertThat(view.error()).contains("203.0.113.7:50051 is not a loopback address")
                    .contains("remote gRPC endpoints are blocked");
        }
    }

    @Test
    void refuses_to_install_a_grpc_package_that_names_neither_a_command_nor_an_endpoint() throws Exception {
        Path zip = home.resolve("incoming.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("plugin.json"));
            out.write("{\"id\": \"vague\", \"name\": \"vague\", \"version\": \"1.0.0\", \"runtime\": \"grpc\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (PluginHost host = PluginHost.start(config())) {
            assertThatThrownBy(() -> host.install(dev.plughub.host.install.InstallRequest.file(zip),
                    dev.plughub.host.install.InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE))
                    .hasMessageContaining("a gRPC plugin needs an entry_point");
            assertThat(host.list()).isEmpty();
        }
    }

    // --- helpers ---

    private static long pidOf(PluginHost host, String id) {
        return pidOfActive(host, id).orElseThrow(() -> new AssertionError(id + " is not active: " + host.find(id)));
    }

    /** The plugin's process id, read from its health, while it is active. */
    private static Optional<Long> pidOfActive(PluginHost host, String id) {
        if (host.find(id).orElseThrow().state() != PluginState.ACTIVE) {
            return Optional.empty();
        }
        try {
            return Optional.of(((Number) host.callAction(id, "whoami", Map.of()).get("pid")).longValue());
        } catch (HostException e) {
            return Optional.empty();
        }
    }

    /** Processes of the test plugin still running from {@code id}'s unpacked package (their working directory). */
    private static List<ProcessHandle> livingProcessesRunning(String id) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(TestGrpcPlugin.class.getName())).orElse(false))
                .filter(p -> workingDirectory(p).map(dir -> dir.contains("/processes/" + id + "@")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static Optional<String> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(java.nio.file.Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Polls until the condition holds; fails after a minute (a bound for a stuck test, not a speed check). */
    private static void waitUntil(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the condition did not come true within a minute");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The admin API on a real server bound to 127.0.0.1; every answer checked against the OpenAPI description. */
    private record Admin(Javalin server, Api api) implements AutoCloseable {
        static Admin start(PluginHost host) {
            HostAdminRoutes routes = new HostAdminRoutes(host, HostAuth.of(Optional.empty(), Optional.of(TOKEN)));
            Javalin server = Javalin.create(app -> {
                app.startup.showJavalinBanner = false;
                app.jetty.host = "127.0.0.1";
                app.jetty.port = 0;
                routes.register(app.routes);
            }).start();
            return new Admin(server, new Api("http://127.0.0.1:" + server.port()));
        }

        ApiResponse send(String method, String path, String json) {
            Api.Request request = api.request(method, path).headers("X-Nebula-Token", TOKEN).withoutContractCheck();
            if (json != null) {
                request.json(json);
            }
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            ApiResponse answer = request.send();
            OpenApiContract.check(method, path, json == null ? null : "application/json", body, answer);
            return answer;
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
