package dev.plughub.registry.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets ({@code phub_} + 43 base64url characters from 32 random bytes), their public ids
 * ({@code tok_…}), the SHA-256 hash under which a secret is stored, and the short prefix shown to
 * tell tokens apart.
 */
public final class TokenCodec {

    public static final String SECRET_PREFIX = "phub_";
    public static final String PUBLIC_ID_PREFIX = "tok_";
    private static final int DISPLAY_PREFIX_LENGTH = SECRET_PREFIX.length() + 6;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public TokenCodec(SecureRandom random) {
        this.random = random;
    }

    public String newSecret() {
        return SECRET_PREFIX + BASE64URL.encodeToString(randomBytes(32));
    }

    public String newPublicId() {
        return PUBLIC_ID_PREFIX + BASE64URL.encodeToString(randomBytes(12));
    }

    /** Whether {@code text} has the shape of a secret this codec makes (says nothing about validity). */
    public static boolean looksLikeSecret(String text) {
        return text.startsWith(SECRET_PREFIX) && text.length() == SECRET_PREFIX.length() + 43;
    }

    /** Lower-case hex SHA-256 of the secret: the only form in which a secret is stored. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, secret.length()));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
