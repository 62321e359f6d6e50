package dev.plughub.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}. A single address is a block of
 * its full length ({@code 127.0.0.1} is {@code 127.0.0.1/32}).
 *
 * @param network the block's address bytes (4 or 16), host bits cleared
 * @param prefix  how many leading bits an address must share with {@code network}
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address block is IPv4 (4 bytes) or IPv6 (16 bytes)");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is longer than the address");
        }
        network = masked(network, prefix);
    }

    /**
     * Parses {@code address[/prefix]} written as IP literals only: a host name here would be looked
     * up in DNS, and a block must not depend on what DNS says today.
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = IpLiterals.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no numeric prefix length after '/'");
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** A copy: the block stays as parsed whatever a caller does with the bytes. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether the address lies in this block (an IPv4 address is never inside an IPv6 block, or back). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address, prefix), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    public InetAddress networkAddress() {
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length is checked
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return networkAddress().getHostAddress() + "/" + prefix;
    }
}
