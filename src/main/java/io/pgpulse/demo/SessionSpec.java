package io.pgpulse.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How a workload session is opened: who it says it is and how long its statements may run.
 *
 * @param statementTimeout {@link Duration#ZERO} only for the migration, which must queue for its lock
 *                         as a real migration tool would; every other session is bounded so nothing
 *                         runs away
 */
record SessionSpec(String applicationName, Duration statementTimeout) {
    SessionSpec {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    static SessionSpec app(String applicationName, Duration statementTimeout) {
        return new SessionSpec(applicationName, statementTimeout);
    }

    static SessionSpec unbounded(String applicationName) {
        return new SessionSpec(applicationName, Duration.ZERO);
    }

    /**
     * Server settings sent in the startup packet, so a churning session needs no extra round trip.
     * {@code idle_in_transaction_session_timeout} is pinned to 0 because the migration stall depends
     * on a transaction staying idle; {@code client_connection_check_interval} lets a backend notice a
     * vanished client even while it waits for a lock.
     */
    String options() {
        return "-c statement_timeout=" + statementTimeout.toMillis()
                + " -c lock_timeout=0"
                + " -c idle_in_transaction_session_timeout=0"
                + " -c client_connection_check_interval=2000";
    }

    /** pgjdbc's read limit in whole seconds, a little past the server's own timeout; 0 waits for ever. */
    int socketTimeoutSeconds() {
        return statementTimeout.isZero() ? 0 : (int) statementTimeout.toSeconds() + 5;
    }
}
