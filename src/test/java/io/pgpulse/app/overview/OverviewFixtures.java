package io.pgpulse.app.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.PollStats;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.Series;

/**
 * Hand-built snapshots for the overview and a stand-in for the session's history recorder, so the
 * view-model and the benchmark can be fed without a server. Public for the benchmark.
 */
public final class OverviewFixtures {
    public static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private OverviewFixtures() {
    }

    public static HistoryStore history() {
        return new HistoryStore(HistoryConfig.withDefaults(Duration.ofSeconds(1)));
    }

    /** A client backend that started at {@code backendStart} and has been in {@code state} since {@code at - 1 s}. */
    public static ActivityRow row(int pid, String app, String user, String db, String addr, String state,
            Instant backendStart, Instant xactStart, Instant at) {
        return new ActivityRow(pid, backendStart, xactStart, at.minusSeconds(1), at.minusSeconds(1), state, null, null,
                "client backend", db, user, app, addr, null, "SELECT 1", List.of());
    }

    public static ActivityRow idle(int pid, String app, Instant at) {
        return row(pid, app, "app", "shop", "10.0.0.5", "idle", at.minus(Duration.ofHours(1)), null, at);
    }

    public static ActivityRow active(int pid, String app, Instant at) {
        return row(pid, app, "app", "shop", "10.0.0.5", "active", at.minus(Duration.ofHours(1)), at.minusSeconds(1), at);
    }

    /** PostgreSQL 18 defaults: max_connections 100, 3 reserved for superusers, so 97 usable. */
    public static Snapshot snapshot(long sequence, Instant at, int clientBackends, List<ActivityRow> rows,
            List<ConnectionLimit> limits) {
        return snapshot(sequence, at, 100, clientBackends, rows, limits);
    }

    public static Snapshot snapshot(long sequence, Instant at, int maxConnections, int clientBackends,
            List<ActivityRow> rows, List<ConnectionLimit> limits) {
        return new Snapshot(sequence, at, new ServerInfo(180000, maxConnections, 3, 0, at.minus(Duration.ofDays(3)), at, clientBackends),
                rows, List.of(), List.of(new DatabaseCounters(16384, "shop", -1, rows.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, null)),
                limits, null, Map.of(), new PollStats(Duration.ofMillis(4), 1, 0, 0, true, Duration.ofMillis(1)));
    }

    public static Snapshot snapshot(long sequence, Instant at, List<ActivityRow> rows) {
        return snapshot(sequence, at, rows.size() + 2, rows, List.of());
    }

    /** Writes the points the session's recorder would write for {@code s}, with the given rates. */
    public static void record(HistoryStore h, Snapshot s, double newPerSecond, double commitsPerSecond,
            double rollbacksPerSecond, double deadlocks) {
        int active = 0, idle = 0, idleTx = 0, aborted = 0, other = 0;
        for (ActivityRow a : s.activity()) {
            switch (a.state() == null ? "" : a.state()) {
                case "active" -> active++;
                case "idle" -> idle++;
                case "idle in transaction" -> idleTx++;
                case "idle in transaction (aborted)" -> aborted++;
                default -> other++;
            }
        }
        Instant at = s.takenAt();
        h.record(Series.ACTIVE, at, active);
        h.record(Series.IDLE, at, idle + Math.max(0, s.server().clientBackends() - s.activity().size()));
        h.record(Series.IDLE_IN_TRANSACTION, at, idleTx);
        h.record(Series.IDLE_IN_TRANSACTION_ABORTED, at, aborted);
        h.record(Series.OTHER, at, other);
        h.record(Series.NEW_SESSIONS_PER_SECOND, at, newPerSecond);
        h.record(Series.COMMITS_PER_SECOND, at, commitsPerSecond);
        h.record(Series.ROLLBACKS_PER_SECOND, at, rollbacksPerSecond);
        h.record(Series.DEADLOCKS, at, deadlocks);
    }

    /**
     * A busy server's sessions: {@code n} client backends spread over 40 applications, 12 users,
     * 4 databases and 200 client addresses, mostly idle, some active, a few idle in a transaction;
     * {@code tick} shifts who is in which state so that consecutive snapshots differ.
     */
    public static List<ActivityRow> busy(int n, Instant at, int tick) {
        List<ActivityRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = (i + tick * 7) % 100;
            String state = k < 18 ? "active" : k < 22 ? "idle in transaction" : k < 23 ? "idle in transaction (aborted)"
                    : k < 24 ? null : "idle";
            Instant xact = state == null || "idle".equals(state) ? null : at.minusSeconds(1 + (i % 90));
            rows.add(row(1000 + i, "app-" + (i % 40), "role_" + (i % 12), "db_" + (i % 4), "10.0." + (i % 200 / 100) + "." + (i % 200),
                    state, at.minusSeconds(3600 - (i % 600)), xact, at));
        }
        return rows;
    }
}
