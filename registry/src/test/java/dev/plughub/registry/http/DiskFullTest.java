package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** A full disk is the server's state, not the client's mistake: 507, whichever layer noticed it first. */
class DiskFullTest {

    @Test
    void a_full_disk_is_recognised_under_whatever_wraps_it() {
        assertThat(HttpErrors.diskFull(new UncheckedIOException(new IOException("No space left on device")))).isTrue();
        assertThat(HttpErrors.diskFull(new UnableToExecuteStatementException(
                new java.sql.SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)"),
                null))).isTrue();
        assertThat(ErrorCode.INSUFFICIENT_STORAGE.status()).isEqualTo(507);
    }

    @Test
    void other_failures_are_not_taken_for_a_full_disk() {
        assertThat(HttpErrors.diskFull(new IOException("Connection reset by peer"))).isFalse();
        assertThat(HttpErrors.diskFull(new IllegalStateException("the disk is fine", new IOException("closed")))).isFalse();
    }
}
