package io.pgpulse.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every query of the catalog, as the pg_monitor-only role in a read-only session, on every supported major. */
class CatalogOnEveryMajorTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void everyCatalogQueryRunsOnEverySupportedMajor(PgMajor major) throws Exception {
        TestServer pg = PgServers.get(major);
        pg.execute("SELECT count(*) FROM pg_class");  // at least one statement in pg_stat_statements
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults());
             Connection c = monitor.borrow()) {
            int versionNum = versionNum(c);
            assertThat(versionNum / 10000).isEqualTo(major.number());
            SqlCatalog catalog = SqlCatalog.forServer(versionNum, "public");
            List<String> ran = new ArrayList<>();
            for (CatalogQuery q : CatalogQuery.values()) {
                try (PreparedStatement ps = c.prepareStatement(catalog.sql(q))) {
                    bindSampleParameters(q, ps, c);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        assertThat(md.getColumnCount()).as(q.name()).isPositive();
                        int rows = 0;
                        while (rs.next()) {
                            rows++;
                        }
                        assertThat(rows).as(q + " rows").isGreaterThanOrEqualTo(minimumRows(q));
                    }
                } catch (SQLException e) {
                    throw new AssertionError(q + " (floor " + SqlCatalog.floorFor(q, versionNum) + ") failed on "
                            + major + ": " + e.getMessage(), e);
                }
                ran.add(q.name());
            }
            assertThat(ran).hasSize(CatalogQuery.values().length);
        }
    }

    /** Exhaustive on purpose: a new query does not compile here until the test knows how to run it. */
    private static void bindSampleParameters(CatalogQuery q, PreparedStatement ps, Connection c) throws SQLException {
        switch (q) {
            case SERVER_VERSION, CAPABILITIES, STATEMENTS_PROBE, SERVER_INFO, DATABASE_COUNTERS,
                    CONNECTION_LIMITS, STATEMENTS_INFO -> { }
            case ACTIVITY -> {
                ps.setInt(1, 1024);
                ps.setInt(2, 1000);
            }
            case LOCKS -> ps.setInt(1, 1000);
            case STATEMENT_COUNTERS -> {
                ps.setArray(1, c.createArrayOf("bigint", new Long[0]));
                ps.setObject(2, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(3, java.time.OffsetDateTime.now());
            }
            case ROLE_NAMES -> ps.setArray(1, c.createArrayOf("bigint", new Long[] {10L}));
            case STATEMENT_TEXTS -> {
                ps.setInt(1, 200);
                ps.setArray(2, c.createArrayOf("bigint", new Long[] {1L, 2L}));
            }
        }
    }

    private static int minimumRows(CatalogQuery q) {
        return switch (q) {
            case SERVER_VERSION, CAPABILITIES, STATEMENTS_PROBE, SERVER_INFO, DATABASE_COUNTERS, STATEMENTS_INFO,
                    STATEMENT_COUNTERS -> 1;
            case ROLE_NAMES -> 1;
            case ACTIVITY, LOCKS, CONNECTION_LIMITS, STATEMENT_TEXTS -> 0;
        };
    }

    private static int versionNum(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
