package dev.plughub.registry.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns why PostgreSQL could not be used into one sentence that names what is wrong and the setting
 * to change (the node prints it and refuses to start). Never includes the password.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    static DatabaseSetupException explain(DatabaseSettings settings, Throwable failure) {
        if (failure instanceof DatabaseSetupException known) {
            return known;
        }
        String where = settings.displayUrl();
        String user = settings.user().map(u -> "user '" + u + "'").orElse("the configured user");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new DatabaseSetupException("Cannot reach the PostgreSQL server of " + where
                        + ": unknown host " + t.getMessage() + "; check PLUGHUB_DATABASE_URL (--database-url)", failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return new DatabaseSetupException("Cannot reach the PostgreSQL server of " + where
                        + " (" + firstLine(t.getMessage()) + "); check PLUGHUB_DATABASE_URL (--database-url) and that the server is running",
                        failure);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("28P01") || state.equals("28000")) {
                    return new DatabaseSetupException("The PostgreSQL server of " + where + " refused the credentials of "
                            + user + "; check PLUGHUB_DATABASE_USER and PLUGHUB_DATABASE_PASSWORD", failure);
                }
                if (state.equals("3D000")) {
                    return new DatabaseSetupException("The database of " + where + " does not exist on its server;"
                            + " create it (CREATE DATABASE …) or fix PLUGHUB_DATABASE_URL", failure);
                }
                if (state.equals("42501")) {
                    return new DatabaseSetupException("The PostgreSQL " + user + " may not create Plughub's tables in "
                            + where + " (" + firstLine(sql.getMessage()) + "); make it the database's owner", failure);
                }
                if (state.startsWith("08")) {
                    return new DatabaseSetupException("Cannot reach the PostgreSQL server of " + where + " ("
                            + firstLine(sql.getMessage()) + "); check PLUGHUB_DATABASE_URL (--database-url)", failure);
                }
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new DatabaseSetupException("Cannot use the PostgreSQL database " + where + ": "
                + firstLine(String.valueOf(root.getMessage())), failure);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
