package io.pgpulse.core.history;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of a {@link HistoryStore}.
 *
 * @param retention             how far back series and per-statement history reach
 * @param interval              the refresh interval; with {@code retention} it fixes how many
 *                              points each series keeps
 * @param maxStatementsTracked  statements with their own history; the least recently active is
 *                              forgotten first
 * @param maxSeries             named series; the least recently written is forgotten first, so
 *                              this must exceed the number of series written per poll
 * @param maxRetainedDeltaRows  statement deltas kept for window aggregation across all retained
 *                              results. The result count alone does not bound memory: at a 1 s
 *                              refresh with thousands of active statements an hour of results
 *                              would take gigabytes, so the oldest results go first when this is
 *                              exceeded and windows report the shorter coverage.
 */
public record HistoryConfig(
        Duration retention,
        Duration interval,
        int maxStatementsTracked,
        int maxSeries,
        int maxRetainedDeltaRows) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    public static final int DEFAULT_MAX_STATEMENTS_TRACKED = 500;
    public static final int DEFAULT_MAX_SERIES = 256;
    public static final int DEFAULT_MAX_RETAINED_DELTA_ROWS = 250_000;

    /** Keeps memory for a misconfigured retention/interval pair within reason. */
    static final int MAX_CAPACITY = 1_000_000;

    public HistoryConfig {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(interval, "interval");
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("retention and interval must be positive");
        }
        if (maxStatementsTracked < 0 || maxSeries < 0 || maxRetainedDeltaRows < 0) {
            throw new IllegalArgumentException("bounds must not be negative");
        }
        long capacity = capacity(retention, interval);
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("retention " + retention + " at interval " + interval
                    + " needs " + capacity + " points per series; at most " + MAX_CAPACITY);
        }
    }

    public HistoryConfig(Duration retention, Duration interval, int maxStatementsTracked) {
        this(retention, interval, maxStatementsTracked, DEFAULT_MAX_SERIES, DEFAULT_MAX_RETAINED_DELTA_ROWS);
    }

    public static HistoryConfig withDefaults(Duration interval) {
        return new HistoryConfig(DEFAULT_RETENTION, interval, DEFAULT_MAX_STATEMENTS_TRACKED);
    }

    /**
     * Points per series: one per interval across the retention, plus one so that a series spans
     * the whole retention rather than one interval short of it.
     */
    public int capacity() {
        return (int) capacity(retention, interval);
    }

    private static long capacity(Duration retention, Duration interval) {
        long r = retention.toNanos();
        long i = interval.toNanos();
        return r / i + (r % i == 0 ? 0 : 1) + 1;
    }
}
