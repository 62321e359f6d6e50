package dev.plughub.registry.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can reach its database, decided by what connections do rather than by a
 * separate heartbeat. The first connection failure opens an outage (logged once, with its cause);
 * while it lasts, callers are refused at once instead of each waiting for the pool's connection
 * timeout, except one probe at a time, at most every {@link #PROBE_INTERVAL}, which asks the pool
 * for a validated connection; the first probe that gets one ends the outage (logged once). The pool
 * (HikariCP) reconnects by itself, so nothing here needs a restart.
 */
public final class DatabaseOutage {

    /** What clients are told to wait (Retry-After) while the database is unreachable. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** How often, at most, a request during an outage tries the database again. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final Clock clock;
    /** When the outage began; null while the database answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long nextProbeMillis;

    public DatabaseOutage(Clock clock) {
        this.clock = clock;
    }

    /**
     * The one rule for "the database could not be reached" (as opposed to a statement it refused):
     * the pool found no connection in time, or the driver reports a connection-exception SQLSTATE
     * (class 08), or the server is shutting down or starting up (57P01-57P03). Looks through the
     * whole cause chain, since Jdbi and the services wrap what the driver throws.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True while an outage is open (the health answer reports it). */
    public boolean down() {
        return since.get() != null;
    }

    /** Notes a failure; opens the outage (and logs it) if it is a connection failure and none is open. */
    public void failed(Throwable failure) {
        if (!isConnectionFailure(failure)) {
            return;
        }
        nextProbeMillis = clock.millis() + PROBE_INTERVAL.toMillis();
        if (since.compareAndSet(null, clock.instant())) {
            log.warn("The database is unreachable; answering 503 DATABASE_UNAVAILABLE until it is back ({})",
                    firstLine(rootMessage(failure)));
        }
    }

    /** Notes that the database answered; closes an open outage (and logs it). */
    void answered() {
        Instant began = since.get();
        if (began != null && since.compareAndSet(began, null)) {
            log.info("The database is reachable again after {} s", Duration.between(began, clock.instant()).toSeconds());
        }
    }

    /** During an outage: whether this caller may try the database (one at a time, once per interval). */
    boolean tryStartProbe() {
        if (clock.millis() < nextProbeMillis || !probing.compareAndSet(false, true)) {
            return false;
        }
        nextProbeMillis = clock.millis() + PROBE_INTERVAL.toMillis();
        return true;
    }

    void endProbe() {
        probing.set(false);
    }

    /** What a caller refused during an outage gets: a connection failure, so it maps like the real one. */
    SQLTransientConnectionException refusal() {
        return new SQLTransientConnectionException("The database is unreachable (since " + since.get()
                + "); not trying again before the next probe", "08001");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
