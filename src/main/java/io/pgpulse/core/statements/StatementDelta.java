package io.pgpulse.core.statements;

import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one statement did during an interval: the difference of its counters between two polls,
 * or the sum of such differences over a window (see {@link WindowAggregator}).
 *
 * @param intervalSeconds length of the interval the counts cover; always positive, so rates are
 *                        always defined
 * @param walBytes        empty when either end of the interval lacked WAL figures
 */
public record StatementDelta(
        StatementKey key,
        double intervalSeconds,
        long calls,
        double execTimeMs,
        double planTimeMs,
        long rows,
        long sharedBlksHit,
        long sharedBlksRead,
        long tempBlksRead,
        long tempBlksWritten,
        OptionalLong walBytes) {

    /**
     * Most total execution time first, the order that finds "the one query eating the database";
     * ties are broken down to the key so lists are stable from poll to poll.
     */
    public static final Comparator<StatementDelta> HEAVIEST_FIRST =
            Comparator.comparingDouble(StatementDelta::execTimeMs).reversed()
                    .thenComparing(Comparator.comparingLong(StatementDelta::calls).reversed())
                    .thenComparingLong(d -> d.key().dbId())
                    .thenComparingLong(d -> d.key().userId())
                    .thenComparingLong(d -> d.key().queryId())
                    .thenComparing(d -> d.key().topLevel());

    public StatementDelta {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(walBytes, "walBytes");
        if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("intervalSeconds must be positive: " + intervalSeconds);
        }
        Checks.nonNegative(calls, "calls");
        Checks.nonNegative(execTimeMs, "execTimeMs");
        Checks.nonNegative(planTimeMs, "planTimeMs");
        Checks.nonNegative(rows, "rows");
        Checks.nonNegative(sharedBlksHit, "sharedBlksHit");
        Checks.nonNegative(sharedBlksRead, "sharedBlksRead");
        Checks.nonNegative(tempBlksRead, "tempBlksRead");
        Checks.nonNegative(tempBlksWritten, "tempBlksWritten");
        Checks.nonNegative(walBytes, "walBytes");
    }

    public double callsPerSecond() {
        return calls / intervalSeconds;
    }

    /** Empty when the statement was not called in the interval: there is no mean of nothing. */
    public OptionalDouble meanExecTimeMs() {
        return calls == 0 ? OptionalDouble.empty() : OptionalDouble.of(execTimeMs / calls);
    }

    /** Empty when the statement was not called in the interval. */
    public OptionalDouble rowsPerCall() {
        return calls == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) rows / calls);
    }

    /** Share of shared-buffer accesses served from cache; empty when no block was touched. */
    public OptionalDouble sharedHitRatio() {
        long touched = sharedBlksHit + sharedBlksRead;
        return touched == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sharedBlksHit / touched);
    }
}
