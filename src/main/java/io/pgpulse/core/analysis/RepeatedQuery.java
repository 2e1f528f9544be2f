package io.pgpulse.core.analysis;

import java.util.Optional;

import io.pgpulse.core.statements.StatementKey;

/**
 * A statement run at a very high rate for tiny per-call cost, and, when the evidence supports it,
 * the list query whose rows drive it (an N+1 loop).
 *
 * @param calls          calls of the lookup in the window
 * @param rowsPerCall    rows it returned per call
 * @param parentRows     rows the parent returned in the window (0 without a parent)
 * @param parentCalls    calls of the parent in the window
 * @param ratio          lookup calls ÷ parent rows (≈ 1 for one lookup per row)
 * @param correlation    share of polls in which lookup calls matched parent rows (0…1; NaN with
 *                       too few polls to tell)
 * @param application    an application seen running both, from pg_stat_activity samples
 */
public record RepeatedQuery(
        StatementKey lookup,
        Optional<StatementKey> parent,
        double windowSeconds,
        long calls,
        double callsPerSecond,
        double meanMs,
        double rowsPerCall,
        long parentCalls,
        long parentRows,
        double ratio,
        double correlation,
        int intervals,
        Optional<String> application) {

    public boolean isNPlusOne() {
        return parent.isPresent();
    }
}
