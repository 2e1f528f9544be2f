package io.pgpulse.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.LogCapture;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class MonitorConnectionTest {
    private static final MonitorSettings FAST = MonitorSettings.defaults().withLoginTimeout(Duration.ofSeconds(1));

    @Test
    void sessionsAreReadOnlyTaggedAndBoundedByTimeouts(TestServer pg) throws Exception {
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults());
             Connection c = monitor.borrow(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT current_setting('default_transaction_read_only'),"
                    + " current_setting('statement_timeout'), current_setting('lock_timeout'),"
                    + " current_setting('idle_in_transaction_session_timeout'), current_setting('application_name')");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("1500ms");
            assertThat(rs.getString(3)).isEqualTo("500ms");
            assertThat(rs.getString(4)).isEqualTo("10s");
            assertThat(rs.getString(5)).isEqualTo("pgpulse");
            assertThatThrownBy(() -> s.execute("CREATE TABLE must_not_exist(id int)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void neverHoldsMoreThanTwoSessions(TestServer pg) throws Exception {
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(pg.monitorUri()), FAST);
             Connection a = monitor.borrow(); Connection b = monitor.borrow()) {
            assertThatThrownBy(monitor::borrow).isInstanceOf(SQLException.class);
            assertThat(monitor.openSessions()).isEqualTo(2);
            try (Connection su = pg.superuser(); Statement s = su.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgpulse'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void statementTimeoutCancelsARunawayQuery(TestServer pg) throws Exception {
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults());
             Connection c = monitor.borrow(); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorTriedOnceAndNeverLogged(TestServer pg) throws Exception {
        String canary = "CANARY-wrong-pw-7f3a";
        try (TcpProxy proxy = TcpProxy.forwardingTo(pg.port()); LogCapture logs = new LogCapture()) {
            ConnectionTarget target = Targets.parse("postgresql://" + TestServer.MONITOR_ROLE + ":" + canary
                    + "@localhost:" + proxy.port() + "/postgres?sslmode=disable");
            assertThatThrownBy(() -> MonitorConnection.open(target, FAST))
                    .isInstanceOfSatisfying(MonitorConnectException.class, e -> {
                        assertThat(e.problem()).isEqualTo(ConnectProblem.AUTHENTICATION_FAILED);
                        assertThat(e.getMessage()).contains(TestServer.MONITOR_ROLE).doesNotContain(canary);
                        assertThat(e.explanation()).doesNotContain(canary);
                    });
            // A retry loop would keep knocking; the count must stay at one attempt.
            await().during(Duration.ofMillis(1500)).atMost(3, TimeUnit.SECONDS)
                    .until(() -> proxy.acceptedConnections() == 1);
            assertThat(logs.text()).doesNotContain(canary);
        }
    }

    @Test
    void unreachablePortFailsFastWithAClearMessage() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        ConnectionTarget target = Targets.parse("postgresql://someone:pw@localhost:" + freePort + "/postgres");
        long start = System.nanoTime();
        assertThatThrownBy(() -> MonitorConnection.open(target, FAST))
                .isInstanceOfSatisfying(MonitorConnectException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ConnectProblem.UNREACHABLE);
                    assertThat(e.getMessage()).contains("localhost:" + freePort).contains("refused");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void silentServerFailsWithinTheLoginTimeout() throws Exception {
        try (TcpProxy silent = TcpProxy.silent()) {
            ConnectionTarget target = Targets.parse("postgresql://someone:pw@localhost:" + silent.port() + "/postgres");
            long start = System.nanoTime();
            assertThatThrownBy(() -> MonitorConnection.open(target, FAST))
                    .isInstanceOfSatisfying(MonitorConnectException.class,
                            e -> assertThat(e.problem()).isEqualTo(ConnectProblem.TIMED_OUT));
            // loginTimeout is 1 s here; pgjdbc's default would wait far longer than this bound.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(silent.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void missingDatabaseIsNamedAsSuch(TestServer pg) {
        ConnectionTarget target = Targets.parse("postgresql://" + TestServer.MONITOR_ROLE + ":" + TestServer.MONITOR_PASSWORD
                + "@localhost:" + pg.port() + "/no_such_db");
        assertThatThrownBy(() -> MonitorConnection.open(target, FAST))
                .isInstanceOfSatisfying(MonitorConnectException.class,
                        e -> assertThat(e.problem()).isEqualTo(ConnectProblem.DATABASE_NOT_FOUND));
    }
}
