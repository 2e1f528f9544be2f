package io.pgpulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.pgpulse.core.embedded.EmbeddedServer;

/**
 * A server at the scale the refresh targets are set for: ≥ 300 backends in mixed states,
 * ~5,000 pg_stat_statements entries with multi-KB texts, and lock waiters.
 */
final class BenchServer implements AutoCloseable {
    static final int STATEMENTS = 5_000;
    static final int IDLE = 200;
    static final int IDLE_IN_TRANSACTION = 60;
    static final int ACTIVE = 30;
    static final int LOCK_WAITERS = 12;

    final EmbeddedServer server;
    private final List<Connection> sessions = new ArrayList<>();
    private final ExecutorService active = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-active");
        t.setDaemon(true);
        return t;
    });

    BenchServer() throws Exception {
        server = EmbeddedServer.builder()
                .serverConfig("max_connections", "400")
                .serverConfig("pg_stat_statements.max", "10000")
                .serverConfig("track_activity_query_size", "4096")
                .serverConfig("shared_buffers", "256MB")
                .start();
        server.execute("CREATE EXTENSION pg_stat_statements",
                "CREATE ROLE mon LOGIN PASSWORD 'mon-pw' IN ROLE pg_monitor",
                "CREATE TABLE hot (id int PRIMARY KEY, v int)", "INSERT INTO hot SELECT g, g FROM generate_series(1, 100) g");
        createStatements();
        openSessions();
    }

    String monitorUri(int port) {
        return "postgresql://mon:mon-pw@localhost:" + port + "/postgres?sslmode=disable";
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + server.port() + "/postgres?user=postgres&ApplicationName=bench";
    }

    /** 100 tables × 50 select-list lengths: 5,000 distinct queryids, each text 2–4 KB. */
    private void createStatements() throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (int t = 0; t < 100; t++) {
                s.execute("CREATE TABLE wide_" + t + " (id int, payload text)");
            }
            for (int i = 0; i < STATEMENTS; i++) {
                int table = i / 50;
                int items = 80 + i % 50;
                StringBuilder sql = new StringBuilder("SELECT ");
                for (int k = 0; k < items; k++) {
                    sql.append(k == 0 ? "" : ", ").append("coalesce(payload, 'p') AS item_").append(k);
                }
                sql.append(" FROM wide_").append(table).append(" WHERE id = 1");
                s.execute(sql.toString());
            }
        }
    }

    private void openSessions() throws Exception {
        for (int i = 0; i < IDLE; i++) {
            sessions.add(DriverManager.getConnection(url()));
        }
        Connection holder = DriverManager.getConnection(url());
        holder.setAutoCommit(false);
        holder.createStatement().execute("UPDATE hot SET v = v + 1 WHERE id = 1");
        sessions.add(holder);
        for (int i = 0; i < IDLE_IN_TRANSACTION; i++) {
            Connection c = DriverManager.getConnection(url());
            c.setAutoCommit(false);
            c.createStatement().execute("SELECT v FROM hot WHERE id = " + (i + 2));
            sessions.add(c);
        }
        for (int i = 0; i < ACTIVE; i++) {
            Connection c = DriverManager.getConnection(url());
            sessions.add(c);
            active.submit(() -> c.createStatement().execute("SELECT pg_sleep(600)"));
        }
        for (int i = 0; i < LOCK_WAITERS; i++) {
            Connection c = DriverManager.getConnection(url());
            sessions.add(c);
            active.submit(() -> c.createStatement().execute("UPDATE hot SET v = v + 1 WHERE id = 1"));
        }
    }

    @Override
    public void close() {
        active.shutdownNow();
        server.close();
    }
}
