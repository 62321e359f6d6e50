package dev.plughub.client;

import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a download answer's headers say: the file name, the media type, the length and the announced
 * SHA-256. The name is only read for the version and format it names ({@link PackageFileName}).
 */
record DownloadHeaders(Optional<String> fileName, String contentType, OptionalLong contentLength, Optional<String> sha256) {

    private static final Pattern EXTENDED_NAME = Pattern.compile("filename\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]+)");
    private static final Pattern QUOTED_NAME = Pattern.compile("filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOKEN_NAME = Pattern.compile("filename\\s*=\\s*([^;\\s\"]+)");
    private static final Pattern SHA256 = Pattern.compile("(?i)(?:sha256:)?([0-9a-f]{64})");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");

    static DownloadHeaders of(HttpHeaders headers) {
        Optional<String> name = headers.firstValue("Content-Disposition").flatMap(DownloadHeaders::fileName);
        OptionalLong length = headers.firstValueAsLong("Content-Length");
        Optional<String> sha = headers.firstValue("X-Checksum").flatMap(DownloadHeaders::sha256)
                .or(() -> headers.firstValue("X-Checksum-SHA256").flatMap(DownloadHeaders::sha256))
                .or(() -> headers.firstValue("ETag").flatMap(DownloadHeaders::sha256));
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return new DownloadHeaders(name, type, length, sha);
    }

    /**
     * The file name a {@code Content-Disposition} value names, when it is a plain file name: any
     * folder part, a leading dot, or a character outside {@code [A-Za-z0-9._+-]} makes it unusable,
     * so a hostile registry cannot make the client write outside the folder it was given.
     */
    static Optional<String> fileName(String contentDisposition) {
        String name = null;
        Matcher m = EXTENDED_NAME.matcher(contentDisposition);
        if (m.find()) {
            name = URLDecoder.decode(m.group(1).trim().replace("+", "%2B"), StandardCharsets.UTF_8);
        } else if ((m = QUOTED_NAME.matcher(contentDisposition)).find()) {
            name = m.group(1).replaceAll("\\\\(.)", "$1");
        } else if ((m = TOKEN_NAME.matcher(contentDisposition)).find()) {
            name = m.group(1);
        }
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** The SHA-256 in an {@code ETag} or checksum header: bare hex or {@code sha256:<hex>}, quoted, weak or not. */
    static Optional<String> sha256(String value) {
        String v = value.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "").trim();
        Matcher m = SHA256.matcher(v);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
