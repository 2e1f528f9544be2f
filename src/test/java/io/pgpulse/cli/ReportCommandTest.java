package io.pgpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pgpulse.testing.LogCapture;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Test;

class ReportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CliPrinter printer = new CliPrinter(new PrintWriter(out, true), new PrintWriter(err, true));

    private int run(String... args) {
        return PgPulseCli.run(args, printer, Targets.isolatedEnvironment());
    }

    private static String resetTime(TestServer pg) throws Exception {
        try (Connection c = pg.superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT stats_reset::text FROM pg_stat_statements_info")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void jsonReportCountsExactlyTheWorkloadsCallsAndNothingOfItsOwn() throws Exception {
        TestServer pg = PgServers.newest();
        pg.execute("CREATE TABLE IF NOT EXISTS report_orders (id int PRIMARY KEY, total numeric)",
                "INSERT INTO report_orders SELECT g, g FROM generate_series(1, 500) g ON CONFLICT DO NOTHING");
        String resetBefore = resetTime(pg);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                run("report", pg.monitorUri(), "--duration", "4s", "--interval", "1s", "--format", "json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains("poll 1/"));
        try (Connection c = pg.superuser(); PreparedStatement ps = c.prepareStatement("SELECT total FROM report_orders WHERE id = ?")) {
            for (int i = 0; i < 321; i++) {
                ps.setInt(1, i % 500 + 1);
                ps.executeQuery().close();
            }
        }
        assertThat(exit.get()).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("server").path("version_num").asInt()).isGreaterThanOrEqualTo(180000);
        JsonNode byCalls = report.path("statements").path("top_by_calls");
        JsonNode lookup = null;
        for (JsonNode item : byCalls) {
            assertThat(item.path("query").asText()).doesNotStartWith("/* pgpulse */");
            if (item.path("query").asText().contains("FROM report_orders WHERE id = $1")) {
                lookup = item;
            }
        }
        assertThat(lookup).as("the workload's statement is among the top by calls: " + byCalls).isNotNull();
        assertThat(lookup.path("calls").asLong()).isEqualTo(321);
        assertThat(lookup.path("rows").asLong()).isEqualTo(321);
        assertThat(report.path("connections").path("max_connections").asInt()).isPositive();
        assertThat(resetTime(pg)).isEqualTo(resetBefore);
    }

    @Test
    void markdownIsTheDefaultFormat() throws Exception {
        TestServer pg = PgServers.newest();
        assertThat(run("report", pg.monitorUri(), "--duration", "2s", "--interval", "1s")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("#").contains("max_connections");
    }

    @Test
    void malformedUrlIsAUsageErrorWithoutThePassword() {
        String canary = "CANARY-cli-9d2e";
        try (LogCapture logs = new LogCapture()) {
            int code = run("report", "postgresql://bob:" + canary + "@localhost:notaport/db");
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("notaport").doesNotContain(canary);
            assertThat(out.toString()).doesNotContain(canary);
            assertThat(logs.text()).doesNotContain(canary);
        }
    }

    @Test
    void unreachableServerExitsWithCannotConnectAndARedactedMessage() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = run("report", "postgresql://bob:CANARY-x1@localhost:" + port + "/db", "--duration", "1s", "--interval", "1s");
        assertThat(code).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(err.toString()).contains("Cannot reach localhost:" + port).doesNotContain("CANARY-x1");
    }

    @Test
    void intervalOutsideOneToSixtySecondsIsAUsageError() {
        assertThat(run("report", "postgresql://x@localhost/db", "--interval", "0s")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("between 1 and 60 seconds");
    }

    @Test
    void failOnExitsWithFiveWhenABlockedSessionIsReported() throws Exception {
        TestServer pg = PgServers.newest();
        pg.execute("CREATE TABLE IF NOT EXISTS report_locked (id int PRIMARY KEY, v int)",
                "INSERT INTO report_locked VALUES (1, 0) ON CONFLICT DO NOTHING");
        try (Connection holder = pg.superuser(); Connection waiter = pg.superuser()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("UPDATE report_locked SET v = v + 1 WHERE id = 1");
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement s = waiter.createStatement()) {
                    s.execute("UPDATE report_locked SET v = v + 1 WHERE id = 1");
                } catch (Exception ignored) {
                    // released when the holder rolls back
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Connection c = pg.superuser(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            });
            int code = run("report", pg.monitorUri(), "--duration", "1s", "--interval", "1s", "--format", "json",
                    "--fail-on", "info");
            holder.rollback();
            blocked.get();
            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(new ObjectMapper().readTree(out.toString()).path("findings").toString()).contains("blocked_sessions");
        }
    }

    @Test
    void failOnRejectsAnUnknownSeverity() {
        assertThat(run("report", "postgresql://x@localhost/db", "--fail-on", "meh")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("info, warning or critical");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("PgPulse");
    }

    private static String monitorUri(TestServer pg, String database) {
        return "postgresql://" + TestServer.MONITOR_ROLE + ":" + TestServer.MONITOR_PASSWORD + "@localhost:" + pg.port()
                + "/" + database;
    }

    private static void setUp(TestServer pg, String database, String... sql) throws Exception {
        pg.createDatabase(database);
        try (Connection c = pg.superuser(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static JsonNode item(JsonNode items, String kind, String index) {
        for (JsonNode item : items) {
            if (item.path("kind").asText().equals(kind) && item.path("index").asText().equals(index)) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " " + index + " in " + items);
    }

    @Test
    void indexHealthListsTheUnusedIndexAndTheForeignKeyWithoutIndexInJsonAndMarkdown() throws Exception {
        TestServer pg = PgServers.newest();
        String db = "pgpulse_report_index_health";
        setUp(pg, db, "DROP SCHEMA IF EXISTS rep CASCADE", "CREATE SCHEMA rep",
                "CREATE TABLE rep.customers (id int PRIMARY KEY)",
                "CREATE TABLE rep.orders (id int PRIMARY KEY, customer_id int REFERENCES rep.customers, note text)",
                "CREATE INDEX orders_note_idx ON rep.orders (note)");

        assertThat(run("report", monitorUri(pg, db), "--duration", "1s", "--interval", "1s", "--format", "json"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode health = report.path("index_health");
        assertThat(health.path("available").asBoolean()).as(health.toString()).isTrue();
        assertThat(health.path("database").asText()).isEqualTo(db);
        assertThat(health.has("stats_reset")).isTrue();
        assertThat(health.has("stats_age_seconds")).isTrue();
        assertThat(health.path("standby").asBoolean()).isFalse();
        JsonNode unused = item(health.path("items"), "unused", "orders_note_idx");
        assertThat(unused.path("schema").asText()).isEqualTo("rep");
        assertThat(unused.path("table").asText()).isEqualTo("orders");
        assertThat(unused.path("size_bytes").asLong()).isPositive();
        assertThat(unused.path("ddl").asText()).isEqualTo("DROP INDEX CONCURRENTLY rep.orders_note_idx;");
        assertThat(unused.path("warning").asText()).contains("check every server");
        JsonNode fk = item(health.path("items"), "foreign_key_without_index", "orders_customer_id_fkey");
        assertThat(fk.path("ddl").asText()).isEqualTo("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON rep.orders (customer_id);");
        assertThat(fk.path("detail").asText()).contains("rep.customers");
        assertThat(report.path("findings").toString()).as("index health is advice, not a finding")
                .doesNotContain("orders_note_idx").doesNotContain("orders_customer_id_fkey");

        out.getBuffer().setLength(0);
        assertThat(run("report", monitorUri(pg, db), "--duration", "1s", "--interval", "1s")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        String md = out.toString();
        String section = md.substring(md.indexOf("## Index health"), md.indexOf("## Capabilities"));
        assertThat(section).contains("Database `" + db + "`: 3 indexes and 1 foreign keys checked")
                .contains("### unused: rep.orders_note_idx (")
                .contains("```sql\nDROP INDEX CONCURRENTLY rep.orders_note_idx;\n```")
                .contains("### foreign_key_without_index: rep.orders_customer_id_fkey (")
                .contains("```sql\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON rep.orders (customer_id);\n```")
                .contains("Warning: ");
        assertThat(err.toString()).contains("Checking index health");
    }

    @Test
    void indexHealthTheRoleMayNotReadIsUnavailableWithTheGrantWhileTheRestOfTheReportIsWritten() throws Exception {
        TestServer pg = PgServers.newest();
        String db = "pgpulse_report_no_index_catalog";
        // A hardened database: the catalog view index health reads is not readable by everyone.
        setUp(pg, db, "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY)",
                "REVOKE SELECT ON pg_catalog.pg_stat_progress_create_index FROM PUBLIC");

        assertThat(run("report", monitorUri(pg, db), "--duration", "1s", "--interval", "1s", "--format", "json"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode health = report.path("index_health");
        assertThat(health.path("available").asBoolean()).as(health.toString()).isFalse();
        assertThat(health.path("reason").asText()).contains(TestServer.MONITOR_ROLE).contains("database " + db)
                .contains("permission denied for view pg_stat_progress_create_index");
        assertThat(health.path("fix").asText()).isEqualTo("GRANT SELECT ON pg_catalog.pg_stat_progress_create_index TO "
                + TestServer.MONITOR_ROLE + ";  -- as a superuser, in database " + db);
        assertThat(report.path("connections").path("max_connections").asInt()).isPositive();
        assertThat(report.path("samples").asInt()).isEqualTo(2);
        assertThat(report.path("locks").has("blocking_trees")).isTrue();

        out.getBuffer().setLength(0);
        assertThat(run("report", monitorUri(pg, db), "--duration", "1s", "--interval", "1s")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("## Connections")
                .contains("## Index health\n\nn/a — Role " + TestServer.MONITOR_ROLE + " may not read the index catalog")
                .contains("```\nGRANT SELECT ON pg_catalog.pg_stat_progress_create_index TO " + TestServer.MONITOR_ROLE);
    }
}
