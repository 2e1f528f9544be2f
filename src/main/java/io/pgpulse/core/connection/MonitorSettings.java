package io.pgpulse.core.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * The safety envelope of every monitor session, derived from the refresh interval so that a query
 * can never run into the next poll: {@code statement_timeout} stays below the interval, socket
 * reads give up shortly after the server would have cancelled, and login never waits long.
 *
 * @param refreshInterval how often the sampler polls (1–60 s)
 * @param connectTimeout  TCP connect limit (pgjdbc {@code connectTimeout})
 * @param loginTimeout    limit for the whole login handshake (pgjdbc {@code loginTimeout}); a server
 *                        that accepts TCP but never answers fails within it
 */
public record MonitorSettings(Duration refreshInterval, Duration connectTimeout, Duration loginTimeout) {
    /** The monitor never holds more than this many sessions on a server. */
    public static final int MAX_CONNECTIONS = 2;
    public static final String APPLICATION_NAME = "pgpulse";
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    public MonitorSettings {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        if (refreshInterval.compareTo(MIN_INTERVAL) < 0 || refreshInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("The refresh interval must be between 1 and 60 seconds, not "
                    + refreshInterval.toMillis() / 1000.0 + " s");
        }
        if (loginTimeout.toSeconds() < 1 || connectTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("Connect and login timeouts are whole seconds, at least 1");
        }
    }

    public static MonitorSettings defaults() {
        return withInterval(DEFAULT_INTERVAL);
    }

    public static MonitorSettings withInterval(Duration interval) {
        return new MonitorSettings(interval, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public MonitorSettings withRefreshInterval(Duration interval) {
        return new MonitorSettings(interval, connectTimeout, loginTimeout);
    }

    public MonitorSettings withLoginTimeout(Duration timeout) {
        return new MonitorSettings(refreshInterval, connectTimeout, timeout);
    }

    /** Three quarters of the interval, at most 10 s: a poll always ends before the next is due. */
    public Duration statementTimeout() {
        Duration threeQuarters = refreshInterval.multipliedBy(3).dividedBy(4);
        return threeQuarters.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : threeQuarters;
    }

    /** The monitor only needs share locks on catalogs; it must never queue behind a DDL for long. */
    public Duration lockTimeout() {
        Duration half = statementTimeout().dividedBy(2);
        return half.compareTo(Duration.ofMillis(500)) > 0 ? Duration.ofMillis(500) : half;
    }

    public Duration idleInTransactionTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * pgjdbc counts whole seconds; the server cancels at {@link #statementTimeout()}, so the socket
     * gives up a little later, when the server itself has stopped answering.
     */
    public Duration socketTimeout() {
        return Duration.ofSeconds(statementTimeout().toSeconds() + 3);
    }

    /** The statements that make a session safe, run once when the session opens. */
    public String sessionSetupSql() {
        // The inner tag marks these as the monitor's own in pg_stat_statements (see SqlCatalog.TAG).
        return "SET /* pgpulse */ default_transaction_read_only = on; "
                + "SET /* pgpulse */ statement_timeout = " + statementTimeout().toMillis() + "; "
                + "SET /* pgpulse */ lock_timeout = " + lockTimeout().toMillis() + "; "
                + "SET /* pgpulse */ idle_in_transaction_session_timeout = " + idleInTransactionTimeout().toMillis();
    }
}
