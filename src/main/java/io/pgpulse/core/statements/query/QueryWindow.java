package io.pgpulse.core.statements.query;

import java.time.Duration;
import java.util.Optional;

/** The span of time the Queries view's figures cover. */
public enum QueryWindow {
    /** The interval between the last two polls: what is happening now. */
    LAST_REFRESH("Last refresh", null),
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15)),
    /**
     * pg_stat_statements' own lifetime counters. Available from the first poll, and the only
     * window that reaches back before PgPulse connected, but a reset by anyone starts it over.
     */
    SINCE_RESET("Since reset", null);

    private final String label;
    private final Duration length;

    QueryWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    /** The sliding length; empty for the last refresh and since reset, which are not sliding windows. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
    }
}
