package io.pgpulse.demo;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one scenario, kept for the workload's whole life so a toggle does not zero them. */
final class ScenarioCounters {
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;

    void queries(long n) {
        queries.addAndGet(n);
    }

    void failed(SQLException e) {
        errors.incrementAndGet();
        lastError = describe(e);
    }

    long queries() {
        return queries.get();
    }

    long errors() {
        return errors.get();
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The server's message with its SQLSTATE; pgjdbc's messages carry no password. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        return e.getSQLState() == null ? message : message + " [" + e.getSQLState() + "]";
    }
}
