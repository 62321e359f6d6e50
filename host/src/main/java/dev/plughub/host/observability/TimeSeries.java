package dev.plughub.host.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Calls per minute for the last hour and per hour for the last day, in two rings of slots. A slot
 * is replaced (compare-and-set) when its interval comes round again, so recording allocates only
 * once per interval and never loses a call to a reset.
 */
final class TimeSeries {

    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 60 * MINUTE_MS;

    private static final class Slot {
        final long start;   // in units of the ring's interval since the epoch
        final AtomicLong count = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();

        Slot(long start) {
            this.start = start;
        }
    }

    private final AtomicReferenceArray<Slot> minutes = new AtomicReferenceArray<>(60);
    private final AtomicReferenceArray<Slot> hours = new AtomicReferenceArray<>(24);

    void record(long nowMillis, long nanos, boolean ok) {
        add(minutes, nowMillis / MINUTE_MS, nanos, ok);
        add(hours, nowMillis / HOUR_MS, nanos, ok);
    }

    private static void add(AtomicReferenceArray<Slot> ring, long interval, long nanos, boolean ok) {
        int index = (int) (interval % ring.length());
        Slot slot = ring.get(index);
        while (slot == null || slot.start != interval) {
            if (slot != null && slot.start > interval) {
                return;   // a clock that stepped back: this call belongs to an interval already gone
            }
            Slot fresh = new Slot(interval);
            if (ring.compareAndSet(index, slot, fresh)) {
                slot = fresh;
            } else {
                slot = ring.get(index);
            }
        }
        slot.count.incrementAndGet();
        if (!ok) {
            slot.errors.incrementAndGet();
        }
        slot.nanos.addAndGet(nanos);
    }

    /** The four resolutions of {@link MetricsSnapshot#series()}. */
    Map<String, List<SeriesPoint>> read(long nowMillis) {
        Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
        series.put("1m", points(minutes, nowMillis / MINUTE_MS, MINUTE_MS, 1, 60));
        series.put("5m", points(minutes, nowMillis / MINUTE_MS, MINUTE_MS, 5, 12));
        series.put("15m", points(minutes, nowMillis / MINUTE_MS, MINUTE_MS, 15, 4));
        series.put("1h", points(hours, nowMillis / HOUR_MS, HOUR_MS, 1, 24));
        return series;
    }

    /** {@code points} points of {@code width} slots each, aligned to multiples of the width, oldest first. */
    private static List<SeriesPoint> points(AtomicReferenceArray<Slot> ring, long current, long slotMillis, int width,
                                            int points) {
        long lastStart = current - current % width;
        List<SeriesPoint> result = new ArrayList<>(points);
        for (long start = lastStart - (long) (points - 1) * width; start <= lastStart; start += width) {
            long count = 0;
            long errors = 0;
            long nanos = 0;
            for (long interval = start; interval < start + width; interval++) {
                Slot slot = interval > current || interval <= current - ring.length()
                        ? null : ring.get((int) (interval % ring.length()));
                if (slot != null && slot.start == interval) {
                    count += slot.count.get();
                    errors += slot.errors.get();
                    nanos += slot.nanos.get();
                }
            }
            result.add(new SeriesPoint(Instant.ofEpochMilli(start * slotMillis), count, errors,
                    count == 0 ? 0 : nanos / 1_000_000.0 / count));
        }
        return result;
    }
}
