package dev.plughub.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Address classification over generated IPv4 and IPv6 addresses. */
class AddressClassifierPropertiesTest {

    /** Blocks a server must never reach by default, each with the kind it must be reported as. */
    private static final List<Object[]> NON_PUBLIC_V4 = List.of(
            new Object[] {"127.0.0.0/8", AddressKind.LOOPBACK},
            new Object[] {"10.0.0.0/8", AddressKind.PRIVATE},
            new Object[] {"172.16.0.0/12", AddressKind.PRIVATE},
            new Object[] {"192.168.0.0/16", AddressKind.PRIVATE},
            new Object[] {"100.64.0.0/10", AddressKind.PRIVATE},
            new Object[] {"169.254.0.0/16", AddressKind.LINK_LOCAL},
            new Object[] {"0.0.0.0/8", AddressKind.UNSPECIFIED},
            new Object[] {"224.0.0.0/4", AddressKind.MULTICAST},
            new Object[] {"240.0.0.0/4", AddressKind.RESERVED});

    @Property
    void every_address_inside_a_non_public_ipv4_block_is_refused_as_that_kind(
            @ForAll @IntRange(min = 0, max = 8) int block, @ForAll byte[] noise) {
        Cidr cidr = Cidr.parse((String) NON_PUBLIC_V4.get(block)[0]);
        byte[] address = inside(cidr, noise);
        assertThat(AddressClassifier.classify(address)).isEqualTo(NON_PUBLIC_V4.get(block)[1]);
    }

    @Property
    void an_ipv4_address_outside_every_special_block_is_public(@ForAll("ipv4") byte[] address) {
        boolean special = NON_PUBLIC_V4.stream().anyMatch(b -> Cidr.parse((String) b[0]).contains(address))
                || List.of("192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15", "198.51.100.0/24",
                        "203.0.113.0/24").stream().anyMatch(b -> Cidr.parse(b).contains(address));
        assertThat(AddressClassifier.classify(address).isPublic()).isEqualTo(!special);
    }

    @Property
    void an_ipv4_mapped_ipv6_address_is_never_public(@ForAll("ipv4") byte[] ipv4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, mapped, 12, 4);
        assertThat(AddressClassifier.classify(mapped)).isEqualTo(AddressKind.IPV4_MAPPED);
    }

    @Property
    void unique_local_link_local_and_multicast_ipv6_are_never_public(@ForAll byte[] noise,
                                                                     @ForAll @IntRange(min = 0, max = 2) int block) {
        String[] blocks = {"fc00::/7", "fe80::/10", "ff00::/8"};
        AddressKind[] kinds = {AddressKind.UNIQUE_LOCAL, AddressKind.LINK_LOCAL, AddressKind.MULTICAST};
        assertThat(AddressClassifier.classify(inside(Cidr.parse(blocks[block]), noise))).isEqualTo(kinds[block]);
    }

    @Property
    void ipv6_global_unicast_outside_the_special_blocks_is_public(@ForAll("ipv6") byte[] address) {
        address[0] = (byte) (0x20 | (address[0] & 0x1F));  // 2000::/3
        boolean special = List.of("2001::/32", "2002::/16", "2001:db8::/32").stream()
                .anyMatch(b -> Cidr.parse(b).contains(address));
        assertThat(AddressClassifier.classify(address).isPublic()).isEqualTo(!special);
    }

    @Property
    void an_ipv6_address_outside_global_unicast_is_never_public(@ForAll("ipv6") byte[] address) {
        Assume.that((address[0] & 0xE0) != 0x20); // outside 2000::/3
        assertThat(AddressClassifier.classify(address).isPublic()).isFalse();
    }

    @Property
    void a_block_contains_exactly_the_addresses_sharing_its_prefix(@ForAll("ipv4") byte[] network,
                                                                   @ForAll @IntRange(min = 0, max = 32) int prefix,
                                                                   @ForAll("ipv4") byte[] candidate) throws UnknownHostException {
        Cidr cidr = new Cidr(network, prefix);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        boolean same = (toLong(network) & mask) == (toLong(candidate) & mask);
        assertThat(cidr.contains(InetAddress.getByAddress(candidate))).isEqualTo(same);
    }

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    /** An address in the block: the block's bits, then the noise's bits for the rest. */
    private static byte[] inside(Cidr cidr, byte[] noise) {
        byte[] out = cidr.network();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, cidr.prefix() - i * 8));
            int hostBits = noise.length == 0 ? 0 : noise[i % noise.length] & (0xFF >>> keep);
            out[i] = (byte) (out[i] | hostBits);
        }
        return out;
    }

    private static long toLong(byte[] b) {
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }
}
