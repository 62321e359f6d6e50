package dev.plughub.registry.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, fd00::/8");

    @TempDir
    Path dataDir;

    @Test
    void a_client_that_is_not_a_trusted_proxy_keeps_its_socket_address_whatever_it_sends() {
        assertThat(PROXIES.clientAddress("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(TrustedProxies.none().clientAddress("10.0.0.1", List.of("198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_right_most_address_that_is_not_one() {
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // what the client wrote itself (the spoofed first entry) is left of the address its proxy saw
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("1.1.1.1, 198.51.100.1, 192.168.1.7")))
                .isEqualTo("198.51.100.1");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("1.1.1.1", "198.51.100.1, 10.9.9.9")))
                .as("several headers read as one list").isEqualTo("198.51.100.1");
        assertThat(PROXIES.clientAddress("fd12::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
        assertThat(PROXIES.clientAddress("[fd12::1]", List.of("[2001:db8::5]:443"))).isEqualTo("2001:db8::5");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.1:5123"))).isEqualTo("198.51.100.1");
    }

    @Test
    void a_hop_that_is_no_address_ends_the_walk_at_the_last_address_known_for_sure() {
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.1, unknown"))).isEqualTo("10.1.2.3");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("evil.example, 10.4.4.4"))).isEqualTo("10.4.4.4");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("10.7.7.7, 10.8.8.8")))
                .as("only proxies: the left-most is as far as anyone can tell").isEqualTo("10.7.7.7");
    }

    @Test
    void a_list_that_is_not_addresses_is_refused_naming_the_entry() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy.internal'")
                .hasMessageContaining("PLUGHUB_TRUSTED_PROXIES");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'")
                .hasMessageContaining("/33 is longer than the address");
        assertThat(TrustedProxies.parse("::ffff:10.0.0.0/104").clientAddress("10.1.2.3", List.of("9.9.9.9")))
                .as("an IPv4-mapped block holds the IPv4 addresses").isEqualTo("9.9.9.9");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1")).hasMessageContaining("'300.1.1.1'");
        assertThat(TrustedProxies.parse(" , ").isEmpty()).isTrue();
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_TRUSTED_PROXIES", "nginx")))
                .as("a bad setting stops start-up").hasMessageContaining("'nginx'");
        assertThat(RegistryConfig.fromEnvironment(Map.of()).trustedProxies().isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("0.0.0.0/0").clientAddress("8.8.8.8", List.of("9.9.9.9"))).isEqualTo("9.9.9.9");
    }

    @Property
    void any_header_gives_the_socket_address_or_one_of_the_hops(@ForAll String header) {
        String client = PROXIES.clientAddress("10.1.2.3", List.of(header));
        assertThat(client.equals("10.1.2.3") || header.contains(client)).as("%s from %s", client, header).isTrue();
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_rate_limit() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(2, 0, 0, 0))
                .withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            Api api = registry.api();
            RateLimitApiTest.awayFromWindowEnd(Duration.ofMinutes(1));
            for (int i = 0; i < 2; i++) {
                assertThat(api.get("/api/v1/stats", "X-Forwarded-For", "198.51.100.1").status()).isEqualTo(200);
            }
            assertThat(api.get("/api/v1/stats", "X-Forwarded-For", "198.51.100.1").status()).isEqualTo(429);
            assertThat(api.get("/api/v1/stats", "X-Forwarded-For", "198.51.100.2").status())
                    .as("another client behind the same proxy").isEqualTo(200);
        }
    }

    @Test
    void without_trusted_proxies_a_forwarded_for_header_changes_nothing() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(2, 0, 0, 0)))) {
            Api api = registry.api();
            RateLimitApiTest.awayFromWindowEnd(Duration.ofMinutes(1));
            for (int i = 0; i < 2; i++) {
                assertThat(api.get("/api/v1/stats", "X-Forwarded-For", "198.51.100." + i).status()).isEqualTo(200);
            }
            assertThat(api.get("/api/v1/stats", "X-Forwarded-For", "198.51.100.77").status())
                    .as("a made-up address does not buy a fresh count").isEqualTo(429);
        }
    }
}
