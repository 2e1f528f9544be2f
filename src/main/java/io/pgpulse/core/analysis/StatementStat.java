package io.pgpulse.core.analysis;

import java.util.Objects;
import java.util.OptionalDouble;

import io.pgpulse.core.statements.StatementKey;

/**
 * One statement's work over a window, labelled for people.
 *
 * @param text          the normalised text; null while it has not been fetched yet
 * @param textTruncated whether {@code text} is cut at the sampler's limit
 * @param meanExecTimeMs empty when the statement was not called (it always was, in a top list)
 * @param sharePercent  this statement's execution time as a share of all top-level execution time
 *                      in the window; empty when the window saw no execution time at all
 * @param database      null when the database oid could not be resolved
 * @param role          null when the role oid could not be resolved (yet)
 */
public record StatementStat(
        StatementKey key,
        String text,
        boolean textTruncated,
        long calls,
        double callsPerSecond,
        double totalExecTimeMs,
        OptionalDouble meanExecTimeMs,
        long rows,
        OptionalDouble sharePercent,
        String database,
        String role) {

    public StatementStat {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meanExecTimeMs, "meanExecTimeMs");
        Objects.requireNonNull(sharePercent, "sharePercent");
    }

    public long queryId() {
        return key.queryId();
    }
}
