package dev.plughub.host.observability;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each plugin's recent log records in a bounded ring (the oldest go first), queried by level, time
 * and text with pagination. Every record also goes to the SLF4J logger {@code plugin.<id>}, so the
 * host application's own logging sees it.
 */
public final class LogBuffer {

    public static final int DEFAULT_CAPACITY = 1_000;
    /**
     * A record's message and error keep at most this many characters, so a plugin's buffer holds at most
     * capacity × 2 × this many (16 MB at the defaults) and a page of {@link LogQuery#MAX_LIMIT} stays answerable.
     */
    public static final int MAX_TEXT = 4_096;

    private final int capacity;
    private final Clock clock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public LogBuffer() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    public LogBuffer(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log buffer holds at least one record, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The logger a plugin writes to (its {@code PluginContext.logger()}); the host writes there too. */
    public System.Logger loggerFor(String pluginId) {
        return new PluginLogger(pluginId, LoggerFactory.getLogger("plugin." + pluginId));
    }

    public LogPage query(String pluginId, LogQuery query) {
        Ring ring = rings.get(pluginId);
        List<LogEntry> newestFirst = ring == null ? List.of() : ring.newestFirst();
        long newest = newestFirst.isEmpty() ? 0 : newestFirst.getFirst().sequence();
        query.cursor().ifPresent(cursor -> {
            if (parseCursor(cursor) > newest) {   // after a record that was never written: not a cursor a page gave out
                throw new IllegalArgumentException("cursor '" + cursor + "' is not one a log page gave out: it is past"
                        + " the newest record (" + newest + ")");
            }
        });
        Predicate<LogEntry> filter = matching(query);
        List<LogEntry> matches = new ArrayList<>();
        for (LogEntry entry : newestFirst) {
            if (filter.test(entry)) {
                matches.add(entry);
            }
        }
        int offset = query.cursor().map(cursor -> firstAfter(matches, parseCursor(cursor))).orElse(query.offset());
        int start = Math.min(offset, matches.size());
        int end = Math.min(start + query.limit(), matches.size());
        List<LogEntry> page = matches.subList(start, end);
        Optional<String> next = end < matches.size() && !page.isEmpty()
                ? Optional.of(new LogCursor(page.get(page.size() - 1).sequence()).toString())
                : Optional.empty();
        return new LogPage(page, matches.size(), next, offset);
    }

    /** Forgets a plugin's records (on uninstall). */
    public void remove(String pluginId) {
        rings.remove(pluginId);
    }

    void append(String pluginId, LogLevel level, String message, Throwable thrown) {
        String error = thrown == null ? "" : thrown.getClass().getName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        Ring ring = rings.get(pluginId);
        if (ring == null) {
            ring = rings.computeIfAbsent(pluginId, id -> new Ring(capacity));
        }
        ring.add(clock, level, bounded(message), bounded(error));
    }

    /** {@code text} cut to the length a log record keeps, saying how much was dropped. */
    public static String bounded(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;   // keep pairs whole
        return text.substring(0, cut) + "… [" + (text.length() - cut) + " more characters dropped]";
    }

    private static Predicate<LogEntry> matching(LogQuery query) {
        Optional<String> needle = query.text().map(t -> t.toLowerCase(Locale.ROOT));
        return entry -> entry.level().atLeast(query.minLevel())
                && query.since().map(since -> !entry.timestamp().isBefore(since)).orElse(true)
                && query.until().map(until -> entry.timestamp().isBefore(until)).orElse(true)
                && needle.map(n -> entry.message().toLowerCase(Locale.ROOT).contains(n)
                        || entry.error().toLowerCase(Locale.ROOT).contains(n)).orElse(true);
    }

    /** Index of the first match older than the cursor's record (sequences fall down the list). */
    private static int firstAfter(List<LogEntry> newestFirst, long cursor) {
        int i = 0;
        while (i < newestFirst.size() && newestFirst.get(i).sequence() >= cursor) {
            i++;
        }
        return i;
    }

    private static long parseCursor(String cursor) {
        return LogCursor.parse(cursor).orElseThrow(() ->
                new IllegalArgumentException("cursor '" + cursor + "' is not one a log page gave out")).after();
    }

    /** A fixed array written round; one lock, held only to copy a reference in or the array out. */
    private static final class Ring {
        private final LogEntry[] slots;
        private long nextSequence = 1;

        Ring(int capacity) {
            slots = new LogEntry[capacity];
        }

        synchronized void add(Clock clock, LogLevel level, String message, String error) {
            long sequence = nextSequence++;
            slots[(int) (sequence % slots.length)] = new LogEntry(sequence, clock.instant(), level, message, error);
        }

        synchronized List<LogEntry> newestFirst() {
            List<LogEntry> entries = new ArrayList<>(slots.length);
            for (long s = nextSequence - 1; s >= 1 && s >= nextSequence - slots.length; s--) {
                entries.add(slots[(int) (s % slots.length)]);
            }
            return entries;
        }
    }

    private final class PluginLogger implements System.Logger {
        private final String pluginId;
        private final Logger slf4j;

        PluginLogger(String pluginId, Logger slf4j) {
            this.pluginId = pluginId;
            this.slf4j = slf4j;
        }

        @Override
        public String getName() {
            return "plugin." + pluginId;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            String message = msg == null ? "" : msg;
            append(pluginId, LogLevel.of(level), message, thrown);
            forward(level, message, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            String message = format == null ? "" : params == null || params.length == 0 ? format
                    : formatted(format, params);
            append(pluginId, LogLevel.of(level), message, null);
            forward(level, message, null);
        }

        /** A plugin's malformed pattern must not lose its record: keep it as written, with the values. */
        private static String formatted(String format, Object[] params) {
            try {
                return MessageFormat.format(format, params);
            } catch (IllegalArgumentException e) {
                return format + " " + Arrays.toString(params);
            }
        }

        private void forward(Level level, String message, Throwable thrown) {
            switch (level) {
                case ALL, TRACE -> slf4j.trace(message, thrown);
                case DEBUG -> slf4j.debug(message, thrown);
                case INFO -> slf4j.info(message, thrown);
                case WARNING -> slf4j.warn(message, thrown);
                default -> slf4j.error(message, thrown);
            }
        }
    }
}
