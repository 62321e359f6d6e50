package dev.plughub.core.checksum;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as Plughub shows them: lower-case hex, or {@code sha256:<hex>} in the API. */
public final class Sha256 {

    public static final String PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{64}$");

    private Sha256() {
    }

    /** The digest of a file, read as a stream (never held in memory). */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest of everything left in {@code in}; the stream is read to its end, not closed. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** {@code sha256:<hex>}, the form the API reports. */
    public static String prefixed(String hex) {
        return PREFIX + hex;
    }

    /** Whether {@code text} is a digest in the form {@link #of} produces. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /** A fresh SHA-256 {@link MessageDigest}, for callers that hash while they copy. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
