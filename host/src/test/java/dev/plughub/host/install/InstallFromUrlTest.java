package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.core.checksum.Sha256;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.FileServer;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallFromUrlTest {

    private static final String WRONG_SHA = "0".repeat(64);

    @TempDir
    Path home;

    @Test
    void refuses_plain_http_by_default() {
        Path served = home.resolve("served");
        PluginJars.plugin("remote").build(served);
        try (FileServer server = new FileServer(served); PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.url(server.url("remote-1.0.0.jar"), Optional.empty()),
                    InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR);
                        assertThat(e.getMessage()).contains("plain http downloads are refused");
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void a_server_that_refuses_the_connection_is_named_as_such() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var config = Hosts.config(home).withUrlPolicy(new UrlPolicy(Set.of("127.0.0.1")));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.url(java.net.URI.create("http://127.0.0.1:" + closedPort + "/p.jar"),
                    Optional.empty()), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                        assertThat(e.getMessage()).contains("could not be downloaded: the connection was refused");
                    });
        }
    }

    @Test
    void installs_over_http_from_a_host_the_policy_allows_and_checks_the_sha256() {
        Path served = home.resolve("served");
        Path jar = PluginJars.plugin("remote").build(served);
        var config = Hosts.config(home).withUrlPolicy(new UrlPolicy(Set.of("127.0.0.1")));
        try (FileServer server = new FileServer(served); PluginHost host = PluginHost.start(config)) {
            InstallResult result = host.install(InstallRequest.url(server.url("remote-1.0.0.jar"),
                    Optional.of("sha256:" + Sha256.of(jar))), InstallOptions.defaults());

            assertThat(result.plugin().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void refuses_a_download_whose_sha256_differs_and_installs_nothing() {
        Path served = home.resolve("served");
        PluginJars.plugin("remote").build(served);
        var config = Hosts.config(home).withUrlPolicy(new UrlPolicy(Set.of("127.0.0.1")));
        try (FileServer server = new FileServer(served); PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.url(server.url("remote-1.0.0.jar"), Optional.of(WRONG_SHA)),
                    InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                        assertThat(e.getMessage()).contains("not the expected " + WRONG_SHA, "nothing was installed");
                    });
            assertThat(host.list()).isEmpty();
            assertThat(home.resolve("plugins")).isEmptyDirectory();
            assertThat(home.resolve("data/staging")).isEmptyDirectory();
        }
    }

    @Test
    void reports_a_url_that_answers_404() {
        var config = Hosts.config(home).withUrlPolicy(new UrlPolicy(Set.of("127.0.0.1")));
        try (FileServer server = new FileServer(home); PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.url(server.url("nothing.jar"), Optional.empty()),
                    InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.getMessage()).contains("HTTP 404"));
        }
    }
}
