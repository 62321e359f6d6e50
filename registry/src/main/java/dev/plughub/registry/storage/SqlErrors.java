package dev.plughub.registry.storage;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Recognises constraint violations on both databases (only the first SQLException in the chain counts). */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable t) {
        while (t != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        if (t instanceof SQLiteException s) {
            return s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return t instanceof SQLException e && "23505".equals(e.getSQLState());
    }
}
