package io.pgpulse.core.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.pgpulse.core.connection.input.ConnectionTarget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's sessions on one server: a pool of at most {@value MonitorSettings#MAX_CONNECTIONS}
 * read-only connections with timeouts on everything.
 *
 * <p>The first session is opened once, in {@link #open}: a wrong password or an unreachable host
 * fails there with a classified, redacted {@link MonitorConnectException} and nothing is retried.
 * Sessions are never recycled by age, so a server that has run out of connection slots keeps the
 * one the monitor already holds.
 */
@io.pgpulse.core.CoreService
public final class MonitorConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorConnection.class);

    private final ConnectionTarget target;
    private final MonitorSettings settings;
    private final HikariDataSource pool;

    private MonitorConnection(ConnectionTarget target, MonitorSettings settings, HikariDataSource pool) {
        this.target = target;
        this.settings = settings;
        this.pool = pool;
    }

    public static MonitorConnection open(ConnectionTarget target, MonitorSettings settings)
            throws MonitorConnectException {
        HikariConfig config = poolConfig(target, settings);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            log.info("Connected to {}", target.displayName());
            return new MonitorConnection(target, settings, pool);
        } catch (HikariPool.PoolInitializationException e) {
            MonitorConnectException failure = ConnectFailures.classify(e.getCause() != null ? e.getCause() : e, target, settings);
            log.warn("Cannot connect to {}: {}", target.displayName(), failure.getMessage());
            throw failure;
        }
    }

    static HikariConfig poolConfig(ConnectionTarget target, MonitorSettings settings) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("pgpulse-monitor");
        c.setJdbcUrl(target.jdbcUrl());
        c.setDataSourceProperties(driverProperties(target, settings));
        c.setMaximumPoolSize(MonitorSettings.MAX_CONNECTIONS);
        c.setMinimumIdle(1);
        c.setAutoCommit(true);
        c.setReadOnly(true);
        c.setConnectionInitSql(settings.sessionSetupSql());
        // Try the first connection exactly once and surface its error instead of retrying.
        c.setInitializationFailTimeout(1);
        c.setConnectionTimeout(settings.loginTimeout().plusSeconds(1).toMillis());
        c.setValidationTimeout(Math.max(250, settings.statementTimeout().toMillis()));
        // Never replace a healthy session on a timer: at max_connections a new one would be refused.
        c.setMaxLifetime(0);
        c.setIdleTimeout(60_000);
        c.setKeepaliveTime(0);
        c.setRegisterMbeans(false);
        return c;
    }

    /** The pgjdbc properties: the target's own (user, password, TLS) plus the monitor's envelope. */
    static Properties driverProperties(ConnectionTarget target, MonitorSettings settings) {
        Properties p = target.toDriverProperties();
        // Without a password pgjdbc reads ~/.pgpass on its own, without libpq's permission check;
        // the parser has already applied (or refused) .pgpass, so the driver must not look again.
        p.putIfAbsent("password", "");
        p.setProperty("ApplicationName", MonitorSettings.APPLICATION_NAME);
        p.setProperty("connectTimeout", Long.toString(settings.connectTimeout().toSeconds()));
        p.setProperty("loginTimeout", Long.toString(settings.loginTimeout().toSeconds()));
        p.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        p.setProperty("cancelSignalTimeout", "2");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("readOnly", "true");
        return p;
    }

    public ConnectionTarget target() {
        return target;
    }

    public MonitorSettings settings() {
        return settings;
    }

    /** A pooled session; close it to give it back. Fails fast when the pool cannot provide one. */
    public Connection borrow() throws SQLException {
        return pool.getConnection();
    }

    /** How many sessions the pool holds right now (never more than {@value MonitorSettings#MAX_CONNECTIONS}). */
    public int openSessions() {
        var mx = pool.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getTotalConnections();
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MonitorConnection[" + target.displayName() + "]";
    }
}
