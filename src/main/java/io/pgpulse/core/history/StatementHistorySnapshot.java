package io.pgpulse.core.history;

import io.pgpulse.core.statements.StatementKey;
import java.util.Objects;

/**
 * Immutable copy of one statement's history, oldest first. Each point describes one poll in which
 * the statement ran; polls without a point had no calls.
 */
public final class StatementHistorySnapshot {

    private final StatementKey key;
    private final long[] epochMillis;
    private final double[] callsPerSecond;
    private final double[] meanExecTimeMs;
    private final double[] rows;

    StatementHistorySnapshot(
            StatementKey key, long[] epochMillis, double[] callsPerSecond, double[] meanExecTimeMs, double[] rows) {
        this.key = Objects.requireNonNull(key, "key");
        this.epochMillis = epochMillis;
        this.callsPerSecond = callsPerSecond;
        this.meanExecTimeMs = meanExecTimeMs;
        this.rows = rows;
    }

    public StatementKey key() {
        return key;
    }

    public int size() {
        return epochMillis.length;
    }

    public long epochMillisAt(int index) {
        return epochMillis[index];
    }

    public double callsPerSecondAt(int index) {
        return callsPerSecond[index];
    }

    public double meanExecTimeMsAt(int index) {
        return meanExecTimeMs[index];
    }

    /** Rows returned or affected during that poll's interval. */
    public double rowsAt(int index) {
        return rows[index];
    }
}
