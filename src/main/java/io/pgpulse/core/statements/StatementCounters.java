package io.pgpulse.core.statements;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Cumulative counters of one pg_stat_statements entry as read in one poll.
 *
 * @param walBytes       empty where the server does not report WAL usage; never 0 as a stand-in
 * @param minExecTimeMs  smallest execution time since the entry's min/max were last reset; empty
 *                       when not read
 * @param maxExecTimeMs  largest execution time since the entry's min/max were last reset; empty
 *                       when not read
 * @param statsSince     when the server created this entry (PostgreSQL 17+); empty on older
 *                       servers. It is what tells a re-created entry from a continuing one.
 */
public record StatementCounters(
        StatementKey key,
        long calls,
        double totalExecTimeMs,
        double totalPlanTimeMs,
        long rows,
        long sharedBlksHit,
        long sharedBlksRead,
        long tempBlksRead,
        long tempBlksWritten,
        OptionalLong walBytes,
        OptionalDouble minExecTimeMs,
        OptionalDouble maxExecTimeMs,
        Optional<Instant> statsSince) {

    public StatementCounters {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(walBytes, "walBytes");
        Objects.requireNonNull(minExecTimeMs, "minExecTimeMs");
        Objects.requireNonNull(maxExecTimeMs, "maxExecTimeMs");
        Objects.requireNonNull(statsSince, "statsSince");
        Checks.nonNegative(calls, "calls");
        Checks.nonNegative(totalExecTimeMs, "totalExecTimeMs");
        Checks.nonNegative(totalPlanTimeMs, "totalPlanTimeMs");
        Checks.nonNegative(rows, "rows");
        Checks.nonNegative(sharedBlksHit, "sharedBlksHit");
        Checks.nonNegative(sharedBlksRead, "sharedBlksRead");
        Checks.nonNegative(tempBlksRead, "tempBlksRead");
        Checks.nonNegative(tempBlksWritten, "tempBlksWritten");
        Checks.nonNegative(walBytes, "walBytes");
        Checks.nonNegative(minExecTimeMs, "minExecTimeMs");
        Checks.nonNegative(maxExecTimeMs, "maxExecTimeMs");
    }

    /** Mean execution time over the entry's lifetime; empty while it has no calls. */
    public OptionalDouble meanExecTimeMs() {
        return calls == 0 ? OptionalDouble.empty() : OptionalDouble.of(totalExecTimeMs / calls);
    }
}
