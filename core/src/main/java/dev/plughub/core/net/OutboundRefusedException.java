package dev.plughub.core.net;

import java.io.IOException;

/**
 * An outbound request the {@link OutboundGuard} will not make. An {@link IOException} so that it
 * passes unchanged through transports (JGit, {@code HttpURLConnection}) that only let those through;
 * the message never repeats credentials found in the URL.
 */
public final class OutboundRefusedException extends IOException {

    /** Which rule the URL broke. */
    public enum Reason {
        /** Not a URL with a scheme and a host. */
        MALFORMED,
        /** A scheme that is never used (file, ext, ssh …) or plain http/git to a host not on the allow-list. */
        SCHEME,
        /** A user name or password inside the URL. */
        CREDENTIALS,
        /** The host name does not resolve. */
        UNRESOLVABLE,
        /** The host resolves to an address that is not public and not on the allow-list. */
        ADDRESS
    }

    private final Reason reason;

    public OutboundRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
