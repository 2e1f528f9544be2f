package io.pgpulse.core.sampling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementKey;

/**
 * pg_stat_statements as of one poll, the monitor's own statements removed.
 *
 * @param latest     the work done since the previous poll (a baseline on the first poll)
 * @param cumulative lifetime counters of every entry, for "since the statistics were reset"
 * @param texts      the texts known so far, by queryid (others are still being fetched)
 * @param roleNames  userid → role name, for the ids seen so far
 * @param statsReset when the statistics were last reset, if the server says
 */
public record StatementsSnapshot(
        DeltaResult latest,
        Map<StatementKey, StatementCounters> cumulative,
        Map<Long, QueryText> texts,
        Map<Long, String> roleNames,
        Optional<Instant> statsReset,
        long deallocations) {

    public Optional<QueryText> text(long queryId) {
        return Optional.ofNullable(texts.get(queryId));
    }
}
