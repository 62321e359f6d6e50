package dev.plughub.registry.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.TokenScope;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client key of rate limits and download de-duplication. */
class ClientKeyTest {

    @Test
    void a_user_is_keyed_by_id_wherever_they_come_from() {
        Principal user = new Principal(42, "ada", false, Set.of(TokenScope.PUBLISH), false);
        assertThat(ClientKey.of(Optional.of(user), "10.0.0.1")).isEqualTo("u:42");
        assertThat(ClientKey.of(Optional.of(user), "2001:db8::1")).isEqualTo("u:42");
    }

    @Test
    void without_a_user_the_address_counts() {
        assertThat(ClientKey.of(Optional.empty(), "10.0.0.1")).isEqualTo("a:10.0.0.1");
        assertThat(ClientKey.of(Optional.of(Principal.ofOperator()), "10.0.0.1")).isEqualTo("a:10.0.0.1");
    }

    @Test
    void ipv4_addresses_are_kept_whole() {
        assertThat(ClientKey.ofAddress("192.168.1.10")).isNotEqualTo(ClientKey.ofAddress("192.168.1.11"));
        assertThat(ClientKey.ofAddress("::ffff:192.168.1.10")).isEqualTo("a:192.168.1.10");
    }

    @Test
    void ipv6_addresses_are_grouped_by_their_64_bit_network() {
        String a = ClientKey.ofAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(a).isEqualTo("n:2001:db8:1:2::/64");
        assertThat(ClientKey.ofAddress("2001:0db8:0001:0002::1")).isEqualTo(a);
        assertThat(ClientKey.ofAddress("[2001:db8:1:2::99]")).isEqualTo(a);
        assertThat(ClientKey.ofAddress("2001:db8:1:2::5%eth0")).isEqualTo(a);
        assertThat(ClientKey.ofAddress("2001:db8:1:3::1")).isNotEqualTo(a);
        assertThat(ClientKey.ofAddress("::1")).isEqualTo("n:0:0:0:0::/64");
    }

    @Test
    void a_missing_address_still_gives_a_key() {
        assertThat(ClientKey.ofAddress(null)).isEqualTo("a:unknown");
    }

    @Test
    void classes_follow_seed_001s_table() {
        assertThat(RateLimiter.classify("GET", "/api/v1/plugins")).contains(RateLimiter.Kind.QUERIES);
        assertThat(RateLimiter.classify("GET", "/api/v1/plugins/x/stats")).contains(RateLimiter.Kind.QUERIES);
        assertThat(RateLimiter.classify("GET", "/api/v1/plugins/x/download")).contains(RateLimiter.Kind.DOWNLOADS);
        assertThat(RateLimiter.classify("HEAD", "/api/v1/plugins/x/download")).contains(RateLimiter.Kind.DOWNLOADS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/upload")).contains(RateLimiter.Kind.UPLOADS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/upload/zip")).contains(RateLimiter.Kind.UPLOADS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/publish")).contains(RateLimiter.Kind.UPLOADS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/upload-temp")).contains(RateLimiter.Kind.UPLOADS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/x/ratings")).contains(RateLimiter.Kind.RATINGS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/x/reviews")).contains(RateLimiter.Kind.RATINGS);
        assertThat(RateLimiter.classify("POST", "/api/v1/plugins/x/reviews/12/vote")).contains(RateLimiter.Kind.RATINGS);
        assertThat(RateLimiter.classify("POST", "/api/v1/auth/login")).contains(RateLimiter.Kind.SIGN_INS);
        assertThat(RateLimiter.classify("POST", "/api/v1/auth/register")).contains(RateLimiter.Kind.SIGN_INS);
        assertThat(RateLimiter.classify("POST", "/api/v1/auth/logout")).isEmpty();
        assertThat(RateLimiter.classify("DELETE", "/api/v1/plugins/x")).isEmpty();
        assertThat(RateLimiter.classify("GET", "/api/v1/health")).isEmpty();
    }

    @Test
    void limits_come_from_the_environment_with_seed_001s_defaults() {
        assertThat(RateLimits.fromEnvironment(Map.of())).isEqualTo(new RateLimits(100, 10, 50, 20, 20));
        RateLimits set = RateLimits.fromEnvironment(Map.of("PLUGHUB_RATE_QUERIES_PER_MIN", "5",
                "PLUGHUB_RATE_UPLOADS_PER_HOUR", "0", "PLUGHUB_RATE_DOWNLOADS_PER_MIN", "7",
                "PLUGHUB_RATE_RATINGS_PER_HOUR", "9", "PLUGHUB_RATE_SIGNINS_PER_MIN", "4"));
        assertThat(set).isEqualTo(new RateLimits(5, 0, 7, 9, 4));
        assertThat(RateLimits.unlimited().isUnlimited()).isTrue();
        assertThat(set.isUnlimited()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                RateLimits.fromEnvironment(Map.of("PLUGHUB_RATE_QUERIES_PER_MIN", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLUGHUB_RATE_QUERIES_PER_MIN");
    }
}
