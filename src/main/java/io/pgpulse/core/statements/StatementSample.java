package io.pgpulse.core.statements;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every pg_stat_statements entry read in one poll, plus what is needed to notice that the
 * counters started over.
 *
 * <p>The sample must hold all entries, including those with zero calls: an entry the sampler
 * filtered out (a top-N query, {@code WHERE calls > 0}) looks brand new when it reappears, and its
 * lifetime counters would then be reported as one interval's work.
 *
 * @param takenAt         the server's {@code clock_timestamp()} at read time, so that it is
 *                        comparable with {@code statsReset} and {@link StatementCounters#statsSince()}
 *                        even when the desktop clock is off
 * @param statsReset      {@code pg_stat_statements_info.stats_reset}; empty when it could not be read
 * @param serverStartedAt {@code pg_postmaster_start_time()}
 */
public record StatementSample(
        Instant takenAt,
        Optional<Instant> statsReset,
        Instant serverStartedAt,
        Map<StatementKey, StatementCounters> counters) {

    public StatementSample {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(statsReset, "statsReset");
        Objects.requireNonNull(serverStartedAt, "serverStartedAt");
        counters = Map.copyOf(counters);
        for (Map.Entry<StatementKey, StatementCounters> entry : counters.entrySet()) {
            if (!entry.getKey().equals(entry.getValue().key())) {
                throw new IllegalArgumentException(
                        "counters for " + entry.getValue().key() + " filed under " + entry.getKey());
            }
        }
    }

    /** Builds a sample from rows as they come from the server, rejecting a key seen twice. */
    public static StatementSample of(
            Instant takenAt,
            Optional<Instant> statsReset,
            Instant serverStartedAt,
            Collection<StatementCounters> rows) {
        Map<StatementKey, StatementCounters> byKey = new HashMap<>(rows.size() * 2);
        for (StatementCounters row : rows) {
            if (byKey.putIfAbsent(row.key(), row) != null) {
                throw new IllegalArgumentException("duplicate statement key " + row.key());
            }
        }
        return new StatementSample(takenAt, statsReset, serverStartedAt, byKey);
    }
}
