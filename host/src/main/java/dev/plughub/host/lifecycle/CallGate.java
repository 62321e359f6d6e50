package dev.plughub.host.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in flight into one started instance (actions, health, messages), so that its
 * {@code shutdown} runs after them, as the plugin API promises, never beside them. A call
 * {@link #enter}s before it reaches plugin code and {@link #exit}s after; once the instance is
 * {@link #close closed}, no call enters, and closing waits for those inside.
 *
 * <p>One atomic integer, no lock: the action path pays a compare-and-set on the way in and a
 * decrement on the way out.
 */
public final class CallGate {

    /** Set once closed; the other bits count the calls inside. */
    private static final int CLOSED = Integer.MIN_VALUE;

    private final AtomicInteger state = new AtomicInteger();
    private final CountDownLatch drained = new CountDownLatch(1);

    /** Answers false, and lets nothing in, once the instance is closing. */
    public boolean enter() {
        while (true) {
            int current = state.get();
            if ((current & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            drained.countDown();
        }
    }

    /**
     * Lets no more calls in and waits for those inside, at most {@code wait}. Answers whether they all
     * came out in time (a call past its own deadline may still be running when this gives up).
     */
    public boolean close(Duration wait) {
        int before = state.getAndUpdate(current -> current | CLOSED);
        if ((before & ~CLOSED) == 0) {
            drained.countDown();
            return true;
        }
        try {
            return drained.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Calls inside now. */
    public int inFlight() {
        return state.get() & ~CLOSED;
    }
}
