package dev.plughub.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream that gives up when the registry stops sending: a read that waits
 * longer than the stall limit for the next bytes fails with {@link Stalled} and cancels the exchange
 * (which closes the connection). The JDK's own {@code ofInputStream} would wait forever, and its
 * request timeout ends once the headers have arrived.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<BodyStream> {

    /** No bytes arrived within the stall limit. */
    static final class Stalled extends IOException {
        final Duration limit;

        Stalled(Duration limit) {
            super("no data for " + Seconds.of(limit));
            this.limit = limit;
        }
    }

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final Duration stall;
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean ended;
    private volatile boolean closed;

    BodyStream(Duration stall) {
        this.stall = stall;
    }

    static HttpResponse.BodyHandler<BodyStream> handler(Duration stall) {
        return info -> new BodyStream(stall);
    }

    // --- the subscriber side, called by the HTTP client's threads ---

    @Override
    public CompletionStage<BodyStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s) || closed) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrivals.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    // --- the stream side, read by the caller ---

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (ended) {
                return -1;
            }
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            next();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Waits for the next list of buffers, the end, or a failure, at most the stall limit. */
    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        Object item;
        try {
            item = arrivals.poll(stall.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for the registry");
        }
        if (item == null) {
            close();
            throw new Stalled(stall);
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Failure failure) {
            ended = true;
            throw failure.cause() instanceof IOException io ? io : new IOException(failure.cause());
        } else {
            buffers = ((List<ByteBuffer>) item).iterator();
            subscription.thenAccept(s -> s.request(1));
        }
    }

    /** Stops the transfer: what has not arrived is not waited for, and the connection is let go. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            subscription.thenAccept(Flow.Subscription::cancel);
        }
    }
}
