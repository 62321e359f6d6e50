package dev.plughub.registry.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as Jdbi sees it, with {@link DatabaseOutage} in front: while the database answers, a
 * connection costs one volatile read more than the pool's own; during an outage callers are refused
 * at once (so a node does not pile up requests that each wait the pool's connection timeout), and
 * the one probe allowed at a time takes a connection and checks it before declaring the outage over.
 */
final class GuardedDataSource implements DataSource {

    private static final int VALIDATION_SECONDS = 2;

    private final HikariDataSource pool;
    private final DatabaseOutage outage;

    GuardedDataSource(HikariDataSource pool, DatabaseOutage outage) {
        this.pool = pool;
        this.outage = outage;
    }

    @Override
    public Connection getConnection() throws SQLException {
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
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
