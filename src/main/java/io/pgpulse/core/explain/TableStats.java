package io.pgpulse.core.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Statistics freshness of one table, from pg_stat_user_tables.
 *
 * @param visible        the search path finds this table under its bare name
 * @param lastAnalyzed   the later of the manual and automatic ANALYZE; null when never analysed
 * @param reltuples      pg_class.reltuples: the planner's row count (-1 when never analysed, PostgreSQL 14+)
 */
public record TableStats(String schema, String table, boolean visible, long liveTuples, long deadTuples,
        long modificationsSinceAnalyze, double reltuples, Instant lastAnalyzed, Instant serverNow) {

    public Optional<Duration> sinceAnalyze() {
        return lastAnalyzed == null ? Optional.empty() : Optional.of(Duration.between(lastAnalyzed, serverNow));
    }

    /** Share of the live rows changed since the last ANALYZE (0–∞). */
    public double modifiedShare() {
        return modificationsSinceAnalyze / (double) Math.max(1, liveTuples);
    }
}
