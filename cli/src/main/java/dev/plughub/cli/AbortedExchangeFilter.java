package dev.plughub.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps out of the server's log what Jetty's servlet layer reports about an exchange the route has
 * already answered. A client that cuts an upload short, or sends a multipart body Jetty cannot parse
 * (no boundary, too many fields, a chunked file over the limit), gets its 4xx from the route;
 * afterwards Jetty's own state machine finds the exchange in a state it did not expect (output
 * aborted, request gone, channel completed, a parse that failed) and logs a twenty- to
 * hundred-line stack trace at WARN while trying to write a second, 500 answer that is never sent.
 * One such client a second would flood the log with nothing an operator can act on. Only those
 * complaints are dropped: Jetty's {@code writeError} and {@code unknown request} messages whose
 * failure was raised inside Jetty itself. A filter on the appender, so it sees only records that
 * are written, never the level checks on the request path.
 */
final class AbortedExchangeFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        String format = event.getMessage();
        if (format == null || !event.getLoggerName().startsWith("org.eclipse.jetty")
                || !(format.startsWith("writeError") || format.equals("unknown request"))) {
            return FilterReply.NEUTRAL;
        }
        return raisedByJetty(event.getThrowableProxy()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** An IllegalStateException or NullPointerException, bare or wrapped, thrown from Jetty's own code. */
    private static boolean raisedByJetty(IThrowableProxy thrown) {
        for (IThrowableProxy cause = thrown; cause != null; cause = cause.getCause()) {
            String type = cause.getClassName();
            if (type.equals(IllegalStateException.class.getName()) || type.equals(NullPointerException.class.getName())) {
                StackTraceElementProxy[] stack = cause.getStackTraceElementProxyArray();
                return stack.length > 0 && stack[0].getStackTraceElement().getClassName().startsWith("org.eclipse.jetty.");
            }
        }
        return false;
    }
}
