package io.pgpulse.core.statements.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.statements.StatementKey;

/**
 * One statement's row in the Queries view over one window.
 *
 * @param text             normalised text on one line; null while the sampler has not fetched it
 * @param textTruncated    whether {@code text} is cut at the sampler's limit (the detail view
 *                         fetches the whole text)
 * @param database         null when the database oid could not be resolved
 * @param user             null when the role oid could not be resolved (yet)
 * @param applications     application names seen running this queryid in pg_stat_activity
 *                         samples; empty when none was seen or query ids are not computed
 * @param callsPerSecond   empty "since reset" when the reset time is unknown
 * @param sharePercent     share of all top-level execution time in the window; empty when the
 *                         window saw no execution time at all
 * @param maxTimeMs        the largest single execution; pg_stat_statements only keeps a lifetime
 *                         maximum, so this is present "since reset" only
 * @param sharedHitPercent empty when no shared block was touched
 * @param repeated         this statement is the lookup of an N+1 loop or a hot lookup
 * @param drives           N+1 lookups whose loop this statement's rows drive (it is their parent)
 */
public record QueryFigures(
        StatementKey key,
        String text,
        boolean textTruncated,
        String database,
        String user,
        Set<String> applications,
        long calls,
        OptionalDouble callsPerSecond,
        double totalTimeMs,
        OptionalDouble sharePercent,
        OptionalDouble meanTimeMs,
        OptionalDouble maxTimeMs,
        long rows,
        OptionalDouble rowsPerCall,
        OptionalDouble sharedHitPercent,
        long tempBlksWritten,
        double planTimeMs,
        boolean slow,
        Optional<Regression> regression,
        Optional<RepeatedQuery> repeated,
        List<StatementKey> drives) {

    public QueryFigures {
        Objects.requireNonNull(key, "key");
        applications = Set.copyOf(applications);
        Objects.requireNonNull(callsPerSecond, "callsPerSecond");
        Objects.requireNonNull(sharePercent, "sharePercent");
        Objects.requireNonNull(meanTimeMs, "meanTimeMs");
        Objects.requireNonNull(maxTimeMs, "maxTimeMs");
        Objects.requireNonNull(rowsPerCall, "rowsPerCall");
        Objects.requireNonNull(sharedHitPercent, "sharedHitPercent");
        Objects.requireNonNull(regression, "regression");
        Objects.requireNonNull(repeated, "repeated");
        drives = List.copyOf(drives);
    }

    public long queryId() {
        return key.queryId();
    }

    public boolean isNPlusOne() {
        return repeated.map(RepeatedQuery::isNPlusOne).orElse(false);
    }

    public boolean isHotLookup() {
        return repeated.map(r -> !r.isNPlusOne()).orElse(false);
    }

    public boolean drivesLoop() {
        return !drives.isEmpty();
    }

    /** Any marker: slow, regressed, N+1 (either end) or hot lookup. */
    public boolean flagged() {
        return slow || regression.isPresent() || repeated.isPresent() || !drives.isEmpty();
    }
}
