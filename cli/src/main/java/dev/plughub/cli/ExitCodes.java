package dev.plughub.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes scripts can rely on, defined once (docs/cli.md and {@code plughub --help} list them). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int AUTH = 3;
    public static final int NOT_FOUND = 4;
    public static final int CONFLICT = 5;
    public static final int INVALID = 6;
    public static final int UNREACHABLE = 7;
    public static final int SERVER = 8;
    public static final int CHECKSUM = 9;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status the registry answered with. */
    public static int forStatus(int status) {
        if (status >= 300 && status < 400) {
            return USAGE; // a redirect the client would not follow: the registry address is wrong
        }
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status == 429) {
            return UNREACHABLE; // like a network failure, it passes: scripts retry both
        }
        if (status >= 500) {
            return SERVER;
        }
        if (status >= 400) {
            return INVALID;
        }
        return UNEXPECTED;
    }

    /** The list shown under "Exit codes:" in the help of every command. */
    static Map<String, String> descriptions() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put("0", "success");
        list.put("1", "unexpected error, or a download that cannot be written here");
        list.put("2", "usage or configuration error (bad option, port in use, a registry address that redirects,"
                + " TLS that fails)");
        list.put("3", "authentication or authorization refused (HTTP 401/403)");
        list.put("4", "not found (HTTP 404)");
        list.put("5", "conflict, e.g. the version already exists (HTTP 409)");
        list.put("6", "invalid input or package (HTTP 400/413/422, unreadable file)");
        list.put("7", "registry unreachable, connection broken, or too many requests (429): try later");
        list.put("8", "registry failed (HTTP 5xx)");
        list.put("9", "checksum mismatch on download (nothing saved)");
        return list;
    }
}
