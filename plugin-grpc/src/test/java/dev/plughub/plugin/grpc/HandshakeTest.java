package dev.plughub.plugin.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void reads_the_line_a_plugin_prints() {
        Handshake read = Handshake.parse("PLUGHUB-PLUGIN|1|grpc|127.0.0.1:50123\n");

        assertThat(read).isEqualTo(new Handshake(1, "grpc", "127.0.0.1", 50123));
        assertThat(read.line()).isEqualTo("PLUGHUB-PLUGIN|1|grpc|127.0.0.1:50123");
    }

    @Test
    void writes_and_reads_an_ipv6_address_in_brackets() {
        Handshake written = Handshake.listeningOn("::1", 7000);

        assertThat(written.line()).isEqualTo("PLUGHUB-PLUGIN|1|grpc|[::1]:7000");
        assertThat(Handshake.parse(written.line())).isEqualTo(written);
    }

    @Test
    void refuses_other_output_with_what_was_expected() {
        assertThatThrownBy(() -> Handshake.parse("Listening on port 8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'PLUGHUB-PLUGIN|1|grpc|127.0.0.1:PORT'")
                .hasMessageContaining("Listening on port 8080");
    }

    @Test
    void refuses_another_protocol_version_transport_or_a_bad_port() {
        assertThatThrownBy(() -> Handshake.parse("PLUGHUB-PLUGIN|2|grpc|127.0.0.1:1"))
                .hasMessageContaining("speaks protocol 2");
        assertThatThrownBy(() -> Handshake.parse("PLUGHUB-PLUGIN|1|netrpc|127.0.0.1:1"))
                .hasMessageContaining("transport 'netrpc'");
        assertThatThrownBy(() -> Handshake.parse("PLUGHUB-PLUGIN|1|grpc|127.0.0.1:70000"))
                .hasMessageContaining("not 1-65535");
        assertThatThrownBy(() -> Handshake.parse("PLUGHUB-PLUGIN|1|grpc|localhost"))
                .hasMessageContaining("not host:port");
    }
}
