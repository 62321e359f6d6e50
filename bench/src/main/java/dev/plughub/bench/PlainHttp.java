package dev.plughub.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (TCP_NODELAY) that sends a request and reads the answer
 * (Content-Length or chunked) — as curl, wrk or a browser would, and nothing more.
 *
 * <p>Why not {@code java.net.http.HttpClient}: sending the same 20 KB publish to the same server,
 * interleaved in one JVM, it took 7.49 ms at the median against 5.68 ms from a plain socket. Its
 * hand-offs between its selector thread and its executor cost ~1.8 ms per exchange, which the
 * publish rows then reported as the registry's. Not thread-safe: one per thread.
 */
final class PlainHttp implements AutoCloseable {

    /** An answer: status and body as text. */
    record Answer(int status, String body) {
    }

    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
    }

    /** Sends {@code POST path} with the body and headers given ("Name: value" each); answers the response. */
    Answer post(String path, byte[] body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean reused = socket != null;
        try {
            return exchange(headBytes, body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(headBytes, body);   // the server closed the idle connection first: once more on a new one
        }
    }

    private Answer exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        out.write(head);   // the socket's own stream, unbuffered: two writes, no copy of a large body
        out.write(body);
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                answer.writeBytes(exactly(size));
                line();   // the CRLF after each chunk
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers carry nothing the benchmark reads
            }
        } else if (length >= 0) {
            answer.writeBytes(exactly(length));
        } else {
            answer.writeBytes(in.readAllBytes());   // HTTP/1.0 style: the body ends with the connection
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(status, answer.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Long.parseLong((extension >= 0 ? line.substring(0, extension) : line).strip(), 16);
    }

    private byte[] exactly(long length) throws IOException {
        byte[] bytes = in.readNBytes(Math.toIntExact(length));
        if (bytes.length < length) {
            throw new EOFException("the answer ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of an answer");
            }
            if (line.length() > MAX_HEADER_LINE) {
                throw new IOException("an answer line longer than " + MAX_HEADER_LINE + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection the server may have closed already
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
