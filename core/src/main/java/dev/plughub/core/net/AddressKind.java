package dev.plughub.core.net;

/**
 * What an IP address is, as far as reaching it from a server goes. Only {@link #PUBLIC} addresses
 * are reached without the operator's say-so: every other kind can lead into the server's own
 * machine or network (loopback services, cloud metadata at 169.254.169.254, intranet hosts).
 */
public enum AddressKind {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private-network address"),
    LINK_LOCAL("a link-local address"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("the unspecified address"),
    IPV4_MAPPED("an IPv4-mapped or IPv4-embedding IPv6 address"),
    UNIQUE_LOCAL("an IPv6 unique local address"),
    RESERVED("a reserved or documentation address");

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    /** For error messages: "a loopback address". */
    public String description() {
        return description;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
