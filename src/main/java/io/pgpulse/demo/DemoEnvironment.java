package io.pgpulse.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.embedded.EmbeddedServer;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL for the demo: the newest major on a free loopback port, a {@code shop}
 * database owned by the application role {@code shop_app}, a few hundred thousand rows of orders,
 * and a {@link Workload} that starts with the {@linkplain Scenario#defaults() default scenarios} on.
 *
 * <p>PgPulse connects to it as the bootstrap superuser ({@link #monitorUri()}, trusted from loopback,
 * no password). The application role's password is random, made at start and kept only in memory.
 * {@link #close()} stops the workload, then the server, and deletes the data directory.
 */
@CoreService
public final class DemoEnvironment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoEnvironment.class);

    public static final String DATABASE = "shop";
    public static final String APP_ROLE = "shop_app";
    static final int MAX_CONNECTIONS = 100;
    static final int SUPERUSER_RESERVED = 3;
    /**
     * The application role may hold all usable slots but this many, so however the scenarios are
     * combined PgPulse (and a psql next to it) can always connect, even as an ordinary role.
     */
    static final int APP_ROLE_CONNECTION_LIMIT = MAX_CONNECTIONS - SUPERUSER_RESERVED - ConnectionStorm.HEADROOM;
    private static final String REAL_SERVER_HINT = "You can still use PgPulse on a real server:"
            + " connect to one you can reach, e.g. postgresql://user@host:5432/dbname.";

    private final EmbeddedServer server;
    private final Workload workload;
    private final Duration startupTime;

    private DemoEnvironment(EmbeddedServer server, Workload workload, Duration startupTime) {
        this.server = server;
        this.workload = workload;
        this.startupTime = startupTime;
    }

    /** Starts the server, loads the shop and switches the default scenarios on. */
    public static DemoEnvironment start() throws DemoUnavailableException {
        return start(EmbeddedServer.builder(), Scenario.defaults());
    }

    static DemoEnvironment start(EmbeddedServer.Builder builder, Set<Scenario> initial) throws DemoUnavailableException {
        long t0 = System.nanoTime();
        EmbeddedServer server = startServer(builder);
        long serverReady = System.nanoTime();
        try {
            String password = randomPassword();
            createRoleAndDatabase(server, password);
            loadShop(server);
            Workload workload = new Workload(new SessionFactory(
                    "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE, APP_ROLE, password));
            initial.forEach(workload::enable);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            log.info("Demo server ready on port {} in {} ms (server {} ms, shop data {} ms)", server.port(),
                    took.toMillis(), TimeUnit.NANOSECONDS.toMillis(serverReady - t0),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - serverReady));
            return new DemoEnvironment(server, workload, took);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new DemoUnavailableException("The demo server started but its shop database could not be"
                    + " prepared: " + ScenarioCounters.describe(asSql(e)) + ". " + REAL_SERVER_HINT, e);
        }
    }

    private static EmbeddedServer startServer(EmbeddedServer.Builder builder) throws DemoUnavailableException {
        builder.serverConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
                .serverConfig("superuser_reserved_connections", Integer.toString(SUPERUSER_RESERVED))
                .serverConfig("track_io_timing", "on")
                // Nothing replicates from the demo server; minimal WAL lets the load, done in the
                // transaction that creates the tables, skip writing WAL for its rows.
                .serverConfig("wal_level", "minimal")
                .serverConfig("max_wal_senders", "0")
                // The demo shares a laptop's cores with the app. A parallel plan would spend three of
                // them on each slow query and show the scan split across workers; one process per
                // query keeps the missing-index story as it is told.
                .serverConfig("max_parallel_workers_per_gather", "0")
                // Smaller than the orders table, as production tables outgrow memory: the slow query's
                // full scans then read pages in, and track_io_timing shows what they cost.
                .serverConfig("shared_buffers", "32MB")
                // The workload cancels, times out and terminates on purpose; none of that is news
                // worth a line in the server log, which zonky copies into ours.
                .serverConfig("log_min_messages", "fatal")
                .serverConfig("log_min_error_statement", "panic")
                .serverConfig("log_checkpoints", "off")
                .serverConfig("log_lock_waits", "off")
                .serverConfig("log_connections", "off")
                .serverConfig("log_disconnections", "off")
                .serverConfig("log_autovacuum_min_duration", "-1");
        try {
            return builder.start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            // zonky reports binaries it cannot unpack as an ExceptionInInitializerError.
            throw new DemoUnavailableException(whyNoServer(e) + " " + REAL_SERVER_HINT, e);
        }
    }

    /**
     * PostgreSQL refuses to run as root; zonky then starts it inside a user namespace with
     * {@code unshare -U}, which some containers and hardened kernels forbid. That case gets its own
     * explanation, everything else the underlying reason.
     */
    static String whyNoServer(Throwable e) {
        if (runningAsRoot() && !userNamespacesWork()) {
            return "The demo cannot start its own PostgreSQL: PgPulse runs as root, PostgreSQL refuses to run"
                    + " as root, and this system does not allow the workaround (a user namespace via"
                    + " `unshare -U`). Run PgPulse as an ordinary user to use the demo.";
        }
        String reason = null;
        String root = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = reason == null ? t.getMessage().strip() : reason;
                root = t.getMessage().strip();
            }
        }
        if (reason == null) {
            reason = e.getClass().getSimpleName();
        } else if (!reason.contains(root)) {
            reason = reason + " (" + root + ")";
        }
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return "The demo cannot start its own PostgreSQL: " + reason + ".";
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    private static boolean userNamespacesWork() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The password is hashed by the driver and sent as a SCRAM verifier, so the plain text never
     * reaches the server, its log or pg_stat_statements.
     */
    private static void createRoleAndDatabase(EmbeddedServer server, String password) throws SQLException {
        try (Connection c = server.superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("SET pg_stat_statements.track = 'none'");
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("CREATE ROLE " + APP_ROLE + " LOGIN CONNECTION LIMIT " + APP_ROLE_CONNECTION_LIMIT);
            c.unwrap(PGConnection.class).alterUserPassword(APP_ROLE, password.toCharArray(), "scram-sha-256");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
        }
    }

    /**
     * Loaded untracked, so the monitor's statement list starts with the shop's traffic, not its
     * setup; and in the transaction that creates the tables, so with minimal WAL the rows skip it.
     */
    private static void loadShop(EmbeddedServer server) throws SQLException {
        try (Connection c = server.superuserConnection(DATABASE); Statement s = c.createStatement()) {
            s.execute("SET pg_stat_statements.track = 'none'");
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SET ROLE " + APP_ROLE);
            c.setAutoCommit(false);
            for (String sql : DemoSchema.statements()) {
                s.execute(sql);
            }
            c.commit();
            // ANALYZE after the load's row counts reach the statistics system: run inside the loading
            // transaction, its reset would come first and every table would look never analysed.
            c.setAutoCommit(true);
            s.execute("RESET ROLE");
            s.execute("SELECT pg_stat_force_next_flush()");
            s.execute("ANALYZE");
        }
    }

    private static SQLException asSql(Exception e) {
        return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
    }

    public int port() {
        return server.port();
    }

    /** Where PgPulse connects: the shop database as the superuser, e.g. {@code postgresql://postgres@localhost:5433/shop}. */
    public String monitorUri() {
        return "postgresql://" + EmbeddedServer.SUPERUSER + "@localhost:" + port() + "/" + DATABASE;
    }

    /** The same target for JDBC; no password, the superuser is trusted from loopback. */
    public String monitorJdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String monitorUser() {
        return EmbeddedServer.SUPERUSER;
    }

    public Workload workload() {
        return workload;
    }

    /** From the call to {@link #start()} to data loaded and default scenarios switched on. */
    public Duration startupTime() {
        return startupTime;
    }

    public Path dataDirectory() {
        return server.dataDirectory();
    }

    Connection superuserConnection() throws SQLException {
        return server.superuserConnection(DATABASE);
    }

    /** Stops every scenario, then the server, and deletes its data directory. */
    @Override
    public void close() {
        try {
            workload.close();
        } finally {
            server.close();
        }
        log.info("Demo server stopped and removed");
    }

    @Override
    public String toString() {
        return "DemoEnvironment[" + monitorUri() + "]";
    }
}
