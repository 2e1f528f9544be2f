package io.pgpulse.demo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serverless fan-out without a pooler: function instances that each connect, run one query and
 * disconnect, next to an application whose pool was sized "generously" and sits idle.
 *
 * <p>The pool grows to {@value #POOL_TARGET} sessions but never past the point where fewer than
 * {@value #HEADROOM} usable slots would be left, and gives sessions back when other scenarios need
 * the room: the storm must make the headroom collapse on screen without locking out the monitor.
 * The application role's {@code CONNECTION LIMIT} (set by {@link DemoEnvironment}) is the hard
 * backstop behind this count.
 */
final class ConnectionStorm extends ScenarioRun {
    static final int POOL_TARGET = 70;
    static final int CHURN_WORKERS = 4;
    /** Slots the storm leaves for everyone else: PgPulse's two sessions, a psql, the other scenarios' reconnects. */
    static final int HEADROOM = 8;

    private static final SessionSpec POOL = SessionSpec.app("shop-pool", Duration.ofSeconds(5));
    private static final SessionSpec FUNCTION = SessionSpec.app("lambda-fn", Duration.ofSeconds(5));
    /** Usable slots left for ordinary roles, as the server counts them. Tagged: it is the demo's bookkeeping. */
    private static final String FREE_SLOTS_SQL = "/* demo: pool headroom check */ SELECT"
            + " current_setting('max_connections')::int"
            + " - current_setting('superuser_reserved_connections')::int"
            + " - coalesce(current_setting('reserved_connections', true)::int, 0)"
            + " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int";

    private volatile int poolSize;
    private volatile int freeSlots = -1;

    ConnectionStorm(SessionFactory sessions, ScenarioCounters counters, StatusSink sink) {
        super(Scenario.CONNECTION_STORM, sessions, counters, sink);
    }

    @Override
    void start() {
        status("Opening an idle pool of " + POOL_TARGET + " sessions; " + CHURN_WORKERS + " function workers connecting per call");
        spawn(this::pool);
        for (int i = 0; i < CHURN_WORKERS; i++) {
            spawn(() -> loop(this::invokeFunction));
        }
    }

    /** One "function invocation": a fresh connection for a single query, then gone. */
    private void invokeFunction() throws SQLException {
        try (DemoSession s = open(FUNCTION)) {
            s.call(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, status, total_cents FROM orders WHERE id = ?")) {
                    ps.setLong(1, 1 + ThreadLocalRandom.current().nextLong(DemoSchema.ORDERS));
                    return drain(ps);
                }
            });
        }
        counters.queries(1);
        pause(20, 40);
    }

    private void pool() {
        List<DemoSession> idle = new ArrayList<>();
        int[] tick = {0};
        try {
            loop(() -> {
                if (idle.isEmpty()) {
                    idle.add(open(POOL));
                }
                // The check travels round the pool like a pool's validation query, so a session that
                // someone terminated is noticed and dropped instead of counted for ever.
                DemoSession probe = idle.get(tick[0]++ % idle.size());
                int free;
                try {
                    free = probe.call(c -> {
                        try (PreparedStatement ps = c.prepareStatement(FREE_SLOTS_SQL); ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    });
                    counters.queries(1);
                } catch (SQLException e) {
                    if (probe.isBroken(e)) {
                        idle.remove(probe);
                        probe.close();
                    }
                    throw e;
                }
                if (free < HEADROOM && idle.size() > 1) {
                    idle.remove(idle.size() - 1).close();
                } else if (idle.size() < POOL_TARGET && free > HEADROOM + CHURN_WORKERS) {
                    idle.add(open(POOL));
                }
                poolSize = idle.size();
                freeSlots = free;
                status(describe());
                pause(Duration.ofMillis(idle.size() < POOL_TARGET ? 40 : 500));
            });
        } finally {
            idle.forEach(DemoSession::close);
        }
    }

    /** Changes only when the pool does, so listeners hear about the ramp, not every invocation. */
    private String describe() {
        String pool = "Idle pool " + poolSize + "/" + POOL_TARGET + " sessions";
        return poolSize < POOL_TARGET && freeSlots <= HEADROOM + CHURN_WORKERS
                ? pool + ", held back to leave " + HEADROOM + " slots free; " + CHURN_WORKERS + " function workers connecting per call"
                : pool + "; " + CHURN_WORKERS + " function workers connecting per call";
    }
}
