package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/**
 * The few words that end "Cannot reach the registry at …: ", from the exceptions the JDK's HTTP client
 * throws (made here by hand: a name that does not resolve would need a DNS server to ask).
 */
class ConnectionFailuresTest {

    @Test
    void a_name_that_does_not_resolve_is_an_unknown_host_however_deep_the_jdk_wraps_it() {
        IOException direct = (IOException) new ConnectException().initCause(new UnresolvedAddressException());
        IOException nested = (IOException) new ConnectException().initCause(
                new ConnectException().initCause(new UnresolvedAddressException()));
        IOException unknownHost = new IOException("lookup failed", new UnknownHostException("no-such-host.invalid"));

        for (IOException e : new IOException[] {direct, nested, unknownHost}) {
            assertThat(PlughubClient.describe(e)).startsWith("unknown host").doesNotContain("refused");
        }
    }

    @Test
    void a_refused_connection_and_a_timeout_say_so() {
        assertThat(PlughubClient.describe(new ConnectException())).isEqualTo("connection refused");
        assertThat(PlughubClient.describe(new HttpConnectTimeoutException("slow"))).isEqualTo("the connection timed out");
    }
}
