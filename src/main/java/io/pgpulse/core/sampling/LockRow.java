package io.pgpulse.core.sampling;

import java.time.Instant;

/**
 * A lock that someone waits for, or a granted lock on the same object.
 *
 * @param relation  schema-qualified name, when the relation is in the connected database
 * @param waitStart when the wait began (ungranted locks only)
 */
public record LockRow(
        int pid,
        String lockType,
        String mode,
        boolean granted,
        Long relationOid,
        String relation,
        String transactionId,
        String virtualXid,
        Instant waitStart) {
}
