package dev.plughub.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.core.net.OutboundRefusedException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {

    /** A DNS that knows a few names, so tests never depend on the machine's resolver. */
    private static final HostResolver DNS = host -> {
        Map<String, String> table = Map.of(
                "git.example.com", "93.184.216.34",
                "rebind.example.com", "10.0.0.7",
                "metadata.example.com", "169.254.169.254",
                "mixed.example.com", "93.184.216.34,127.0.0.1",
                "v6.example.com", "fd12:3456::1");
        String found = table.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> out = new java.util.ArrayList<>();
        for (String a : found.split(",")) {
            out.add(InetAddress.getByName(a));
        }
        return out;
    };

    private final OutboundGuard strict = new OutboundGuard(OutboundPolicy.none(), DNS);

    @Test
    void lets_https_to_a_public_host_through_pinned_to_its_address() throws Exception {
        Destination d = strict.check("https://git.example.com/team/plugin.git");
        assertThat(d.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(d.port()).isEqualTo(443);
        assertThat(d.allowListed()).isFalse();
    }

    @Test
    void refuses_loopback_private_link_local_and_unique_local_destinations() {
        assertRefused("https://127.0.0.1/repo", Reason.ADDRESS, "127.0.0.1 is a loopback address");
        assertRefused("https://10.0.0.1/repo", Reason.ADDRESS, "private-network");
        assertRefused("https://169.254.169.254/latest/meta-data", Reason.ADDRESS, "link-local");
        assertRefused("https://[::1]/repo", Reason.ADDRESS, "loopback");
        assertRefused("https://[::ffff:127.0.0.1]/repo", Reason.ADDRESS, "loopback");
        assertRefused("https://0.0.0.0/repo", Reason.ADDRESS, "unspecified");
        assertRefused("https://v6.example.com/repo", Reason.ADDRESS, "unique local");
    }

    @Test
    void refuses_a_host_name_that_resolves_to_a_private_address_and_names_both() {
        assertRefused("https://rebind.example.com/repo", Reason.ADDRESS, "rebind.example.com resolves to 10.0.0.7");
        assertRefused("https://metadata.example.com/", Reason.ADDRESS, "169.254.169.254");
    }

    @Test
    void refuses_a_host_when_any_of_its_addresses_is_private() {
        assertRefused("https://mixed.example.com/repo", Reason.ADDRESS, "127.0.0.1");
    }

    @Test
    void refuses_credentials_in_the_url_without_repeating_them() {
        assertThatThrownBy(() -> strict.check("https://alice:s3cret@git.example.com/repo"))
                .isInstanceOfSatisfying(OutboundRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CREDENTIALS))
                .message().doesNotContain("s3cret").doesNotContain("alice");
        assertRefused("https://ghp_token@git.example.com/repo", Reason.CREDENTIALS, "user name or password");
    }

    @Test
    void refuses_file_ext_ssh_and_unknown_schemes() {
        assertRefused("file:///etc/passwd", Reason.SCHEME, "file://");
        assertRefused("ext::sh -c touch% /tmp/pwned", Reason.SCHEME, "ext::");
        assertRefused("ssh://git.example.com/repo", Reason.SCHEME, "'ssh'");
        assertRefused("gopher://git.example.com/", Reason.SCHEME, "'gopher'");
        assertRefused("git@github.com:user/repo.git", Reason.MALFORMED, "not a URL");
    }

    @Test
    void refuses_plain_http_and_git_to_hosts_not_on_the_allow_list() {
        assertRefused("http://git.example.com/repo", Reason.SCHEME, "use https://");
        assertRefused("git://git.example.com/repo", Reason.SCHEME, "use https://");
    }

    @Test
    void refuses_a_host_that_does_not_resolve() {
        assertRefused("https://nowhere.example.com/repo", Reason.UNRESOLVABLE, "nowhere.example.com");
    }

    @Test
    void the_allow_list_opens_an_address_a_block_or_a_host_name_over_http_too() throws Exception {
        OutboundGuard byAddress = new OutboundGuard(OutboundPolicy.parse("127.0.0.1"), DNS);
        assertThat(byAddress.check("http://127.0.0.1:8080/repo").allowListed()).isTrue();
        assertThatThrownBy(() -> byAddress.check("http://127.0.0.2/repo")).isInstanceOf(OutboundRefusedException.class);

        OutboundGuard byBlock = new OutboundGuard(OutboundPolicy.parse(" 10.0.0.0/8 , fd00::/8"), DNS);
        assertThat(byBlock.check("http://rebind.example.com/repo").address().getHostAddress()).isEqualTo("10.0.0.7");
        assertThat(byBlock.check("https://v6.example.com/repo").allowListed()).isTrue();
        assertThatThrownBy(() -> byBlock.check("https://metadata.example.com/")).isInstanceOf(OutboundRefusedException.class);

        OutboundGuard byName = new OutboundGuard(OutboundPolicy.parse("Metadata.Example.com"), DNS);
        assertThat(byName.check("git://metadata.example.com/repo").port()).isEqualTo(9418);
    }

    @Test
    void the_allow_list_never_opens_file_or_credentials() {
        OutboundGuard open = new OutboundGuard(OutboundPolicy.parse("0.0.0.0/0,::/0"), DNS);
        assertThatThrownBy(() -> open.check("file:///etc/passwd")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> open.check("http://u:p@127.0.0.1/")).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void a_bad_allow_list_entry_is_an_error_naming_it() {
        assertThatThrownBy(() -> OutboundPolicy.parse("127.0.0.1, not a host"))
                .hasMessageContaining("'not a host'").hasMessageContaining(OutboundPolicy.VARIABLE);
        assertThatThrownBy(() -> OutboundPolicy.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String url, Reason reason, String messagePart) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOfSatisfying(OutboundRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}
