package io.pgpulse.core.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.connection.MonitorConnection;

/**
 * Reads what the regular poll does not: prepared transactions and the oldest xmin holders. It is
 * called every few polls, not on each, and both statements are bounded (a row limit, and the
 * monitor session's statement_timeout).
 */
@CoreService
public final class TransactionsReader {
    /** The oldest few are what a person acts on; the total says how many there are. */
    public static final int MAX_PREPARED_ROWS = 20;

    private static final String HORIZON = """
            SELECT /* pgpulse */ current_setting('max_prepared_transactions')::int AS max_prepared,
                   (SELECT count(*) FROM pg_prepared_xacts) AS prepared_total,
                   x.pid AS xmin_pid, x.xmin_age, s.slot_name, s.slot_xmin_age, now() AS read_at
              FROM (SELECT 1) one
              LEFT JOIN LATERAL (
                   SELECT a.pid, age(a.backend_xmin) AS xmin_age
                     FROM pg_stat_activity a
                    WHERE a.backend_xmin IS NOT NULL
                      AND a.pid <> pg_backend_pid()
                      AND a.application_name IS DISTINCT FROM current_setting('application_name')
                    ORDER BY age(a.backend_xmin) DESC, a.pid
                    LIMIT 1) x ON true
              LEFT JOIN LATERAL (
                   SELECT r.slot_name, greatest(age(r.xmin), age(r.catalog_xmin)) AS slot_xmin_age
                     FROM pg_replication_slots r
                    WHERE r.xmin IS NOT NULL OR r.catalog_xmin IS NOT NULL
                    ORDER BY 2 DESC NULLS LAST
                    LIMIT 1) s ON true""";

    /** Parameter: 1 = maximum number of rows. */
    private static final String PREPARED = """
            SELECT /* pgpulse */ p.gid, p.prepared, p.owner, p.database, p.transaction::text AS xid,
                   age(p.transaction) AS xid_age
              FROM pg_prepared_xacts p
             ORDER BY p.prepared, p.gid
             LIMIT ?""";

    private final MonitorConnection connection;

    public TransactionsReader(MonitorConnection connection) {
        this.connection = Objects.requireNonNull(connection);
    }

    public TransactionHorizon read() throws SQLException {
        try (Connection c = connection.borrow()) {
            return read(c);
        }
    }

    static TransactionHorizon read(Connection c) throws SQLException {
        int maxPrepared;
        long total;
        Integer xminPid;
        Long xminAge;
        String slot;
        Long slotAge;
        Instant readAt;
        try (PreparedStatement ps = c.prepareStatement(HORIZON); ResultSet rs = ps.executeQuery()) {
            rs.next();
            maxPrepared = rs.getInt("max_prepared");
            total = rs.getLong("prepared_total");
            xminPid = (Integer) rs.getObject("xmin_pid");
            xminAge = longOrNull(rs.getObject("xmin_age"));
            slot = rs.getString("slot_name");
            slotAge = longOrNull(rs.getObject("slot_xmin_age"));
            readAt = rs.getObject("read_at", OffsetDateTime.class).toInstant();
        }
        List<PreparedTransaction> prepared = new ArrayList<>();
        if (total > 0) {
            try (PreparedStatement ps = c.prepareStatement(PREPARED)) {
                ps.setInt(1, MAX_PREPARED_ROWS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        prepared.add(new PreparedTransaction(rs.getString("gid"),
                                rs.getObject("prepared", OffsetDateTime.class).toInstant(), rs.getString("owner"),
                                rs.getString("database"), rs.getString("xid"), rs.getLong("xid_age")));
                    }
                }
            }
        }
        return new TransactionHorizon(maxPrepared, total, prepared, xminPid, xminAge, slot, slotAge, readAt);
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
