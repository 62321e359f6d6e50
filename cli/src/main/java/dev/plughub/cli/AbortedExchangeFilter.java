package dev.plughub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps out of the server's log what Jetty's servlet layer reports about an exchange the route has
 * already answered. A client that cuts an upload short, or sends a multipart body Jetty cannot parse
 * (no boundary, too many fields, a chunked file over the limit), gets its 4xx from the route;
 * afterwards Jetty's own state machine finds the exchange in a state it did not expect (output
 * aborted, request gone, channel completed, a parse that failed) and logs a twenty- to
 * hundred-line stack trace at WARN while trying to write a second, 500 answer that is never sent.
 * One such client a second would flood the log with nothing an operator can act on. Only those
 * complaints are dropped: Jetty's {@code writeError} and {@code unknown request} messages whose
 * failure was raised inside Jetty itself.
 */
final class AbortedExchangeFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.eclipse.jetty") || format == null
                || !(format.startsWith("writeError") || format.equals("unknown request"))) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        return raisedByJetty(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** An IllegalStateException or NullPointerException, bare or wrapped, thrown from Jetty's own code. */
    private static boolean raisedByJetty(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalStateException || cause instanceof NullPointerException) {
                StackTraceElement[] stack = cause.getStackTrace();
                return stack.length > 0 && stack[0].getClassName().startsWith("org.eclipse.jetty.");
            }
        }
        return false;
    }
}
