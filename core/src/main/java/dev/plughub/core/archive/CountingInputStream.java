package dev.plughub.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Reports every byte read to a counter before handing it on; the counter throws to stop the read.
 * Skipping reads too, so skipped bytes are still expanded and counted; mark/reset is not offered,
 * so no byte is counted twice or slips by uncounted.
 */
final class CountingInputStream extends InputStream {

    private final InputStream in;
    private final LongConsumer counter;
    private final boolean closesSource;

    CountingInputStream(InputStream in, LongConsumer counter, boolean closesSource) {
        this.in = in;
        this.counter = counter;
        this.closesSource = closesSource;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counter.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            counter.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        if (closesSource) {
            in.close();
        }
    }
}
