package io.pgpulse.testing;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

import org.slf4j.LoggerFactory;

/** Captures everything logged (at every level, with stack traces) while it is open. */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previous = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
        setAll(Level.ALL);
    }

    private static void setAll(Level level) {
        for (String name : List.of("io.pgpulse", "com.zaxxer.hikari", "org.postgresql")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
        }
    }

    /** Every message, formatted, with the messages of attached exceptions and their causes. */
    public String text() {
        return appender.list.stream().map(e -> {
            StringBuilder sb = new StringBuilder(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            return sb.toString();
        }).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
        ((Logger) LoggerFactory.getLogger("io.pgpulse")).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.postgresql")).setLevel(Level.WARN);
    }
}
