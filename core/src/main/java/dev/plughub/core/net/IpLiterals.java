package dev.plughub.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP addresses written as text, read without ever asking DNS. */
final class IpLiterals {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /** The address bytes of an IPv4 dotted quad or an IPv6 literal (brackets allowed); empty for anything else. */
    static Optional<byte[]> parse(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean literal = DOTTED_QUAD.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches());
        if (!literal) {
            return Optional.empty();
        }
        try {
            // getByName parses literals itself and only goes to DNS for names, which the patterns exclude
            byte[] bytes = InetAddress.getByName(s).getAddress();
            return Optional.of(s.contains(":") && bytes.length == 4 ? mapped(bytes) : bytes);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Java unwraps {@code ::ffff:a.b.c.d} to IPv4; an IPv6 literal keeps its 16 bytes here. */
    private static byte[] mapped(byte[] ipv4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xFF;
        out[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, out, 12, 4);
        return out;
    }

    static boolean isLiteral(String host) {
        return parse(host).isPresent();
    }
}
