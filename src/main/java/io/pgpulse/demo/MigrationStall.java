package io.pgpulse.demo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The deployment that hangs: a worker reads {@code orders} inside a transaction and then waits on
 * something else without committing; a migration's {@code ALTER TABLE orders ADD COLUMN} (no
 * {@code lock_timeout}, as migration tools run by default) queues for its ACCESS EXCLUSIVE lock
 * behind that transaction; every ordinary read of {@code orders} then queues behind the ALTER.
 *
 * <p>The stall is armed once per switch-on. When it resolves, because PgPulse cancelled or
 * terminated the ALTER or terminated the idle transaction, the readers flow again and the scenario
 * stays resolved until it is switched off and on; it does not re-arm by itself, so the user sees
 * the effect of the fix rather than the next stall. The migration's transaction is always rolled
 * back, even when it got its lock, so the schema never changes and the scenario can be replayed.
 */
final class MigrationStall extends ScenarioRun {
    static final String ALTER_SQL = "ALTER TABLE " + DemoSchema.MIGRATED_TABLE + " ADD COLUMN "
            + DemoSchema.MIGRATED_COLUMN + " boolean NOT NULL DEFAULT false";
    static final int READERS = 4;
    /** Long enough that blocked readers pile up instead of timing out and coming back. */
    private static final SessionSpec READER = SessionSpec.app("shop-api", Duration.ofSeconds(30));
    private static final SessionSpec WORKER = SessionSpec.app("shop-worker", Duration.ofSeconds(5));
    private static final SessionSpec MIGRATION = SessionSpec.unbounded("migrate");
    /** Traffic flows normally for a moment before the deploy starts, so the stall shows as a change. */
    private static final Duration DEPLOY_DELAY = Duration.ofSeconds(1);

    private final CountDownLatch holding = new CountDownLatch(1);

    MigrationStall(SessionFactory sessions, ScenarioCounters counters, StatusSink sink) {
        super(Scenario.MIGRATION_STALL, sessions, counters, sink);
    }

    @Override
    void start() {
        status("shop-worker is about to read orders and leave its transaction open");
        spawn(this::idleTransaction);
        for (int i = 0; i < READERS; i++) {
            spawn(() -> repeat(READER, this::readOrders));
        }
        spawn(this::migrate);
    }

    private void idleTransaction() {
        Backoff backoff = new Backoff();
        while (running()) {
            try (DemoSession s = open(WORKER)) {
                s.call(c -> {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = ?")) {
                        ps.setLong(1, 1 + ThreadLocalRandom.current().nextLong(DemoSchema.CUSTOMERS));
                        return drain(ps);
                    }
                });
                counters.queries(1);
                holding.countDown();
                // Idle in transaction, holding ACCESS SHARE on orders until the scenario stops or
                // someone terminates this session.
                awaitStop();
                s.rollbackQuietly();
                return;
            } catch (SQLException e) {
                if (!running()) {
                    return;
                }
                counters.failed(e);
                pause(backoff.next());
            }
        }
    }

    private void readOrders(DemoSession session) throws SQLException {
        session.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = ?"
                            + " ORDER BY created_at DESC LIMIT 20")) {
                ps.setLong(1, 1 + ThreadLocalRandom.current().nextLong(DemoSchema.CUSTOMERS));
                return drain(ps);
            }
        });
        counters.queries(1);
        pause(100, 300);
    }

    private void migrate() {
        try {
            while (!holding.await(200, TimeUnit.MILLISECONDS)) {
                if (!running()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            return;
        }
        if (!pause(DEPLOY_DELAY)) {
            return;
        }
        Backoff backoff = new Backoff();
        while (running()) {
            try (DemoSession s = open(MIGRATION)) {
                runMigration(s);
                return;
            } catch (SQLException e) {
                if (!running()) {
                    return;
                }
                counters.failed(e);
                pause(backoff.next());
            }
        }
    }

    private void runMigration(DemoSession s) throws SQLException {
        status("migrate runs " + ALTER_SQL + ": it waits for shop-worker's idle transaction,"
                + " and reads of orders queue behind it");
        try {
            s.call(c -> {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute(ALTER_SQL);
                }
                c.rollback();
                return null;
            });
            counters.queries(1);
            status("Resolved: the blocker went away, the migration got its lock and finished"
                    + " (rolled back to keep the schema); reads flow again. Switch off and on to replay.");
        } catch (SQLException e) {
            if (!running()) {
                return;
            }
            counters.failed(e);
            s.rollbackQuietly();
            status(switch (String.valueOf(e.getSQLState())) {
                case "57014" -> "Resolved: the migration was cancelled and reads flow again;"
                        + " shop-worker's transaction is still idle and holding its lock.";
                case "57P01" -> "Resolved: the migration's session was terminated and reads flow again;"
                        + " shop-worker's transaction is still idle and holding its lock.";
                default -> "The migration failed: " + ScenarioCounters.describe(e);
            });
        }
    }

    @Override
    boolean needsCleanUp() {
        return true;
    }

    /** The ALTER is always rolled back; this is the safety net should a run ever have committed it. */
    @Override
    void cleanUp(DemoSession control) throws SQLException {
        boolean present = control.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = ?::regclass AND attname = ? AND NOT attisdropped)")) {
                ps.setString(1, DemoSchema.MIGRATED_TABLE);
                ps.setString(2, DemoSchema.MIGRATED_COLUMN);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        if (present) {
            control.call(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SET lock_timeout = '2s'");
                    st.execute("ALTER TABLE " + DemoSchema.MIGRATED_TABLE + " DROP COLUMN IF EXISTS " + DemoSchema.MIGRATED_COLUMN);
                }
                return null;
            });
        }
    }
}
