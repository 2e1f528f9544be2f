package io.pgpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedFixtureTest {

    @ParameterizedTest
    @EnumSource(PgMajor.class)
    void everyMajorStartsWithPgStatStatementsPreloadedAndTheMonitorRole(PgMajor major) throws SQLException {
        TestServer server = PgServers.get(major);
        try (Connection c = server.superuser(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                    + " current_setting('shared_preload_libraries'),"
                    + " pg_has_role('" + TestServer.MONITOR_ROLE + "', 'pg_monitor', 'MEMBER')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(major.number());
            assertThat(rs.getString(2)).contains("pg_stat_statements");
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }
}
