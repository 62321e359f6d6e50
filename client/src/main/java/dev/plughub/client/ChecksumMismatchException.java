package dev.plughub.client;

/** The bytes of a download do not have the SHA-256 the registry announced; nothing was saved. */
public final class ChecksumMismatchException extends PlughubClientException {

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String what, String expected, String actual) {
        super("The download of " + what + " is corrupt: its SHA-256 is " + actual + " but the registry announced "
                + expected + "; nothing was saved", null);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
