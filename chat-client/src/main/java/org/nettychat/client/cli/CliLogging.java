package org.nettychat.client.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the command-line client: by default nothing is logged, because log lines on the terminal would
 * break the line being typed; {@code --log-file} logs to a file, and {@code --verbose} logs debug lines (to standard
 * error when there is no log file).
 */
final class CliLogging {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private CliLogging() {
    }

    static void configure(boolean verbose, Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!verbose && logFile == null) {
            root.setLevel(Level.OFF);
            return;
        }
        root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            appender = file;
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }
}
