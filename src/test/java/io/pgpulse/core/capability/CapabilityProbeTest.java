package io.pgpulse.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.embedded.EmbeddedServer;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(EmbeddedPostgresExtension.class)
class CapabilityProbeTest {

    private static ProbeResult probeAs(String uri) throws Exception {
        try (MonitorConnection monitor = MonitorConnection.open(Targets.parse(uri), MonitorSettings.defaults());
             Connection c = monitor.borrow()) {
            return CapabilityProbe.probe(c);
        }
    }

    private static String uri(TestServer pg, String user, String password, String db) {
        return "postgresql://" + user + ":" + password + "@localhost:" + pg.port() + "/" + db;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void monitorRoleIsReadyOnEverySupportedMajor(PgMajor major) throws Exception {
        TestServer pg = PgServers.get(major);
        ProbeResult result = probeAs(pg.monitorUri());
        assertThat(result).isInstanceOfSatisfying(Capabilities.class, caps -> {
            assertThat(caps.major()).isEqualTo(major.number());
            assertThat(caps.statements()).isInstanceOf(StatementsAvailability.Ready.class);
            assertThat(caps.pgssSchema()).isEqualTo("public");
            assertThat(caps.visibility()).isInstanceOf(StatsVisibility.AllSessions.class);
            assertThat(caps.queryIds().effective()).isTrue();
            assertThat(caps.superuser()).isFalse();
            assertThat(caps.canSignalBackends()).isFalse();
            assertThat(caps.hypotheticalIndexes()).isInstanceOf(HypotheticalIndexes.Absent.class);
            assertThat(caps.hypotheticalIndexes().fix()).get().asString().contains("postgresql-" + major.number() + "-hypopg");
        });
    }

    @Test
    void databaseWithoutTheExtensionIsNotInstalledWithTheCreateStatement(TestServer pg) throws Exception {
        pg.createDatabase("probe_noext");
        ProbeResult result = probeAs(uri(pg, TestServer.MONITOR_ROLE, TestServer.MONITOR_PASSWORD, "probe_noext"));
        StatementsAvailability s = ((Capabilities) result).statements();
        assertThat(s).isEqualTo(new StatementsAvailability.NotInstalled("probe_noext", true));
        assertThat(s.fix()).get().asString().startsWith("CREATE EXTENSION pg_stat_statements;");
        assertThat(s.explanation()).contains("never installs it");
    }

    @Test
    void revokedFunctionIsNoPrivilegeWithTheGrant(TestServer pg) throws Exception {
        pg.createDatabase("probe_revoked");
        try (Connection c = pg.superuser("probe_revoked"); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("REVOKE EXECUTE ON FUNCTION pg_stat_statements(boolean) FROM PUBLIC");
        }
        ProbeResult result = probeAs(uri(pg, TestServer.MONITOR_ROLE, TestServer.MONITOR_PASSWORD, "probe_revoked"));
        StatementsAvailability s = ((Capabilities) result).statements();
        assertThat(s).isInstanceOf(StatementsAvailability.NoPrivilege.class);
        assertThat(s.fix()).contains("GRANT EXECUTE ON FUNCTION public.pg_stat_statements(boolean) TO pgpulse_monitor;");
    }

    @Test
    void plainRoleSeesOnlyItsOwnSessionsAndIsToldToGrantPgMonitor(TestServer pg) throws Exception {
        ProbeResult result = probeAs(pg.plainUri());
        StatsVisibility v = ((Capabilities) result).visibility();
        assertThat(v).isEqualTo(new StatsVisibility.OwnSessionsOnly(TestServer.PLAIN_ROLE));
        assertThat(v.fix()).contains("GRANT pg_monitor TO pgpulse_plain;");
    }

    @Test
    void noInheritMemberIsDiagnosedAsTheNoInheritPitfall(TestServer pg) throws Exception {
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'probe_noinherit') THEN"
                + " CREATE ROLE probe_noinherit LOGIN NOINHERIT PASSWORD 'ni-pw' IN ROLE pg_read_all_stats; END IF; END $$");
        ProbeResult result = probeAs(uri(pg, "probe_noinherit", "ni-pw", "postgres"));
        StatsVisibility v = ((Capabilities) result).visibility();
        assertThat(v).isEqualTo(new StatsVisibility.NoInherit("probe_noinherit"));
        assertThat(v.fix()).contains("ALTER ROLE probe_noinherit INHERIT;");
    }

    @Test
    void extensionWithoutPreloadIsNotPreloadedWithTheConfigLine() throws Exception {
        try (EmbeddedServer bare = EmbeddedServer.builder().serverConfig("shared_preload_libraries", "").start()) {
            bare.execute("CREATE EXTENSION pg_stat_statements",
                    "CREATE ROLE mon LOGIN PASSWORD 'mon-pw' IN ROLE pg_monitor");
            ProbeResult result = probeAs("postgresql://mon:mon-pw@localhost:" + bare.port() + "/postgres");
            StatementsAvailability s = ((Capabilities) result).statements();
            assertThat(s).isInstanceOf(StatementsAvailability.NotPreloaded.class);
            assertThat(s.fix()).contains("shared_preload_libraries = 'pg_stat_statements'  -- in postgresql.conf, then restart the server");
        }
    }

    @Test
    void probeChangesNothingOnTheServer(TestServer pg) throws Exception {
        pg.createDatabase("probe_untouched");
        probeAs(uri(pg, TestServer.MONITOR_ROLE, TestServer.MONITOR_PASSWORD, "probe_untouched"));
        try (Connection c = pg.superuser("probe_untouched"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("extensions created by the probe").isZero();
        }
    }

    @ParameterizedTest
    @CsvSource({"130012, 13.12", "120020, 12.20", "90624, 9.6.24"})
    void serversBeforeFourteenAreNotSupportedWithAReason(int versionNum, String version) throws Exception {
        ProbeResult result = CapabilityProbe.probe(null, versionNum, version);
        assertThat(result).isInstanceOfSatisfying(UnsupportedServer.class, u -> {
            assertThat(u.ok()).isFalse();
            assertThat(u.explanation()).contains("PostgreSQL " + version + " is not supported").contains("14 or newer");
            assertThat(u.fix()).get().asString().contains("Upgrade");
        });
    }

    @ParameterizedTest
    @CsvSource({"1kB, 1024", "4096, 4096", "64kB, 65536", "1MB, 1048576"})
    void trackActivityQuerySizeIsReadInBytes(String setting, int bytes) {
        assertThat(CapabilityProbe.parseBytes(setting)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pg_stat_statements|true", "auto_explain, pg_stat_statements|true", "'\"pg_stat_statements\"'|true",
            "auto_explain|false", "''|false", "pg_stat_statements_extra|false"})
    void preloadListIsParsedLikeTheServerDoes(String libs, boolean preloaded) {
        assertThat(CapabilityProbe.isPreloaded(libs)).isEqualTo(preloaded);
    }
}
