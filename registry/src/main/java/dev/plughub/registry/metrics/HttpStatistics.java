package dev.plughub.registry.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * Jetty's {@link StatisticsHandler} with answers counted in {@code long}s. Jetty counts them in
 * {@code long}s too but hands them out as {@code int}s, which a busy server passes within a day
 * (2^31 answers at 25,000 a second take 24 hours) and which then read as negative or start again
 * from zero. Everything else (bytes, times, requests in flight) is read from Jetty's own figures.
 */
public final class HttpStatistics extends StatisticsHandler {

    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};

    @Override
    protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
        super.onComplete(request, status, headers, failure);
        count(status, 1);
    }

    /** Counts {@code answers} answers of {@code status}; a status outside 100-599 counts in no class. */
    void count(int status, long answers) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            byClass[statusClass - 1].add(answers);
        }
    }

    /** Answers of a status class (1 for 1xx … 5 for 5xx) since start. */
    public long answers(int statusClass) {
        return byClass[statusClass - 1].sum();
    }

    /** Answers of every class since start. */
    public long answers() {
        long total = 0;
        for (LongAdder adder : byClass) {
            total += adder.sum();
        }
        return total;
    }
}
