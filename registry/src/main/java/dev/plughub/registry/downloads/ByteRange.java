package dev.plughub.registry.downloads;

import java.util.Optional;

/**
 * What a {@code Range} header asks of a file of a known size (RFC 9110 §14). Only one range is served:
 * a request for several satisfiable ranges gets the whole file, which the RFC allows.
 */
public sealed interface ByteRange {

    /** Send the whole file (no Range header, a header we ignore, or several ranges). */
    record Whole() implements ByteRange {
    }

    /** Send bytes {@code start} to {@code end}, both inclusive. */
    record Part(long start, long end) implements ByteRange {
        public long length() {
            return end - start + 1;
        }
    }

    /** No requested range overlaps the file: 416. */
    record Unsatisfiable() implements ByteRange {
    }

    /** @param header the Range header, or null */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.trim();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return new Whole();   // another unit, or not a range at all: ignored as the RFC says
        }
        Part only = null;
        int satisfiable = 0;
        for (String spec : value.substring(eq + 1).split(",", -1)) {
            Optional<Optional<Part>> parsed = parse(spec.trim(), size);
            if (parsed.isEmpty()) {
                return new Whole();   // a malformed header is ignored as a whole
            }
            if (parsed.get().isPresent()) {
                satisfiable++;
                only = parsed.get().get();
            }
        }
        if (satisfiable == 0) {
            return new Unsatisfiable();
        }
        return satisfiable == 1 ? only : new Whole();
    }

    /** Empty when malformed; otherwise the part, or empty when it lies outside the file. */
    private static Optional<Optional<Part>> parse(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (first.isEmpty()) {
            long suffix = number(last);
            if (suffix < 0) {
                return Optional.empty();
            }
            return Optional.of(suffix == 0 || size == 0
                    ? Optional.empty()
                    : Optional.of(new Part(Math.max(0, size - suffix), size - 1)));
        }
        long start = number(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (start < 0 || end < 0 || end < start) {
            return Optional.empty();
        }
        return Optional.of(start >= size ? Optional.empty() : Optional.of(new Part(start, Math.min(end, size - 1))));
    }

    /** A non-negative decimal (saturating at Long.MAX_VALUE), or -1 when the text is not one. */
    private static long number(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }
}
