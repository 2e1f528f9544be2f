package io.pgpulse.core.analysis;

import static io.pgpulse.core.analysis.Sessions.holds;
import static io.pgpulse.core.analysis.Sessions.holdsTuple;
import static io.pgpulse.core.analysis.Sessions.holdsXid;
import static io.pgpulse.core.analysis.Sessions.session;
import static io.pgpulse.core.analysis.Sessions.waits;
import static io.pgpulse.core.analysis.Sessions.waitsTuple;
import static io.pgpulse.core.analysis.Sessions.waitsXid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.Snapshot;

/**
 * The incident PgPulse is built for, as one snapshot:
 * <ul>
 *   <li>pid 100 ("billing") updated an order and went idle in transaction 12 min ago;</li>
 *   <li>pid 200, a deploy's {@code ALTER TABLE public.orders}, has waited 42 s for an
 *       AccessExclusiveLock behind it;</li>
 *   <li>pids 301–305, ordinary SELECTs on orders, queue behind the ALTER (40 s … 36 s);</li>
 *   <li>separately, a row-lock chain on public.accounts: 400 (running) → 401 (waits for 400's
 *       transaction) → 402 (waits for the tuple lock 401 holds);</li>
 *   <li>20 idle "web" sessions, 2 active, and the monitor's own 2 sessions.</li>
 * </ul>
 */
public final class Incident {
    public static final long ORDERS_OID = 16400;
    public static final long ACCOUNTS_OID = 16500;
    public static final String ORDERS = "public.orders";
    public static final String ACCOUNTS = "public.accounts";
    public static final String ALTER = "ALTER TABLE public.orders ADD COLUMN note text";
    public static final int MONITOR_SESSIONS = 2;

    private Incident() {
    }

    public static List<ActivityRow> activity() {
        List<ActivityRow> rows = new ArrayList<>();
        rows.add(session(100).app("billing").user("billing")
                .state("idle in transaction", Duration.ofMinutes(12)).xact(Duration.ofMinutes(15))
                .waitEvent("Client", "ClientRead")
                .query("UPDATE orders SET status = 'paid' WHERE id = $1").build());
        rows.add(session(200).app("migrate").user("deploy").state("active", Duration.ofSeconds(42))
                .xact(Duration.ofSeconds(43)).query(ALTER).waitsFor(100).build());
        for (int i = 0; i < 5; i++) {
            rows.add(session(301 + i).state("active", Duration.ofSeconds(40 - i)).xact(Duration.ofSeconds(40 - i))
                    .query("SELECT * FROM orders WHERE id = $1").waitsFor(200).build());
        }
        rows.add(session(400).app("worker").state("active", Duration.ofSeconds(20)).xact(Duration.ofSeconds(20))
                .query("UPDATE accounts SET balance = balance - $1 WHERE id = $2").build());
        rows.add(session(401).app("worker").state("active", Duration.ofSeconds(15)).xact(Duration.ofSeconds(15))
                .query("UPDATE accounts SET balance = balance + $1 WHERE id = $2").waitsFor(400).build());
        rows.add(session(402).app("worker").state("active", Duration.ofSeconds(10)).xact(Duration.ofSeconds(10))
                .query("UPDATE accounts SET balance = balance + $1 WHERE id = $2").waitsFor(401).build());
        rows.addAll(Sessions.many(500, 20, pid -> session(pid).idle()));
        rows.addAll(Sessions.many(520, 2, pid -> session(pid).xact(Duration.ofMillis(3))));
        rows.add(session(10).background("autovacuum launcher").build());
        return rows;
    }

    public static List<LockRow> locks() {
        List<LockRow> locks = new ArrayList<>();
        locks.add(holds(100, "AccessShareLock", ORDERS, ORDERS_OID));
        locks.add(holds(100, "RowExclusiveLock", ORDERS, ORDERS_OID));
        locks.add(waits(200, "AccessExclusiveLock", ORDERS, ORDERS_OID, Duration.ofSeconds(42)));
        for (int i = 0; i < 5; i++) {
            locks.add(waits(301 + i, "AccessShareLock", ORDERS, ORDERS_OID, Duration.ofSeconds(40 - i)));
        }
        locks.add(holdsXid(400, "9001"));
        locks.add(waitsXid(401, "9001", Duration.ofSeconds(15)));
        locks.add(holdsTuple(401, ACCOUNTS, ACCOUNTS_OID));
        locks.add(waitsTuple(402, ACCOUNTS, ACCOUNTS_OID, Duration.ofSeconds(10)));
        return locks;
    }

    /** Client sessions listed in {@link #activity()}. */
    public static int listedClients() {
        return (int) activity().stream().filter(ActivityRow::isClientBackend).count();
    }

    public static Snapshot snapshot() {
        return Sessions.snapshot(Sessions.server(listedClients() + MONITOR_SESSIONS), activity(), locks(),
                List.of(new ConnectionLimit(ConnectionLimit.Kind.ROLE, "billing", 5, 1)));
    }
}
