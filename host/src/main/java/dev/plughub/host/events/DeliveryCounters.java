package dev.plughub.host.events;

import java.util.concurrent.atomic.LongAdder;

/** The running totals behind {@link DeliveryStats}. */
final class DeliveryCounters {

    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder dropped = new LongAdder();

    DeliveryStats snapshot() {
        return new DeliveryStats(delivered.sum(), failed.sum(), timedOut.sum(), dropped.sum());
    }
}
