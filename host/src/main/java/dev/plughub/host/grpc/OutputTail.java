package dev.plughub.host.grpc;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last few lines a process wrote to stderr, quoted when it fails to start or dies. */
final class OutputTail {

    private static final int LINES = 10;
    private static final int LINE_CHARS = 500;

    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        lines.addLast(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "..." : line);
        if (lines.size() > LINES) {
            lines.removeFirst();
        }
    }

    /** {@code "; stderr: a | b"}, or empty when the process wrote nothing. */
    synchronized String quoted() {
        return lines.isEmpty() ? "" : "; stderr: " + String.join(" | ", lines);
    }
}
