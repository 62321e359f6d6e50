package dev.plughub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code (found by logback through {@code META-INF/services}): parsing a
 * logback.xml costs hundreds of classes and an XML parser at every start. The server's log goes to
 * stderr, so stdout carries only what a command prints; libraries speak only when something is wrong.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();

        AbortedExchangeFilter aborted = new AbortedExchangeFilter();
        aborted.setContext(context);
        aborted.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.addFilter(aborted);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "com.zaxxer.hikari", "org.jdbi"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        // what the HTTP parser warns about is a client's malformed request (two Host headers, say),
        // already answered 400: one line per such request would let any client fill the log
        context.getLogger("org.eclipse.jetty.http.HttpParser").setLevel(Level.ERROR);
        // a failed start is reported by the CLI in one line; this logger would add a stack trace to it
        context.getLogger("io.javalin.Javalin").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
