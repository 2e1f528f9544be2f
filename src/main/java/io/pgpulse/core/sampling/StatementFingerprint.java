package io.pgpulse.core.sampling;

import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementKey;

/**
 * The value the statement-counters query computes server-side for each entry; entries whose
 * fingerprint the client sends back are not transferred again. Shifts and xor only, exactly as in
 * {@code statement_counters/*.sql}, so both sides agree bit for bit (PostgreSQL's bigint shift
 * wraps like Java's).
 */
public final class StatementFingerprint {
    private StatementFingerprint() {}

    public static long of(StatementKey key, long calls) {
        return key.queryId() ^ (calls << 17) ^ (key.userId() << 40) ^ (key.dbId() << 8) ^ (key.topLevel() ? 1L : 0L);
    }

    public static long of(StatementCounters counters) {
        return of(counters.key(), counters.calls());
    }
}
