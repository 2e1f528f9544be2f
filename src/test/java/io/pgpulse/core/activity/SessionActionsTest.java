package io.pgpulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.Targets;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionActionsTest {
    static final String SIGNALLER = "pgpulse_signaller";
    static final String SIGNALLER_PASSWORD = "signal-pw";

    private static TestServer pg;

    @BeforeAll
    static void roles() {
        pg = PgServers.newest();
        createSignaller(pg);
    }

    /** A login role that may signal other roles' sessions, but not a superuser's. */
    static void createSignaller(TestServer server) {
        server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + SIGNALLER + "') THEN"
                + " CREATE ROLE " + SIGNALLER + " LOGIN PASSWORD '" + SIGNALLER_PASSWORD + "' IN ROLE pg_monitor,"
                + " pg_signal_backend; END IF; END $$");
    }

    private static MonitorConnection connect(String uri) throws Exception {
        return MonitorConnection.open(Targets.parse(uri), MonitorSettings.defaults());
    }

    private static SessionActions actions(MonitorConnection connection) throws SQLException {
        try (Connection c = connection.borrow()) {
            return new SessionActions(connection, (Capabilities) CapabilityProbe.probe(c));
        }
    }

    private static String waitingQuery(int pid) throws SQLException {
        try (Connection c = pg.superuser();
             PreparedStatement ps = c.prepareStatement("SELECT state || ': ' || query FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void cancelStopsARunningQueryWhoseCallFailsWithQueryCanceled() throws Exception {
        try (MonitorConnection monitor = connect(pg.superuserUri());
             Backend victim = Backend.superuser(pg, "postgres")) {
            Future<Void> sleeping = victim.start("SELECT pg_sleep(60)");
            await().atMost(Duration.ofSeconds(10)).until(() -> "active: SELECT pg_sleep(60)".equals(waitingQuery(victim.pid())));

            List<SignalResult> results = actions(monitor).cancel(List.of(victim.ref()));

            assertThat(results).singleElement().isInstanceOf(SignalResult.Sent.class);
            assertThat(results.get(0).message()).isEqualTo("pid " + victim.pid() + ": cancel sent; its statement stops at the next check");
            Throwable failure = catchThrowable(() -> sleeping.get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure.getCause()).getSQLState()).isEqualTo("57014");
            assertThat(victim.alive()).as("cancel keeps the session").isTrue();
        }
    }

    @Test
    void terminateRefusesAPidWhoseBackendStartChanged() throws Exception {
        try (MonitorConnection monitor = connect(pg.superuserUri());
             Backend victim = Backend.superuser(pg, "postgres")) {
            SessionRef stale = new SessionRef(victim.pid(), victim.backendStart().minusSeconds(90));
            SessionActions actions = new SessionActions(monitor, new SignalPolicy("postgres", true, true), ZoneOffset.UTC);

            List<SignalResult> results = actions.terminate(List.of(stale));

            assertThat(results).singleElement().isInstanceOfSatisfying(SignalResult.PidReused.class, r -> {
                assertThat(r.currentStart()).isEqualTo(victim.backendStart());
                assertThat(r.message()).isEqualTo("pid " + victim.pid() + " now belongs to a different session (started "
                        + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                                .format(victim.backendStart().atZone(ZoneOffset.UTC)) + "); nothing was sent");
            });
            assertThat(victim.alive()).isTrue();
        }
    }

    @Test
    void terminateEndsAnIdleTransactionAndRollsItBack() throws Exception {
        pg.execute("CREATE TABLE IF NOT EXISTS activity_terminate (id int)");
        try (MonitorConnection monitor = connect(pg.superuserUri());
             Backend victim = Backend.superuser(pg, "postgres")) {
            victim.connection().setAutoCommit(false);
            victim.execute("INSERT INTO activity_terminate VALUES (42)");

            List<SignalResult> results = actions(monitor).terminate(List.of(victim.ref()));

            assertThat(results).singleElement().isInstanceOf(SignalResult.Sent.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !victim.alive());
            try (Connection c = pg.superuser(); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM activity_terminate WHERE id = 42")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the transaction was rolled back").isZero();
            }
        }
    }

    @Test
    void monitorOnlyRoleIsToldWhyBeforeAnythingIsSentAndTheVictimStaysAlive() throws Exception {
        try (MonitorConnection monitor = connect(pg.monitorUri());
             Backend victim = Backend.open(pg.port(), "postgres", TestServer.PLAIN_ROLE, TestServer.PLAIN_PASSWORD)) {
            SessionActions actions = actions(monitor);
            String expected = "Your role pgpulse_monitor may not signal other roles' sessions:"
                    + " GRANT pg_signal_backend TO pgpulse_monitor; (it cannot signal superusers either)";

            assertThat(actions.policy().signalsOtherRoles()).isFalse();
            assertThat(actions.policy().missingGrant()).isEqualTo(expected);
            List<SignalResult> results = actions.send(Signal.TERMINATE, List.of(victim.ref()));

            assertThat(results).singleElement().isInstanceOfSatisfying(SignalResult.NotPermitted.class,
                    r -> assertThat(r.reason()).isEqualTo(expected));
            assertThat(victim.alive()).isTrue();
        }
    }

    @Test
    void signalBackendMemberCancelsOtherRolesButNeverASuperuser() throws Exception {
        String uri = "postgresql://" + SIGNALLER + ":" + SIGNALLER_PASSWORD + "@localhost:" + pg.port() + "/postgres";
        try (MonitorConnection monitor = connect(uri);
             Backend plain = Backend.open(pg.port(), "postgres", TestServer.PLAIN_ROLE, TestServer.PLAIN_PASSWORD);
             Backend superuser = Backend.superuser(pg, "postgres")) {
            Future<Void> sleeping = plain.start("SELECT pg_sleep(60)");
            await().atMost(Duration.ofSeconds(10)).until(() -> "active: SELECT pg_sleep(60)".equals(waitingQuery(plain.pid())));

            List<SignalResult> results = actions(monitor).cancel(List.of(plain.ref(), superuser.ref()));

            assertThat(results.get(0)).isInstanceOf(SignalResult.Sent.class);
            assertThat(catchThrowable(() -> sleeping.get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(SQLException.class);
            assertThat(results.get(1)).isInstanceOfSatisfying(SignalResult.NotPermitted.class,
                    r -> assertThat(r.reason()).isEqualTo("pid " + superuser.pid()
                            + " belongs to the superuser postgres; only a superuser may signal it; nothing was sent"));
            assertThat(superuser.alive()).isTrue();
        }
    }

    @Test
    void theMonitorNeverSignalsItsOwnSessions() throws Exception {
        try (MonitorConnection monitor = connect(pg.superuserUri())) {
            SessionRef own;
            try (Connection c = monitor.borrow(); PreparedStatement ps = c.prepareStatement(
                    "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                own = new SessionRef(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }

            List<SignalResult> results = actions(monitor).terminate(List.of(own));

            assertThat(results).singleElement().isInstanceOfSatisfying(SignalResult.NotPermitted.class,
                    r -> assertThat(r.reason()).isEqualTo("pid " + own.pid()
                            + " is one of PgPulse's own sessions; PgPulse never signals itself"));
            try (Connection c = monitor.borrow()) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void aSessionThatHasEndedIsReportedAsGone() throws Exception {
        try (MonitorConnection monitor = connect(pg.superuserUri())) {
            SessionRef gone = new SessionRef(Integer.MAX_VALUE, Instant.parse("2025-01-01T00:00:00Z"));

            List<SignalResult> results = actions(monitor).cancel(List.of(gone));

            assertThat(results).singleElement().isInstanceOf(SignalResult.NotFound.class);
            assertThat(results.get(0).message()).isEqualTo("pid " + Integer.MAX_VALUE + " is no longer running; nothing was sent");
        }
    }

    @Test
    void eachTargetOfABatchGetsItsOwnResult() throws Exception {
        try (MonitorConnection monitor = connect(pg.superuserUri());
             Backend first = Backend.superuser(pg, "postgres");
             Backend second = Backend.superuser(pg, "postgres")) {
            SessionRef stale = new SessionRef(second.pid(), second.backendStart().plusSeconds(1));

            List<SignalResult> results = actions(monitor).terminate(List.of(first.ref(), stale));

            assertThat(results).extracting(SignalResult::target).containsExactly(first.ref(), stale);
            assertThat(results.get(0)).isInstanceOf(SignalResult.Sent.class);
            assertThat(results.get(1)).isInstanceOf(SignalResult.PidReused.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.alive());
            assertThat(second.alive()).isTrue();
        }
    }
}
