package io.pgpulse.core.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each index health case built for real in its own database, judged as the monitoring role sees it. */
class IndexHealthTest {
    static final String DATABASE = "pgpulse_index_health";
    private static TestServer pg;
    private static List<IndexHealthItem> items;

    @BeforeAll
    static void build() throws Exception {
        pg = ExplainFixture.newest();
        pg.createDatabase(DATABASE);
        try (Connection c = pg.superuser(DATABASE); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "DROP SCHEMA IF EXISTS health CASCADE",
                    "CREATE SCHEMA health",
                    "CREATE TABLE health.parents (id int PRIMARY KEY)",
                    "CREATE TABLE health.children (id int PRIMARY KEY, parent_id int REFERENCES health.parents)",
                    "CREATE TABLE health.covered (id int PRIMARY KEY, parent_id int REFERENCES health.parents)",
                    "CREATE INDEX covered_parent_idx ON health.covered (parent_id, id)",
                    "CREATE TABLE health.items (id int PRIMARY KEY, a int, b int, c int)",
                    "CREATE INDEX items_a ON health.items (a)",
                    "CREATE INDEX items_a_b ON health.items (a, b)",
                    "CREATE INDEX items_c ON health.items (c)",
                    "CREATE INDEX items_c_dup ON health.items (c)",
                    "CREATE UNIQUE INDEX items_b_unique ON health.items (b)",
                    "CREATE INDEX items_never_used ON health.items (c, a)",
                    "CREATE TABLE health.booking (id int PRIMARY KEY, r int4range, EXCLUDE USING gist (r WITH &&))",
                    "CREATE TABLE health.dupvals (v int)",
                    "INSERT INTO health.dupvals VALUES (1), (1)")) {
                s.execute(sql);
            }
            try {
                s.execute("CREATE UNIQUE INDEX CONCURRENTLY dupvals_v_idx ON health.dupvals (v)");
            } catch (SQLException expected) {
                // The build fails on the duplicate and leaves an invalid index behind: the case under test.
            }
        }
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(uri(pg)), MonitorSettings.withInterval(
                java.time.Duration.ofSeconds(14)))) {
            items = new IndexHealth(monitor::borrow).check();
        }
    }

    private static String uri(TestServer server) {
        return "postgresql://" + ExplainFixture.ROLE + ":" + ExplainFixture.PASSWORD + "@localhost:" + server.port() + "/" + DATABASE;
    }

    private static IndexHealthItem item(Kind kind, String index) {
        return items.stream().filter(i -> i.kind() == kind && i.index().equals(index)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " for " + index + " in " + items));
    }

    @Test
    void foreignKeyWithoutAnIndexGetsTheCreateStatement() {
        IndexHealthItem i = item(Kind.FOREIGN_KEY_WITHOUT_INDEX, "children_parent_id_fkey");
        assertThat(i.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY children_parent_id_idx ON health.children (parent_id);");
        assertThat(i.detail()).contains("health.parents");
        assertThat(i.warning()).contains("cannot run inside a transaction block");
        assertThat(items).noneMatch(x -> x.kind() == Kind.FOREIGN_KEY_WITHOUT_INDEX && x.table().equals("covered"));
    }

    @Test
    void prefixCoveredIndexIsNamedWithTheWiderOne() {
        IndexHealthItem i = item(Kind.PREFIX_COVERED, "items_a");
        assertThat(i.detail()).contains("is a prefix of items_a_b");
        assertThat(i.ddl()).isEqualTo("DROP INDEX CONCURRENTLY health.items_a;");
        assertThat(i.sizeBytes()).isPositive();
    }

    @Test
    void duplicateDropsTheOneNoConstraintNeeds() {
        IndexHealthItem i = item(Kind.DUPLICATE, "items_c_dup");
        assertThat(i.detail()).contains("same definition as items_c");
        assertThat(i.ddl()).isEqualTo("DROP INDEX CONCURRENTLY health.items_c_dup;");
        assertThat(items).noneMatch(x -> x.kind() == Kind.DUPLICATE && x.index().equals("items_c"));
    }

    @Test
    void invalidIndexFromAFailedConcurrentBuildGetsDropAndRecreate() {
        IndexHealthItem i = item(Kind.INVALID, "dupvals_v_idx");
        assertThat(i.ddl()).isEqualTo("DROP INDEX CONCURRENTLY health.dupvals_v_idx;\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY dupvals_v_idx ON health.dupvals USING btree (v);");
        assertThat(i.warning()).contains("duplicate values");
    }

    @Test
    void unusedIndexShowsTheStatisticsAgeAndTheReplicaWarning() {
        IndexHealthItem i = item(Kind.UNUSED, "items_never_used");
        assertThat(i.detail()).contains("has not been scanned since");
        assertThat(i.warning()).contains("idx_scan counts scans on this server only");
        assertThat(i.ddl()).isEqualTo("DROP INDEX CONCURRENTLY health.items_never_used;");
    }

    @Test
    void keysUniqueExclusionAndRedundantIndexesAreNeverReportedUnused() {
        Set<String> neverUnused = Set.of("parents_pkey", "children_pkey", "items_pkey", "items_b_unique",
                "booking_r_excl", "booking_pkey", "items_a", "items_c_dup", "dupvals_v_idx");
        assertThat(items).filteredOn(i -> i.kind() == Kind.UNUSED).extracting(IndexHealthItem::index)
                .doesNotContainAnyElementsOf(neverUnused);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void everyCatalogQueryRunsOnEveryMajor(PgMajor major) throws Exception {
        TestServer server = ExplainFixture.server(major);
        try (MonitorConnection monitor = ExplainFixture.monitor(server); Connection c = monitor.borrow()) {
            assertThat(new IndexHealth(monitor::borrow).check()).isNotNull();
            var catalog = IndexAdvisor.readCatalog(c, major.number() * 10000, Set.of("orders", "customers"));
            assertThat(catalog.get("orders")).singleElement().satisfies(t -> {
                assertThat(t.columns()).containsKeys("customer_id", "status");
                assertThat(t.statisticsVisible()).isTrue();
                assertThat(t.indexes()).extracting(TableCatalog.ExistingIndex::name).contains("orders_pkey");
            });
        }
        assertThat(PgServers.get(major)).isSameAs(server);
    }
}
