package io.pgpulse.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

import io.pgpulse.core.statements.DeltaEvent;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** Creates a table only this test queries, so its statements have queryids of their own. */
    private static String table(TestServer pg, String name) throws Exception {
        try (Connection c = pg.superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO " + name + " SELECT g, 'v' || g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING");
        }
        return name;
    }

    private static void runLookups(TestServer pg, String table, int times) throws Exception {
        try (Connection c = pg.superuser(); PreparedStatement ps = c.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
            for (int i = 0; i < times; i++) {
                ps.setInt(1, i % 100 + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    private static Optional<StatementDelta> deltaFor(Snapshot snap, String textFragment) {
        return snap.statements().latest().deltas().stream()
                .filter(d -> snap.statements().text(d.key().queryId()).map(t -> t.text().contains(textFragment)).orElse(false))
                .findFirst();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void reportsExactlyTheCallsAWorkloadMadeBetweenTwoPolls(PgMajor major) throws Exception {
        TestServer pg = PgServers.get(major);
        String table = table(pg, "exact_calls");
        runLookups(pg, table, 3);
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            Snapshot first = h.poll();
            assertThat(first.statements().latest().kind()).isEqualTo(DeltaResult.Kind.BASELINE);
            runLookups(pg, table, 137);
            Snapshot second = h.poll();
            StatementDelta d = deltaFor(second, "FROM " + table + " WHERE id = $1").orElseThrow();
            assertThat(d.calls()).isEqualTo(137);
            assertThat(d.rows()).isEqualTo(137);
            runLookups(pg, table, 11);
            Snapshot third = h.poll();
            assertThat(deltaFor(third, "FROM " + table + " WHERE id = $1").orElseThrow().calls()).isEqualTo(11);
            assertThat(third.sections().values()).allMatch(s -> s instanceof SectionState.Fresh);
        }
    }

    @Test
    void neverReportsItsOwnQueriesNorResetsTheStatistics() throws Exception {
        TestServer pg = PgServers.newest();
        Optional<Instant> resetBefore;
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            resetBefore = h.poll().statements().statsReset();
            for (int i = 0; i < 4; i++) {
                h.poll();
            }
            Snapshot last = h.poll();
            java.util.Set<Long> own = new java.util.HashSet<>();
            try (Connection c = pg.superuser(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT queryid FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                         + " WHERE r.rolname = '" + TestServer.MONITOR_ROLE + "' AND s.query LIKE '%/* pgpulse */%'")) {
                while (rs.next()) {
                    own.add(rs.getLong(1));
                }
            }
            assertThat(own).as("the monitor's statements are in pg_stat_statements").hasSizeGreaterThanOrEqualTo(5);
            assertThat(last.statements().latest().deltas()).extracting(d -> d.key().queryId()).doesNotContainAnyElementsOf(own);
            assertThat(last.statements().cumulative().keySet()).extracting(k -> k.queryId()).doesNotContainAnyElementsOf(own);
            assertThat(last.activity()).noneMatch(a -> "pgpulse".equals(a.application()));
            assertThat(last.statements().statsReset()).isEqualTo(resetBefore);
        }
    }

    @Test
    void passwordsInRoleStatementsAreMaskedInTexts() throws Exception {
        TestServer pg = PgServers.newest();
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            h.poll();
            pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'masked_role') THEN"
                    + " CREATE ROLE masked_role; END IF; END $$", "ALTER ROLE masked_role PASSWORD 'CANARY-role-pw'");
            Snapshot s = h.poll();
            h.sampler.requestAllTexts();
            Snapshot all = h.poll();
            assertThat(all.statements().texts().values()).anyMatch(t -> t.text().startsWith("ALTER ROLE masked_role PASSWORD"))
                    .noneMatch(t -> t.text().contains("CANARY-role-pw"));
            assertThat(s.activity()).noneMatch(a -> a.query() != null && a.query().contains("CANARY-role-pw"));
        }
    }

    @Test
    void steadyStateSendsOnlyChangedEntriesAndReadsNoTexts() throws Exception {
        TestServer pg = PgServers.newest();
        String table = table(pg, "steady_state");
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            Snapshot baseline = h.poll();
            assertThat(baseline.stats().statementRows()).isGreaterThan(5);
            runLookups(pg, table, 5);
            h.poll();
            h.poll();
            Snapshot quiet = h.poll();
            // Only the monitor's own handful of statements changed since the previous poll.
            assertThat(quiet.stats().statementRows()).isLessThan(baseline.stats().statementRows());
            assertThat(quiet.stats().textsFetched()).isZero();
            assertThat(quiet.stats().roundTrips()).isEqualTo(1);
            assertThat(quiet.stats().batched()).isTrue();
        }
    }

    @Test
    void textReadsAreRateLimitedAndBatchedUnlessForced() throws Exception {
        TestServer pg = PgServers.newest();
        String a = table(pg, "texts_rate_a");
        String b = table(pg, "texts_rate_b");
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri(), io.pgpulse.core.connection.MonitorSettings.defaults(),
                SamplerHarness.withTextInterval(java.time.Duration.ofHours(1)))) {
            Snapshot baseline = h.poll();
            assertThat(baseline.stats().textsFetched()).as("the first poll reads every text once").isPositive();
            runLookups(pg, a, 3);
            runLookups(pg, b, 3);
            Snapshot limited = h.poll();
            assertThat(limited.stats().textsFetched()).isZero();
            assertThat(deltaFor(limited, "FROM " + a + " WHERE id = $1")).isEmpty();
            assertThat(limited.statements().latest().deltas()).anyMatch(d -> limited.statements().text(d.key().queryId()).isEmpty());
            h.sampler.requestAllTexts();
            Snapshot forced = h.poll();
            assertThat(forced.stats().textsFetched()).isPositive();
            assertThat(forced.statements().text(limited.statements().latest().deltas().stream()
                    .filter(d -> limited.statements().text(d.key().queryId()).isEmpty()).findFirst().orElseThrow()
                    .key().queryId())).isPresent();
            assertThat(forced.statements().cumulative().keySet())
                    .filteredOn(k -> forced.statements().text(k.queryId()).isEmpty())
                    .isEmpty();
        }
    }

    @Test
    void aResetByAnotherUserIsSurvivedAndReported() throws Exception {
        TestServer pg = PgServers.newest();
        String table = table(pg, "survives_reset");
        try (SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            runLookups(pg, table, 50);
            h.poll();
            runLookups(pg, table, 20);
            pg.execute("SELECT pg_stat_statements_reset()");
            runLookups(pg, table, 7);
            Snapshot after = h.poll();
            assertThat(after.statements().latest().events()).anyMatch(e -> e instanceof DeltaEvent.StatsReset);
            assertThat(after.statements().latest().deltas()).allSatisfy(d -> {
                assertThat(d.calls()).isPositive();
                assertThat(d.execTimeMs()).isNotNegative();
                assertThat(d.rows()).isNotNegative();
            });
            assertThat(deltaFor(after, "FROM " + table + " WHERE id = $1")).hasValueSatisfying(d -> assertThat(d.calls()).isEqualTo(7));
        }
    }

    @Test
    void activityShowsOtherSessionsWithTheirWaitAndBlockers() throws Exception {
        TestServer pg = PgServers.newest();
        table(pg, "blocking_demo");
        try (Connection holder = pg.superuser(); Connection waiter = pg.superuser();
             SamplerHarness h = new SamplerHarness(pg.monitorUri())) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SET application_name = 'holder'");
            holder.createStatement().execute("UPDATE blocking_demo SET v = 'x' WHERE id = 1");
            int holderPid = pid(holder);
            waiter.createStatement().execute("SET application_name = 'waiter'");
            Thread t = new Thread(() -> {
                try (Statement s = waiter.createStatement()) {
                    s.execute("UPDATE blocking_demo SET v = 'y' WHERE id = 1");
                } catch (Exception ignored) {
                    // cancelled when the holder rolls back
                }
            });
            t.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                Snapshot s = h.poll();
                return s.activity().stream().anyMatch(a -> "waiter".equals(a.application()) && a.blockedBy().contains(holderPid));
            });
            Snapshot s = h.snapshots.get(h.snapshots.size() - 1);
            assertThat(s.locks()).anyMatch(l -> !l.granted() && l.waitStart() != null);
            assertThat(s.locks()).anyMatch(l -> l.granted() && l.pid() == holderPid);
            holder.rollback();
            t.join(10_000);
        }
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
