package io.pgpulse.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.embedded.EmbeddedServer;
import io.pgpulse.core.statements.DeltaEvent;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.Test;

/** Faults against real servers: restarts, stalls, timeouts, exhaustion, huge texts. */
class SamplerFaultsTest {
    private static final MonitorSettings ONE_SECOND = MonitorSettings.withInterval(Duration.ofSeconds(1))
            .withLoginTimeout(Duration.ofSeconds(1));

    private static Set<String> samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("pgpulse-sampler") || n.startsWith("pgpulse-monitor"))
                .collect(Collectors.toSet());
    }

    private static int monitorSessions(EmbeddedServer server) throws Exception {
        try (Connection c = server.superuserConnection("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgpulse'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void restartMidRunReconnectsByItselfWithCorrectDeltasAndNoLeaks() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().start()) {
            server.execute("CREATE EXTENSION pg_stat_statements",
                    "CREATE ROLE mon LOGIN PASSWORD 'mon-pw' IN ROLE pg_monitor",
                    "CREATE TABLE restart_t (id int PRIMARY KEY)", "INSERT INTO restart_t SELECT generate_series(1, 10)");
            String uri = "postgresql://mon:mon-pw@localhost:" + server.port() + "/postgres";
            Set<String> threadsBefore = samplerThreads();
            try (SamplerHarness h = new SamplerHarness(uri, ONE_SECOND, SamplerHarness.withTextInterval(Duration.ZERO))) {
                h.sampler.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> h.snapshots.size() >= 2);
                // Down long enough for polls to fail, as in a real restart of a loaded server.
                server.stop();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> h.statuses.stream().anyMatch(s -> s instanceof SamplerStatus.Reconnecting));
                server.start();
                int before = h.snapshots.size();
                try (Connection c = server.superuserConnection("postgres");
                     PreparedStatement ps = c.prepareStatement("SELECT id FROM restart_t WHERE id = ?")) {
                    for (int i = 1; i <= 25; i++) {
                        ps.setInt(1, i % 10 + 1);
                        ps.executeQuery().close();
                    }
                }
                await().atMost(Duration.ofSeconds(45)).until(() -> h.snapshots.size() >= before + 2
                        && h.sampler.status() instanceof SamplerStatus.Connected);
                assertThat(h.snapshots).anyMatch(s -> s.statements().latest().events().stream()
                        .anyMatch(e -> e instanceof DeltaEvent.ServerRestart));
                assertThat(h.snapshots).allSatisfy(s -> assertThat(s.statements() == null ? List.of() : s.statements().latest().deltas())
                        .allSatisfy(d -> {
                            assertThat(d.calls()).isPositive();
                            assertThat(d.execTimeMs()).isNotNegative();
                        }));
                long counted = h.snapshots.stream().flatMap(s -> s.statements().latest().deltas().stream())
                        .filter(d -> h.snapshots.get(h.snapshots.size() - 1).statements().text(d.key().queryId())
                                .map(t -> t.text().contains("FROM restart_t WHERE id = $1")).orElse(false))
                        .mapToLong(d -> d.calls()).sum();
                assertThat(counted).as("lookups counted once, not lost and not doubled").isEqualTo(25);
                assertThat(monitorSessions(server)).isBetween(1, 2);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> monitorSessions(server) == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> samplerThreads().equals(threadsBefore));
        }
    }

    @Test
    void aStalledSocketFailsThePollWithinTheSocketTimeoutAndSkipsTicks() throws Exception {
        TestServer pg = PgServers.newest();
        try (TcpProxy proxy = TcpProxy.forwardingTo(pg.port())) {
            String uri = "postgresql://" + TestServer.MONITOR_ROLE + ":" + TestServer.MONITOR_PASSWORD + "@localhost:"
                    + proxy.port() + "/postgres?sslmode=disable";
            try (SamplerHarness h = new SamplerHarness(uri, ONE_SECOND, SamplerConfig.defaults())) {
                h.sampler.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> h.snapshots.size() >= 1);
                proxy.stall();
                long stalledAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> h.statuses.stream().anyMatch(s -> s instanceof SamplerStatus.Reconnecting));
                Duration failedAfter = Duration.ofNanos(System.nanoTime() - stalledAt);
                // socketTimeout is statement_timeout (750 ms) + 3 s, rounded to whole seconds by pgjdbc.
                assertThat(failedAfter).isLessThan(ONE_SECOND.socketTimeout().plusSeconds(3));
                assertThat(h.sampler.skippedTicks()).as("ticks during the stalled poll are skipped").isPositive();
                proxy.dropConnections();
                proxy.resume();
                int before = h.snapshots.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> h.snapshots.size() > before);
            }
        }
    }

    @Test
    void aSectionThatTimesOutGoesStaleWhileTheRestStillUpdates() throws Exception {
        TestServer pg = PgServers.newest();
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri()); Connection locker = pg.superuser()) {
            Snapshot before = h.poll();
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE pg_stat_statements_info IN ACCESS EXCLUSIVE MODE");
            Snapshot during = h.poll();
            assertThat(during.state(Section.STATEMENTS)).isInstanceOfSatisfying(SectionState.Stale.class,
                    s -> assertThat(s.reason()).contains("lock"));
            assertThat(during.isFresh(Section.ACTIVITY)).isTrue();
            assertThat(during.isFresh(Section.SERVER)).isTrue();
            assertThat(during.takenAt()).isAfter(before.takenAt());
            assertThat(during.statements()).isSameAs(before.statements());
            assertThat(during.stats().batched()).isFalse();
            locker.rollback();
            Snapshot after = h.poll();
            assertThat(after.isFresh(Section.STATEMENTS)).isTrue();
        }
    }

    @Test
    void anExhaustedServerKeepsBeingPolledThroughTheSessionAlreadyHeld() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder()
                .serverConfig("max_connections", "8").serverConfig("superuser_reserved_connections", "2")
                .serverConfig("reserved_connections", "0").start()) {
            server.execute("CREATE EXTENSION pg_stat_statements", "CREATE ROLE app LOGIN PASSWORD 'app-pw'",
                    "CREATE ROLE mon LOGIN PASSWORD 'mon-pw' IN ROLE pg_monitor");
            String uri = "postgresql://mon:mon-pw@localhost:" + server.port() + "/postgres";
            List<Connection> hogs = new ArrayList<>();
            try (SamplerHarness h = new SamplerHarness(uri)) {
                h.poll();
                String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
                while (true) {
                    try {
                        hogs.add(DriverManager.getConnection(url, "app", "app-pw"));
                    } catch (java.sql.SQLException e) {
                        assertThat(e.getSQLState()).isEqualTo("53300");
                        break;
                    }
                }
                Snapshot full = h.poll();
                // Every ordinary slot is taken (a setup session of the superuser may still be exiting).
                assertThat(full.server().clientBackends()).isGreaterThanOrEqualTo(full.server().usableConnections());
                assertThat(full.activity().stream().filter(a -> "app".equals(a.user()))).hasSize(hogs.size());
            } finally {
                for (Connection c : hogs) {
                    c.close();
                }
            }
        }
    }

    @Test
    void megabyteQueryTextsAreTruncatedForDisplay() throws Exception {
        TestServer pg = PgServers.newest();
        String huge = "SELECT '" + "x".repeat(1_000_000) + "' AS big, pg_sleep(0) FROM pg_class LIMIT 1";
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri()); Connection c = pg.superuser()) {
            h.poll();
            try (Statement s = c.createStatement()) {
                s.execute(huge);
            }
            Snapshot snap = h.poll();
            QueryText text = snap.statements().latest().deltas().stream()
                    .map(d -> snap.statements().text(d.key().queryId()))
                    .flatMap(java.util.Optional::stream)
                    .filter(t -> t.text().startsWith("SELECT $1 AS big"))
                    .findFirst().orElseThrow();
            assertThat(text.text().length()).isLessThanOrEqualTo(SamplerConfig.defaults().statementTextChars());
            assertThat(snap.activity()).allSatisfy(a -> assertThat(a.query() == null ? 0 : a.query().length())
                    .isLessThanOrEqualTo(SamplerConfig.defaults().activityTextChars()));
        }
    }
}
