package io.pgpulse.core.activity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pgpulse.testing.TestServer;

/** A session of some role on a test server, to be cancelled or terminated, with its identity. */
public final class Backend implements AutoCloseable {
    public static final String APPLICATION = "pgpulse-test-victim";

    private final Connection connection;
    private final int pid;
    private final Instant backendStart;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-backend");
        t.setDaemon(true);
        return t;
    });

    private Backend(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
            backendStart = rs.getObject(2, OffsetDateTime.class).toInstant();
        }
    }

    public static Backend superuser(TestServer pg, String database) throws SQLException {
        return open(pg.port(), database, "postgres", null);
    }

    public static Backend open(int port, String database, String user, String password) throws SQLException {
        return open(port, database, user, password, APPLICATION);
    }

    public static Backend open(int port, String database, String user, String password, String application)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", application);
        return new Backend(DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, p));
    }

    public int pid() {
        return pid;
    }

    public Instant backendStart() {
        return backendStart;
    }

    public SessionRef ref() {
        return new SessionRef(pid, backendStart);
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String... sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Runs a statement on this session's own thread; the future fails with the server's error. */
    public Future<Void> start(String sql) {
        return runner.submit(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    /** Whether the session still answers a query. */
    public boolean alive() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            // Already terminated by the test: nothing left to close.
        }
    }
}
