package dev.plughub.client;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A registry address as it may be shown in a message: any user name and password in it
 * ({@code http://user:secret@host}) replaced by {@code ***}, so an error line or a log never
 * repeats a credential someone put in the address.
 */
public final class RegistryAddress {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");

    private RegistryAddress() {
    }

    public static String shown(URI address) {
        return shown(address.toString());
    }

    /** The same for an address as it was typed, even one that is not a valid URL. */
    public static String shown(String address) {
        return address == null ? "" : USER_INFO.matcher(address).replaceFirst("***@");
    }
}
