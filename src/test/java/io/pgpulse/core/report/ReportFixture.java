package io.pgpulse.core.report;

import static io.pgpulse.core.analysis.Sessions.NOW;
import static io.pgpulse.core.analysis.Sessions.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.pgpulse.core.analysis.Incident;
import io.pgpulse.core.analysis.Sessions;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.HypotheticalIndexes;
import io.pgpulse.core.capability.QueryIds;
import io.pgpulse.core.capability.QueryTextSize;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.capability.StatsVisibility;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementWindow;

/** A one-minute run over the {@link Incident}, with statements, as the CLI would report it. */
final class ReportFixture {

    static final long USER_ID = 16390;
    static final long SHOP_OID = 16384;
    /** Above 2^53: a double cannot hold it exactly. */
    static final long BIG_QUERYID = 8_123_456_789_012_345_677L;
    static final long NEGATIVE_QUERYID = -6_789_012_345_678_901_235L;
    static final long UNKNOWN_TEXT_QUERYID = 4242;

    private ReportFixture() {
    }

    static Capabilities capabilities(StatementsAvailability statements) {
        return new Capabilities(160004, "16.4", "pgpulse", "shop", false, statements, "public",
                new StatsVisibility.AllSessions("pg_read_all_stats"), new QueryIds("auto", true),
                new QueryTextSize(1024), new HypotheticalIndexes.Absent(16), true);
    }

    static Capabilities ready() {
        return capabilities(new StatementsAvailability.Ready("1.10", "public"));
    }

    static StatementDelta delta(long queryId, long calls, double execMs, long rows) {
        return new StatementDelta(new StatementKey(USER_ID, SHOP_OID, queryId, true), 60, calls, execMs, 0, rows,
                0, 0, 0, 0, OptionalLong.empty());
    }

    static StatementWindow window() {
        return new StatementWindow(Duration.ofSeconds(60), NOW, 60, 6, List.of(
                delta(BIG_QUERYID, 120, 9_000, 120),
                delta(NEGATIVE_QUERYID, 30_000, 750, 30_000),
                delta(UNKNOWN_TEXT_QUERYID, 2, 250, 0)));
    }

    static StatementsSnapshot statements() {
        DeltaResult latest = new DeltaResult(NOW, NOW, DeltaResult.Kind.BASELINE, List.of(), List.of(), 0, 0, 0, 0);
        return new StatementsSnapshot(latest, Map.of(),
                Map.of(BIG_QUERYID, new QueryText(BIG_QUERYID, "SELECT * FROM orders WHERE status = $1 | $2", 44),
                        NEGATIVE_QUERYID, new QueryText(NEGATIVE_QUERYID, "SELECT * FROM order_items\nWHERE order_id = $1", 44)),
                Map.of(USER_ID, "app"), Optional.empty(), 0);
    }

    static Snapshot at(long sequence, Instant at, List<ActivityRow> activity, int clientBackends,
            List<LockRow> locks, List<ConnectionLimit> limits) {
        return Sessions.snapshot(sequence, at, Sessions.server(100, 3, 0, clientBackends), activity, locks, limits,
                statements());
    }

    /** Two snapshots a minute apart: a calm start, then the incident. */
    static List<Snapshot> incidentRun() {
        Snapshot start = at(1, NOW.minusSeconds(60), Sessions.many(500, 20, pid -> session(pid).idle()), 40,
                List.of(), List.of());
        Snapshot end = at(2, NOW, Incident.activity(), Incident.listedClients() + Incident.MONITOR_SESSIONS,
                Incident.locks(), List.of(new ConnectionLimit(ConnectionLimit.Kind.ROLE, "billing", 5, 1)));
        return List.of(start, end);
    }

    static Report incidentReport() {
        return ReportBuilder.of(ready(), incidentRun(), window()).indexHealth(indexHealth()).build();
    }

    static final IndexHealthItem UNUSED = new IndexHealthItem(IndexHealthItem.Kind.UNUSED, "public", "orders",
            "orders_note_idx", 16_384_000, "Index orders_note_idx on public.orders has not been scanned since the "
                    + "statistics reset 30 d ago.",
            "DROP INDEX CONCURRENTLY public.orders_note_idx;",
            "idx_scan counts scans on this server only: check every server before dropping.");
    static final IndexHealthItem FK_WITHOUT_INDEX = new IndexHealthItem(IndexHealthItem.Kind.FOREIGN_KEY_WITHOUT_INDEX,
            "public", "order_items", "order_items_order_id_fkey", 819_200_000,
            "Foreign key order_items_order_id_fkey on public.order_items (order_id) → public.orders has no index | "
                    + "leading with its columns.",
            "CREATE INDEX CONCURRENTLY order_items_order_id_idx ON public.order_items (order_id);",
            "CREATE INDEX CONCURRENTLY does not block writes but takes longer.");
    static final IndexHealthItem INVALID = new IndexHealthItem(IndexHealthItem.Kind.INVALID, "public", "orders",
            "orders_ref_key", 8192, "Index orders_ref_key on public.orders is invalid (indisvalid = false).",
            "DROP INDEX CONCURRENTLY public.orders_ref_key;\nCREATE UNIQUE INDEX CONCURRENTLY orders_ref_key ON public.orders USING btree (ref);",
            "A unique build usually fails on duplicate values: remove them before recreating.");

    /** Index health of database shop, statistics reset 30 days before the run ended. */
    static Report.IndexHealthAvailable indexHealth() {
        return new Report.IndexHealthAvailable(true, "shop", NOW.minus(Duration.ofDays(30)).toString(),
                Duration.ofDays(30).toSeconds(), false, 14, 3, List.of(INVALID, UNUSED, FK_WITHOUT_INDEX));
    }

    /**
     * A server close to every connection threshold at once, so that every connection finding kind
     * appears: 93 of 97 slots, a 42-minute transaction, a role at its limit.
     */
    static Report busyReport() {
        List<ActivityRow> rows = new ArrayList<>(Sessions.many(1000, 90, pid -> session(pid).idle()));
        rows.add(session(2000).app("etl").xact(Duration.ofMinutes(42)).query("INSERT INTO facts SELECT 1").build());
        Snapshot snapshot = at(1, NOW, rows, 93, List.of(),
                List.of(new ConnectionLimit(ConnectionLimit.Kind.ROLE, "app", 90, 90)));
        return ReportBuilder.of(ready(), List.of(snapshot), window()).build();
    }

    static final long LIST_QUERYID = 1001;
    static final long LOOKUP_QUERYID = 1002;
    static final long HOT_QUERYID = 1003;

    /** Four polls of an ORM loop (40 orders, then one customer lookup per order) and a hot price lookup. */
    static Report loopReport() {
        List<Snapshot> snapshots = new ArrayList<>();
        Map<Long, QueryText> texts = Map.of(
                LIST_QUERYID, new QueryText(LIST_QUERYID, "SELECT id, customer_id FROM orders WHERE status = $1 LIMIT $2", 60),
                LOOKUP_QUERYID, new QueryText(LOOKUP_QUERYID, "SELECT name FROM customers WHERE id = $1", 40),
                HOT_QUERYID, new QueryText(HOT_QUERYID, "SELECT price FROM products WHERE id = $1", 40));
        for (int i = 0; i < 4; i++) {
            Instant from = NOW.minusSeconds(8 - 2L * i);
            Instant to = from.plusSeconds(2);
            List<StatementDelta> deltas = List.of(
                    new StatementDelta(new StatementKey(USER_ID, SHOP_OID, LIST_QUERYID, true), 2, 5, 10, 0, 200, 0, 0, 0, 0, OptionalLong.empty()),
                    new StatementDelta(new StatementKey(USER_ID, SHOP_OID, LOOKUP_QUERYID, true), 2, 200, 8, 0, 200, 0, 0, 0, 0, OptionalLong.empty()),
                    new StatementDelta(new StatementKey(USER_ID, SHOP_OID, HOT_QUERYID, true), 2, 90, 3, 0, 90, 0, 0, 0, 0, OptionalLong.empty()));
            DeltaResult result = new DeltaResult(from, to, DeltaResult.Kind.DELTA, deltas, List.of(), 0, 0, 0, 0);
            StatementsSnapshot st = new StatementsSnapshot(result, Map.of(), texts, Map.of(USER_ID, "app"), Optional.empty(), 0);
            snapshots.add(Sessions.snapshot(i + 1, to, Sessions.server(100, 3, 0, 10), List.of(), List.of(), List.of(), st));
        }
        StatementWindow window = new StatementWindow(Duration.ofSeconds(8), NOW, 8, 4, List.of());
        return ReportBuilder.of(ready(), snapshots, window).build();
    }
}
