package dev.plughub.registry.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The metadata database. On SQLite (the zero-set-up default) writes go through one connection with
 * {@code BEGIN IMMEDIATE} transactions, so read-then-write transactions never fail with
 * SQLITE_BUSY_SNAPSHOT, and reads go through a small pool of read-only connections that WAL lets run
 * beside the writer (see NOTES-DATA.md). Use {@link #write()} for anything that changes data and
 * {@link #read()} for queries.
 */
public final class Database implements AutoCloseable {

    private final Dialect dialect;
    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi write;
    private final Jdbi read;

    private Database(Dialect dialect, HikariDataSource writerPool, HikariDataSource readerPool) {
        this.dialect = dialect;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.write = Jdbi.create(writerPool);
        this.read = readerPool == writerPool ? write : Jdbi.create(readerPool);
    }

    /** Opens (creating if needed) the SQLite database file and brings its schema up to date. */
    public static Database openSqlite(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=10000"
                + "&transaction_mode=IMMEDIATE";
        HikariConfig writer = new HikariConfig();
        writer.setPoolName("sqlite-writer");
        writer.setJdbcUrl(url);
        writer.setMaximumPoolSize(1);
        writer.setConnectionTimeout(30_000);
        HikariDataSource writerPool = new HikariDataSource(writer);
        migrate(writerPool, Dialect.SQLITE);

        HikariConfig reader = new HikariConfig();
        reader.setPoolName("sqlite-reader");
        reader.setJdbcUrl(url);
        reader.setMaximumPoolSize(4);
        reader.setMinimumIdle(1);   // the others open when reads need them: opening all four slowed start-up
        reader.setConnectionInitSql("PRAGMA query_only = 1");
        return new Database(Dialect.SQLITE, writerPool, new HikariDataSource(reader));
    }

    private static void migrate(HikariDataSource pool, Dialect dialect) {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.folder())
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For statements that change data (one writer on SQLite). */
    public Jdbi write() {
        return write;
    }

    /** For queries (read-only connections on SQLite). */
    public Jdbi read() {
        return read;
    }

    @Override
    public void close() {
        if (readerPool != writerPool) {
            readerPool.close();
        }
        writerPool.close();
    }
}
