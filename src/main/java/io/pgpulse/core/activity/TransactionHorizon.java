package io.pgpulse.core.activity;

import java.time.Instant;
import java.util.List;

/**
 * What holds back the xmin horizon beyond the sessions a snapshot lists: the oldest snapshot a
 * backend holds, replication slots, and prepared transactions.
 *
 * @param maxPreparedTransactions 0 means two-phase commit is disabled on this server
 * @param preparedTotal           every prepared transaction; {@code prepared} holds the oldest few
 * @param xminPid                 the backend whose snapshot is oldest (backend_xmin); null if none
 * @param xminAge                 age(backend_xmin) of that backend in transaction ids; null if none
 * @param slotName                the replication slot with the oldest xmin; null if none
 * @param slotXminAge             its age in transaction ids; null if none
 * @param readAt                  the server's clock at the read
 */
public record TransactionHorizon(
        int maxPreparedTransactions,
        long preparedTotal,
        List<PreparedTransaction> prepared,
        Integer xminPid,
        Long xminAge,
        String slotName,
        Long slotXminAge,
        Instant readAt) {

    public TransactionHorizon {
        prepared = List.copyOf(prepared);
    }
}
