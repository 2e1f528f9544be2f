package io.pgpulse.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.pgpulse.core.embedded.EmbeddedServer;

/**
 * One embedded PostgreSQL of a given major, shared by every test of the JVM, with the roles the
 * tests need: the bootstrap superuser and a {@code pg_monitor}-only login role.
 */
public final class TestServer {
    public static final String MONITOR_ROLE = "pgpulse_monitor";
    public static final String MONITOR_PASSWORD = "monitor-pw";
    /** A plain login role with no monitoring privilege at all. */
    public static final String PLAIN_ROLE = "pgpulse_plain";
    public static final String PLAIN_PASSWORD = "plain-pw";

    private final PgMajor major;
    private final EmbeddedServer server;

    private TestServer(PgMajor major, EmbeddedServer server) {
        this.major = major;
        this.server = server;
    }

    static TestServer start(PgMajor major) throws IOException {
        EmbeddedServer server = EmbeddedServer.builder().binaries(major.resolver()).start();
        TestServer ts = new TestServer(major, server);
        ts.server.execute(
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                "CREATE ROLE " + MONITOR_ROLE + " LOGIN PASSWORD '" + MONITOR_PASSWORD + "' IN ROLE pg_monitor",
                "CREATE ROLE " + PLAIN_ROLE + " LOGIN PASSWORD '" + PLAIN_PASSWORD + "'");
        return ts;
    }

    public PgMajor major() {
        return major;
    }

    public int port() {
        return server.port();
    }

    public EmbeddedServer server() {
        return server;
    }

    /** A psql-style URI for the superuser (no password: trusted from loopback). */
    public String superuserUri() {
        return "postgresql://" + EmbeddedServer.SUPERUSER + "@localhost:" + port() + "/postgres";
    }

    /** A psql-style URI for the pg_monitor-only role, password included. */
    public String monitorUri() {
        return "postgresql://" + MONITOR_ROLE + ":" + MONITOR_PASSWORD + "@localhost:" + port() + "/postgres";
    }

    public String plainUri() {
        return "postgresql://" + PLAIN_ROLE + ":" + PLAIN_PASSWORD + "@localhost:" + port() + "/postgres";
    }

    public Connection superuser() throws SQLException {
        return server.superuserConnection("postgres");
    }

    public Connection superuser(String database) throws SQLException {
        return server.superuserConnection(database);
    }

    /** Runs setup statements as the superuser in the postgres database. */
    public void execute(String... sql) {
        server.execute(sql);
    }

    /** Creates a database if it does not exist yet, for tests that want isolation from each other. */
    public void createDatabase(String name) {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major.number() + " on port " + port();
    }
}
