package io.pgpulse.core.activity;

import java.time.Instant;

/**
 * One row of pg_prepared_xacts: a two-phase transaction that survives disconnects and restarts,
 * holding its locks and the xmin horizon until someone runs COMMIT PREPARED or ROLLBACK PREPARED.
 *
 * @param xidAge age(transaction) in transaction ids
 */
public record PreparedTransaction(String gid, Instant prepared, String owner, String database, String xid,
        long xidAge) {
}
