package io.pgpulse.app.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;

/**
 * A busy server's pg_stat_activity, generated with a fixed seed in the proportions seen on large
 * application servers: mostly idle pool connections, a tenth running queries (texts of 100 B to
 * 2 KB), some idle in transaction, a few blockers with queues of lock waiters, background
 * processes. {@link #next()} is one refresh later: ages grow, a twentieth of the sessions change
 * state or query, one in a hundred ends and a new one takes its place.
 */
public final class RecordedActivity {
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    private static final String[] APPS = {"web", "api", "checkout", "search", "billing", "worker", "reports",
            "admin", "sync", "notifier", "", "psql"};
    private static final String[] USERS = {"app", "app_ro", "billing", "reporting", "etl", "admin"};
    private static final String[] DATABASES = {"shop", "shop", "shop", "analytics", "auth"};
    private static final String[] QUERIES = {
            "SELECT id, status, total_cents FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20",
            "UPDATE carts SET updated_at = now(), items = $1 WHERE id = $2",
            "INSERT INTO events (kind, payload, created_at) VALUES ($1, $2, now())",
            "SELECT p.id, p.name, p.price_cents, s.quantity FROM products p JOIN stock s ON s.product_id = p.id"
                    + " WHERE p.category_id = $1 AND s.quantity > 0",
            "COMMIT", "BEGIN", "SELECT 1"};

    private final Random random = new Random(42);
    private final int size;
    private final List<ActivityRow> rows = new ArrayList<>();
    private int nextPid;
    private Instant now = START;
    private long sequence;

    public RecordedActivity(int size) {
        this.size = size;
        nextPid = 10_000;
        for (int i = 0; i < size; i++) {
            rows.add(newSession(i));
        }
    }

    /** The first refresh. */
    public Snapshot snapshot() {
        return snapshot(rows);
    }

    /** One refresh later. */
    public Snapshot next() {
        now = now.plusSeconds(1);
        for (int i = 0; i < rows.size(); i++) {
            ActivityRow r = rows.get(i);
            if (!r.blockedBy().isEmpty() || isBlocker(i)) {
                continue;
            }
            int dice = random.nextInt(100);
            if (dice == 0) {
                rows.set(i, newSession(i));
            } else if (dice < 6 && "client backend".equals(r.backendType())) {
                rows.set(i, changed(r));
            }
        }
        return snapshot(rows);
    }

    private Snapshot snapshot(List<ActivityRow> activity) {
        sequence++;
        int clients = (int) activity.stream().filter(ActivityRow::isClientBackend).count();
        ServerInfo server = new ServerInfo(180000, size + 100, 3, 0, START.minus(Duration.ofDays(2)), now, clients + 2);
        return new Snapshot(sequence, now, server, activity, locks(),
                List.of(new DatabaseCounters(16384, "shop", -1, clients, 1000 * sequence, 3, 0, 0, 0, 0, 0, 0, 0, null)),
                List.of(), null, Map.of(), null);
    }

    /** Every 200th session blocks the 20 after it: 50 blockers, 1,000 waiters at 10,000 sessions. */
    private boolean isBlocker(int index) {
        return index % 200 == 0 && index + 20 < size;
    }

    private ActivityRow newSession(int index) {
        int pid = nextPid++;
        Instant backendStart = now.minusSeconds(60 + random.nextInt(86_400));
        String app = APPS[random.nextInt(APPS.length)];
        String user = USERS[random.nextInt(USERS.length)];
        String db = DATABASES[random.nextInt(DATABASES.length)];
        String addr = "10.0." + random.nextInt(8) + "." + (1 + random.nextInt(250));
        if (index % 400 == 399) {
            return new ActivityRow(pid, backendStart, now.minusSeconds(random.nextInt(30)), now.minusSeconds(5), now,
                    "active", null, null, "autovacuum worker", db, null, "", null, null,
                    "autovacuum: VACUUM public.events", List.of());
        }
        if (isBlocker(index)) {
            Instant xact = now.minusSeconds(30 + random.nextInt(600));
            return new ActivityRow(pid, backendStart, xact, xact.plusSeconds(1), xact.plusSeconds(1),
                    "idle in transaction", "Client", "ClientRead", "client backend", db, user, app, addr, null,
                    query(), List.of());
        }
        int blocker = index - index % 200;
        if (index % 200 > 0 && index % 200 <= 20 && blocker + 20 < size) {
            Instant start = now.minusSeconds(1 + random.nextInt(20));
            return new ActivityRow(pid, backendStart, start, start, start, "active", "Lock", "transactionid",
                    "client backend", db, user, app, addr, null, query(), List.of(blockerPid(blocker)));
        }
        int dice = random.nextInt(100);
        if (dice < 10) {
            Instant start = now.minusMillis(random.nextInt(dice < 2 ? 300_000 : 3_000));
            return new ActivityRow(pid, backendStart, start, start, start, "active", null, null, "client backend", db,
                    user, app, addr, (long) random.nextInt(5000), query(), List.of());
        }
        if (dice < 14) {
            Instant xact = now.minusSeconds(random.nextInt(120));
            return new ActivityRow(pid, backendStart, xact, xact, xact.plusMillis(200), "idle in transaction", "Client",
                    "ClientRead", "client backend", db, user, app, addr, null, query(), List.of());
        }
        Instant last = now.minusSeconds(random.nextInt(600));
        return new ActivityRow(pid, backendStart, null, last, last, "idle", "Client", "ClientRead", "client backend", db,
                user, app, addr, null, query(), List.of());
    }

    private int blockerPid(int blockerIndex) {
        return rows.size() > blockerIndex ? rows.get(blockerIndex).pid() : 10_000 + blockerIndex;
    }

    private ActivityRow changed(ActivityRow r) {
        boolean active = random.nextBoolean();
        Instant start = now.minusMillis(random.nextInt(900));
        return new ActivityRow(r.pid(), r.backendStart(), active ? start : null, start, start,
                active ? "active" : "idle", active ? null : "Client", active ? null : "ClientRead", r.backendType(),
                r.database(), r.user(), r.application(), r.clientAddr(), r.queryId(), query(), List.of());
    }

    private String query() {
        String base = QUERIES[random.nextInt(QUERIES.length)];
        int pad = random.nextInt(10) == 0 ? 200 + random.nextInt(1800) : 0;
        if (pad == 0) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base).append(" /* ");
        while (sb.length() < base.length() + pad) {
            sb.append("trace_id=").append(random.nextInt(1_000_000)).append(' ');
        }
        return sb.append("*/").toString();
    }

    /** The blockers hold their transaction id; their waiters want it (a row-lock wait). */
    private List<LockRow> locks() {
        List<LockRow> locks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ActivityRow r = rows.get(i);
            if (isBlocker(i)) {
                locks.add(new LockRow(r.pid(), "transactionid", "ExclusiveLock", true, null, null,
                        Integer.toString(9000 + i), null, null));
            } else if (!r.blockedBy().isEmpty()) {
                int blocker = i - i % 200;
                locks.add(new LockRow(r.pid(), "transactionid", "ShareLock", false, null, null,
                        Integer.toString(9000 + blocker), null, r.stateChange()));
            }
        }
        return locks;
    }
}
