package dev.plughub.registry.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one import may receive from the network, in bytes and in time, counted across every
 * connection it opens. Each read checks both, so an oversized or endless repository stops while it
 * is being sent rather than after it has filled the disk.
 */
final class TransferBudget {

    /** Thrown from a read once the budget is spent; an IOException so it passes through JGit unchanged. */
    static final class ExceededException extends IOException {
        private final boolean time;

        private ExceededException(boolean time, String message) {
            super(message);
            this.time = time;
        }

        /** True for the time limit, false for the size limit. */
        boolean isTime() {
            return time;
        }
    }

    private final long maxBytes;
    private final Duration timeLimit;
    private final Instant deadline;
    private final Clock clock;
    private final AtomicLong received = new AtomicLong();

    TransferBudget(long maxBytes, Duration timeLimit, Clock clock) {
        this.maxBytes = maxBytes;
        this.timeLimit = timeLimit;
        this.deadline = clock.instant().plus(timeLimit);
        this.clock = clock;
    }

    long maxBytes() {
        return maxBytes;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    /** Whole seconds left, at least 1: JGit's per-read timeout for the next connection. */
    int secondsLeft() {
        return (int) Math.max(1, Duration.between(clock.instant(), deadline).toSeconds());
    }

    void checkTime() throws ExceededException {
        if (clock.instant().isAfter(deadline)) {
            throw new ExceededException(true, "the time limit of " + timeLimit.toSeconds() + " s is spent");
        }
    }

    InputStream meter(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                checkTime();
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }
        };
    }

    private void count(long n) throws ExceededException {
        if (received.addAndGet(n) > maxBytes) {
            throw new ExceededException(false, "the repository sent more than " + maxBytes + " bytes");
        }
    }
}
