package io.pgpulse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real workloads on a real server: the loop is flagged with its parent, the batched forms are not. */
class NPlusOneDetectorTest {
    private static TestServer pg;

    @BeforeAll
    static void schema() {
        pg = PgServers.newest();
        pg.execute("CREATE TABLE IF NOT EXISTS np_customers (id int PRIMARY KEY, name text)",
                "INSERT INTO np_customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING",
                "CREATE TABLE IF NOT EXISTS np_orders (id int PRIMARY KEY, customer_id int, status text)",
                "INSERT INTO np_orders SELECT g, 1 + g % 1000, CASE WHEN g % 3 = 0 THEN 'paid' ELSE 'open' END"
                        + " FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING");
    }

    interface Workload {
        void loop(Connection c) throws Exception;
    }

    /** One list query, then one single-row query per row: what an ORM does without eager loading. */
    private static void nPlusOne(Connection c) throws Exception {
        List<Integer> customers = new ArrayList<>();
        try (PreparedStatement list = c.prepareStatement(
                "SELECT id, customer_id FROM np_orders WHERE status = ? ORDER BY id DESC LIMIT 40")) {
            list.setString(1, "open");
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    customers.add(rs.getInt(2));
                }
            }
        }
        try (PreparedStatement one = c.prepareStatement("SELECT name FROM np_customers WHERE id = ?")) {
            for (int id : customers) {
                one.setInt(1, id);
                one.executeQuery().close();
            }
        }
    }

    private static void joined(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, cu.name FROM np_orders o JOIN np_customers cu"
                + " ON cu.id = o.customer_id WHERE o.status = ? ORDER BY o.id DESC LIMIT 40")) {
            ps.setString(1, "paid");
            ps.executeQuery().close();
        }
    }

    private static void batched(Connection c) throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement list = c.prepareStatement(
                "SELECT id, customer_id FROM np_orders WHERE status = ? ORDER BY id ASC LIMIT 40")) {
            list.setString(1, "paid");
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(2));
                }
            }
        }
        try (PreparedStatement many = c.prepareStatement("SELECT id, name FROM np_customers WHERE id = ANY(?)")) {
            Array array = c.createArrayOf("int4", ids.toArray());
            many.setArray(1, array);
            many.executeQuery().close();
        }
    }

    private static void hotLookupOnly(Connection c) throws Exception {
        try (PreparedStatement one = c.prepareStatement("SELECT status FROM np_orders WHERE id = ?")) {
            for (int i = 1; i <= 40; i++) {
                one.setInt(1, i);
                one.executeQuery().close();
            }
        }
    }

    /** Runs {@code loops} loops per poll over several polls and returns the run's findings. */
    private static List<Finding> run(Workload workload, int polls, int loops) throws Exception {
        try (MonitorSession session = MonitorSession.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults(),
                SamplerConfig.defaults(), HistoryConfig.withDefaults(java.time.Duration.ofSeconds(2)));
             Connection app = pg.superuser()) {
            List<Snapshot> snapshots = new ArrayList<>();
            session.sampler().addListener(snapshots::add);
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            for (int p = 0; p < polls; p++) {
                for (int i = 0; i < loops; i++) {
                    workload.loop(app);
                }
                if (p == polls - 1) {
                    session.sampler().requestAllTexts();
                }
                session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            }
            return new NPlusOneDetector().findings(AnalysisInput.of(snapshots, null));
        }
    }

    private static Optional<Finding> about(List<Finding> findings, String table) {
        return findings.stream().filter(f -> String.valueOf(f.evidence().get("query")).contains(table)).findFirst();
    }

    @Test
    void aLoopOfSingleRowLookupsIsFlaggedWithTheListQueryAsItsParent() throws Exception {
        List<Finding> findings = run(NPlusOneDetectorTest::nPlusOne, 4, 5);
        Finding f = about(findings, "FROM np_customers WHERE id = $1").orElseThrow(() -> new AssertionError(findings.toString()));
        assertThat(f.kind()).isEqualTo("n_plus_one");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat((String) f.evidence().get("parent_query")).contains("FROM np_orders WHERE status = $1");
        assertThat(f.evidence().get("calls")).isEqualTo(800L);
        assertThat(f.evidence().get("parent_rows")).isEqualTo(800L);
        assertThat(f.evidence().get("parent_calls")).isEqualTo(20L);
        assertThat((double) f.evidence().get("calls_per_parent_row")).isEqualTo(1.0);
        assertThat(f.summary()).contains("one call per row of");
        assertThat(f.advice().now()).contains("ANY($1)");
    }

    @Test
    void theSameDataFetchedWithAJoinIsNotFlagged() throws Exception {
        List<Finding> findings = run(NPlusOneDetectorTest::joined, 4, 50);
        assertThat(findings).noneMatch(f -> String.valueOf(f.evidence().get("query")).contains("np_"));
    }

    @Test
    void theSameDataFetchedWithAnyIsNotFlagged() throws Exception {
        List<Finding> findings = run(NPlusOneDetectorTest::batched, 4, 50);
        assertThat(findings).noneMatch(f -> String.valueOf(f.evidence().get("query")).contains("np_"));
    }

    @Test
    void aHotLookupWithoutAParentIsReportedAsSuchNotAsNPlusOne() throws Exception {
        List<Finding> findings = run(NPlusOneDetectorTest::hotLookupOnly, 4, 5);
        Finding f = about(findings, "FROM np_orders WHERE id = $1").orElseThrow(() -> new AssertionError(findings.toString()));
        assertThat(f.kind()).isEqualTo("hot_lookup");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).doesNotContainKey("parent_query");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT name FROM customers WHERE id = $1|true",
            "SELECT c.name, c.email FROM public.customers c WHERE c.id = $1 AND c.deleted = $2|true",
            "SELECT name FROM customers WHERE id = ANY($1)|false",
            "SELECT name FROM customers WHERE id IN ($1, $2, $3)|false",
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1|false",
            "UPDATE customers SET name = $1 WHERE id = $2|false",
            "SELECT count(*) FROM customers|false"})
    void onlySingleKeyLookupsAreCandidates(String sql, boolean candidate) {
        assertThat(NPlusOneDetector.isKeyedLookup(Optional.of(new QueryText(1, sql, sql.length())))).isEqualTo(candidate);
    }
}
