package io.pgpulse.core.sampling;

import java.time.Instant;

/** Cumulative counters of one database from pg_stat_database (rates come from two snapshots). */
public record DatabaseCounters(
        long oid,
        String name,
        int connectionLimit,
        int backends,
        long commits,
        long rollbacks,
        long deadlocks,
        long tempFiles,
        long tempBytes,
        long sessions,
        long sessionsAbandoned,
        long sessionsFatal,
        long sessionsKilled,
        Instant statsReset) {
}
