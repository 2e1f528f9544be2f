package io.pgpulse.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

/** The report's index health section read for real, as the pg_monitor role sees it, and what a failed read says. */
class IndexHealthSectionTest {
    static final String DATABASE = "pgpulse_report_index_section";
    private static TestServer pg;

    @BeforeAll
    static void build() throws Exception {
        pg = PgServers.newest();
        pg.createDatabase(DATABASE);
        try (Connection c = pg.superuser(DATABASE); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "DROP SCHEMA IF EXISTS rep CASCADE",
                    "CREATE SCHEMA rep",
                    "CREATE TABLE rep.customers (id int PRIMARY KEY)",
                    "CREATE TABLE rep.orders (id int PRIMARY KEY, customer_id int REFERENCES rep.customers, note text)",
                    "CREATE INDEX orders_note_idx ON rep.orders (note)")) {
                s.execute(sql);
            }
        }
    }

    private static MonitorConnection monitor() throws Exception {
        return MonitorConnection.open(Targets.parse("postgresql://" + TestServer.MONITOR_ROLE + ":"
                + TestServer.MONITOR_PASSWORD + "@localhost:" + pg.port() + "/" + DATABASE), MonitorSettings.withInterval(Duration.ofSeconds(2)));
    }

    @Test
    void readsTheUnusedIndexAndTheForeignKeyWithoutIndexWithTheStatisticsScope() throws Exception {
        Report.IndexHealth section;
        try (MonitorConnection monitor = monitor()) {
            section = IndexHealthSection.read(monitor::borrow, TestServer.MONITOR_ROLE, DATABASE,
                    monitor.settings().statementTimeout());
        }

        assertThat(section).isInstanceOf(Report.IndexHealthAvailable.class);
        Report.IndexHealthAvailable h = (Report.IndexHealthAvailable) section;
        assertThat(h.database()).isEqualTo(DATABASE);
        assertThat(h.standby()).isFalse();
        assertThat(h.indexesChecked()).isEqualTo(3);
        assertThat(h.foreignKeysChecked()).isEqualTo(1);
        assertThat(h.items()).extracting(IndexHealthItem::kind, IndexHealthItem::index, IndexHealthItem::ddl).contains(
                org.assertj.core.groups.Tuple.tuple(IndexHealthItem.Kind.UNUSED, "orders_note_idx",
                        "DROP INDEX CONCURRENTLY rep.orders_note_idx;"),
                org.assertj.core.groups.Tuple.tuple(IndexHealthItem.Kind.FOREIGN_KEY_WITHOUT_INDEX, "orders_customer_id_fkey",
                        "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON rep.orders (customer_id);"));
        assertThat(h.statsAgeSeconds() == null).isEqualTo(h.statsReset() == null);
    }

    @Test
    void aLockHeldByAMigrationMakesTheSectionUnavailableWithinLockTimeoutAndChangesNothing() throws Exception {
        Report.IndexHealth section;
        try (Connection migration = pg.superuser(DATABASE); MonitorConnection monitor = monitor()) {
            migration.setAutoCommit(false);
            try (Statement s = migration.createStatement()) {
                s.execute("DROP INDEX rep.orders_note_idx");
            }
            long started = System.nanoTime();
            section = IndexHealthSection.read(monitor::borrow, TestServer.MONITOR_ROLE, DATABASE,
                    monitor.settings().statementTimeout());
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            migration.rollback();
            assertThat(tookMs).as("gave up at lock_timeout instead of queueing").isLessThan(5_000);
        }

        assertThat(section).isInstanceOf(Report.IndexHealthUnavailable.class);
        Report.IndexHealthUnavailable u = (Report.IndexHealthUnavailable) section;
        assertThat(u.available()).isFalse();
        assertThat(u.reason()).contains("database " + DATABASE).contains("lock_timeout");
        assertThat(u.fix()).contains("pg_stat_activity").contains("AccessExclusiveLock");
        try (Connection c = pg.superuser(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_note_idx'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the migration was rolled back, the index is still there").isEqualTo(1);
        }
    }

    @Test
    void permissionDeniedNamesTheObjectAndTheGrant() {
        Report.IndexHealthUnavailable u = IndexHealthSection.unavailable(
                new SQLException("ERROR: permission denied for view pg_stat_progress_create_index", "42501"),
                "Ops Monitor", "shop", Duration.ofMillis(1500));

        assertThat(u.reason()).contains("Ops Monitor").contains("database shop")
                .contains("permission denied for view pg_stat_progress_create_index");
        assertThat(u.fix()).isEqualTo("GRANT SELECT ON pg_catalog.pg_stat_progress_create_index TO \"Ops Monitor\";"
                + "  -- as a superuser, in database shop");
    }

    @Test
    void statementTimeoutSaysWhichTimeoutAndHowToAllowMore() {
        Report.IndexHealthUnavailable u = IndexHealthSection.unavailable(
                new SQLException("ERROR: canceling statement due to statement timeout", "57014"), "mon", "shop",
                Duration.ofMillis(750));

        assertThat(u.reason()).contains("750 ms").contains("--interval");
        assertThat(u.fix()).contains("--interval").contains("pgpulse indexes");
    }

    @Test
    void anyOtherFailureKeepsItsMessageAndState() {
        Report.IndexHealthUnavailable u = IndexHealthSection.unavailable(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"), "mon", "shop",
                Duration.ofMillis(750));

        assertThat(u.reason()).isEqualTo("Reading the index catalog in database shop failed: An I/O error occurred while "
                + "sending to the backend (SQLSTATE 08006).");
        assertThat(u.fix()).isNull();
    }
}
