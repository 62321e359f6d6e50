package dev.plughub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps out of the server's log what Jetty reports about an exchange the client cut short: a client
 * that closes its connection in the middle of an upload gets its 400 from the route, after which
 * Jetty's servlet layer finds the output aborted and logs a twenty-line stack trace at WARN. One such
 * client per second would flood the log with nothing an operator can act on.
 */
final class AbortedExchangeFilter extends TurboFilter {

    /** How Jetty's servlet channel describes the state of an exchange whose output was aborted. */
    private static final String ABORTED_OUTPUT = "os=ABORTED";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.eclipse.jetty")) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        return abortedByClient(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean abortedByClient(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalStateException && cause.getMessage() != null
                    && cause.getMessage().contains(ABORTED_OUTPUT)) {
                return true;
            }
        }
        return false;
    }
}
