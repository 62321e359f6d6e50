package dev.plughub.registry.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as Jdbi sees it, with {@link DatabaseOutage} in front: while the database answers, a
 * connection costs one volatile read more than the pool's own; during an outage callers are refused
 * at once (so a node does not pile up requests that each wait the pool's connection timeout), and
 * the one probe allowed at a time takes a connection and checks it before declaring the outage over.
 * Until the database is open and migrated ({@link Database#opening}) a caller waits for it.
 */
final class GuardedDataSource implements DataSource {

    private static final int VALIDATION_SECONDS = 2;

    private final CompletableFuture<HikariDataSource> opening;
    private final DatabaseOutage outage;

    GuardedDataSource(CompletableFuture<HikariDataSource> opening, DatabaseOutage outage) {
        this.opening = opening;
        this.outage = outage;
    }

    /** The pool, once the database is open; a failure to open it is every caller's failure. */
    private HikariDataSource pool() throws SQLException {
        try {
            return opening.join();
        } catch (CompletionException | CancellationException e) {
            throw new SQLException("the database could not be opened: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        HikariDataSource pool = pool();
        if (!outage.down()) {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                outage.failed(e);
                throw e;
            }
        }
        if (!outage.tryStartProbe()) {
            throw outage.refusal();
        }
        try {
            Connection c = pool.getConnection();
            // Hikari skips its own check for a connection used in the last 500 ms: one that broke
            // with the outage could still be handed out, so the probe checks it itself.
            if (!c.isValid(VALIDATION_SECONDS)) {
                pool.evictConnection(c);
                SQLException invalid = outage.refusal();
                outage.failed(invalid);
                throw invalid;
            }
            outage.answered();
            return c;
        } catch (SQLException e) {
            outage.failed(e);
            throw e;
        } finally {
            outage.endProbe();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        try {
            return pool().getParentLogger();
        } catch (SQLException e) {
            throw new SQLFeatureNotSupportedException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool().isWrapperFor(type);
    }
}
