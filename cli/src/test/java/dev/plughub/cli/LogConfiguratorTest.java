package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One log, one format: what the host writes through {@link System.Logger} goes through logback too. */
class LogConfiguratorTest {

    @Test
    void the_hosts_system_logger_records_reach_logback_not_java_util_logging() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        try {
            System.getLogger("dev.plughub.host.Plugins").log(System.Logger.Level.WARNING, "plugin {0} failed", "brittle");
        } finally {
            root.detachAppender(seen);
        }

        assertThat(seen.list).extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getFormattedMessage)
                .contains(org.assertj.core.groups.Tuple.tuple("dev.plughub.host.Plugins", "plugin brittle failed"));
    }
}
