package dev.plughub.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body of text fields and one file, streamed: the envelope is a few
 * hundred bytes in memory and the file is read in chunks as the HTTP client sends it, so a package
 * of any size costs no more memory than a small one. The length is known in advance, so the request
 * carries a {@code Content-Length} (which lets the registry refuse a too-large upload before it is sent).
 */
final class MultipartBody {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final byte[] head;
    private final Path file;
    private final long fileSize;
    private final byte[] tail;

    private MultipartBody(String boundary, byte[] head, Path file, long fileSize, byte[] tail) {
        this.boundary = boundary;
        this.head = head;
        this.file = file;
        this.fileSize = fileSize;
        this.tail = tail;
    }

    /** A body with the {@code fields} first (in order), then {@code file} as the part {@code fileField}. */
    static MultipartBody of(Map<String, String> fields, String fileField, Path file, String mediaType) throws IOException {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "plughub-" + HexFormat.of().formatHex(random);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : new LinkedHashMap<>(fields).entrySet()) {
            write(head, "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + quoted(field.getKey()) + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
            write(head, field.getValue());
            write(head, "\r\n");
        }
        write(head, "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + quoted(fileField) + "\"; filename=\""
                + quoted(file.getFileName().toString()) + "\"\r\n"
                + "Content-Type: " + mediaType + "\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new MultipartBody(boundary, head.toByteArray(), file, Files.size(file), tail);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    long contentLength() {
        return head.length + fileSize + tail.length;
    }

    long fileSize() {
        return fileSize;
    }

    /** A publisher that reads the file afresh each time the client subscribes, reporting file bytes read. */
    HttpRequest.BodyPublisher publisher(TransferListener listener) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(listener)), contentLength());
    }

    private InputStream open(TransferListener listener) {
        try {
            InputStream fileStream = new CountingInputStream(Files.newInputStream(file), file, listener);
            return new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(head), fileStream, new ByteArrayInputStream(tail))));
        } catch (IOException e) {
            throw new UncheckedIOException(new Unreadable(file, e));
        }
    }

    /**
     * The file could not be read while it was being sent (removed, unreadable, a disk error). The HTTP
     * client reports it as the request's failure; this type lets the caller tell it from the network's.
     */
    static final class Unreadable extends IOException {
        final Path file;

        Unreadable(Path file, IOException cause) {
            super(cause.getMessage(), cause);
            this.file = file;
        }
    }

    private static String quoted(String value) {
        // a quote or a line break would end the header early; the registry takes the name only as a hint
        return value.replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reports the running total of bytes read through it. */
    private static final class CountingInputStream extends FilterInputStream {
        private final Path file;
        private final TransferListener listener;
        private long count;

        CountingInputStream(InputStream in, Path file, TransferListener listener) {
            super(in);
            this.file = file;
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw new Unreadable(file, e);
            }
            if (b >= 0) {
                listener.transferred(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new Unreadable(file, e);
            }
            if (n > 0) {
                count += n;
                listener.transferred(count);
            }
            return n;
        }
    }
}
