package io.pgpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ExplainCommandTest {
    private static TestServer pg;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CliPrinter printer = new CliPrinter(new PrintWriter(out, true), new PrintWriter(err, true));

    @BeforeAll
    static void server() {
        pg = ExplainFixture.newest();
    }

    private String stdin = "";

    private int run(String... args) {
        ExplainCommand command = new ExplainCommand(printer, new ConnectionInputParser(Targets.isolatedEnvironment()));
        command.stdin = () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(command);
        cli.setOut(printer.out());
        cli.setErr(printer.err());
        return cli.execute(args);
    }

    @Test
    void jsonHasPlanInsightsAndIndexSuggestionsInTheDocumentedShape() throws Exception {
        int code = run(ExplainFixture.uri(pg), "--sql", "SELECT * FROM orders WHERE customer_id = 42", "--format", "json");
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("statement").path("kind").asText()).isEqualTo("select");
        assertThat(json.path("mode").asText()).isEqualTo("plain");
        assertThat(json.path("analyzed").asBoolean()).isFalse();
        JsonNode nodes = json.path("plan").path("nodes");
        assertThat(nodes.isArray()).isTrue();
        assertThat(nodes.toString()).contains("\"relation\":\"orders\"");
        assertThat(json.path("plan").path("raw").get(0).has("Plan")).isTrue();
        assertThat(json.path("insights").toString()).contains("\"kind\":\"seq_scan_filter\"");
        JsonNode suggestion = json.path("index_suggestions").get(0);
        assertThat(suggestion.path("table").asText()).isEqualTo("shop.orders");
        assertThat(suggestion.path("columns").get(0).asText()).isEqualTo("customer_id");
        assertThat(suggestion.path("ddl").asText()).isEqualTo("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON shop.orders (customer_id);");
        assertThat(suggestion.path("verified").asBoolean()).isFalse();
        assertThat(suggestion.get("cost_before").isNull()).isTrue();
        assertThat(suggestion.get("cost_after").isNull()).isTrue();
        assertThat(suggestion.path("reason").asText()).contains("Seq Scan");
    }

    @Test
    void analyzeWithConfirmationReportsActualTimes() throws Exception {
        int code = run(ExplainFixture.uri(pg), "--sql", "SELECT count(*) FROM orders WHERE status = $1", "--param", "paid",
                "--analyze", "--yes", "--buffers", "--format", "json", "--no-suggestions");
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("analyzed").asBoolean()).isTrue();
        assertThat(json.path("mode").asText()).isEqualTo("bound_values");
        assertThat(json.path("plan").path("execution_time_ms").isNumber()).isTrue();
        assertThat(json.path("index_suggestions").size()).isZero();
        assertThat(json.path("index_suggestions_note").asText()).contains("--no-suggestions");
    }

    @Test
    void markdownIsTheDefault() {
        assertThat(run(ExplainFixture.uri(pg), "--sql", "SELECT * FROM orders WHERE customer_id = $1")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("# EXPLAIN").contains("## Insights").contains("## Index suggestions")
                .contains("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void multipleStatementsAreRefusedBeforeConnecting() {
        int code = run("postgresql://nobody@localhost:1/none", "--sql", "SELECT 1; DELETE FROM orders");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("2 statements found (second starts at line 1, column 11: DELETE FROM orders)");
    }

    @Test
    void analyzeNeedsYes() {
        assertThat(run("postgresql://nobody@localhost:1/none", "--sql", "SELECT 1", "--analyze")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("add --yes to confirm");
    }

    @Test
    void analyzeOfAWriteIsRefused() {
        long before = ExplainFixture.count(pg, "SELECT count(*) FROM shop.victims");
        assertThat(run(ExplainFixture.uri(pg), "--sql", "DELETE FROM victims", "--analyze", "--yes")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("EXPLAIN ANALYZE executes the statement, and it is a DELETE");
        assertThat(ExplainFixture.count(pg, "SELECT count(*) FROM shop.victims")).isEqualTo(before);
    }

    @Test
    void aPlanTheServerCannotProduceExitsWithSix() {
        assertThat(run(ExplainFixture.uri(pg), "--sql", "SELECT * FROM no_such_table")).isEqualTo(ExitCodes.EXPLAIN_FAILED);
        assertThat(err.toString()).contains("relation \"no_such_table\" does not exist").contains("SQLSTATE 42P01");
    }

    @Test
    void unreachableServerExitsWithCannotConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run("postgresql://bob:CANARY-e1@localhost:" + port + "/db", "--sql", "SELECT 1"))
                .isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(err.toString()).doesNotContain("CANARY-e1");
    }

    @Test
    void statementIsGivenExactlyOnce() {
        assertThat(run("postgresql://nobody@localhost:1/none")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("exactly one of --sql or --sql-file");
    }

    /** EXPLAIN output the server printed, as a user would save it from psql. */
    private static String serverPlan(String options, String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = ExplainFixture.superuser(pg); Statement s = c.createStatement()) {
            s.execute("SET search_path = shop, public");
            s.execute("SET max_parallel_workers_per_gather = 0");
            try (ResultSet rs = s.executeQuery("EXPLAIN (" + options + ") " + sql)) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
        }
        return text.toString();
    }

    @Test
    void aSavedTextPlanIsAnalysedWithoutConnectingAndGivesTheInsightsOfTheSamePlanRunByPgPulse(@TempDir Path dir)
            throws Exception {
        String sql = "SELECT * FROM orders WHERE customer_id = 42";
        Path file = dir.resolve("plan.txt");
        Files.writeString(file, "                 QUERY PLAN\n------------------------------\n"
                + serverPlan("ANALYZE, BUFFERS", sql).lines().map(l -> " " + l).reduce("", (a, b) -> a + b + "\n")
                + "(9 rows)\n");
        assertThat(run("--plan-file", file.toString(), "--format", "json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode saved = new ObjectMapper().readTree(out.toString());
        assertThat(saved.path("source").path("kind").asText()).isEqualTo("plan_file");
        assertThat(saved.path("source").path("format").asText()).isEqualTo("text");
        assertThat(saved.path("source").path("origin").asText()).isEqualTo(file.toString());
        assertThat(saved.get("statement").isNull()).isTrue();
        assertThat(saved.path("analyzed").asBoolean()).isTrue();
        assertThat(saved.path("plan").path("nodes").get(0).path("relation").asText()).isEqualTo("orders");
        assertThat(saved.path("plan").path("execution_time_ms").isNumber()).isTrue();
        assertThat(saved.path("index_suggestions").size()).isZero();
        assertThat(saved.path("index_suggestions_note").asText()).startsWith("Index suggestions (and the check for stale "
                + "table statistics) need a connection");
        assertThat(saved.path("notes").toString()).contains("QUERY PLAN");

        out.getBuffer().setLength(0);
        assertThat(run(ExplainFixture.uri(pg), "--sql", sql, "--analyze", "--yes", "--buffers", "--format", "json",
                "--no-suggestions")).isEqualTo(ExitCodes.OK);
        JsonNode ran = new ObjectMapper().readTree(out.toString());
        // Stale statistics come from pg_stat_user_tables: only a connected run has them.
        java.util.List<String> fromServer = kindsAndPaths(ran).stream().filter(k -> !k.startsWith("stale_statistics")).toList();
        assertThat(kindsAndPaths(saved)).isEqualTo(fromServer).contains("seq_scan_filter@0");
    }

    private static java.util.List<String> kindsAndPaths(JsonNode report) {
        java.util.List<String> out = new java.util.ArrayList<>();
        report.path("insights").forEach(i -> out.add(i.path("kind").asText() + "@" + i.path("node_path").asText()));
        return out;
    }

    @Test
    void aSavedAutoExplainLogEntryIsReportedInMarkdown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("postgresql.log");
        try (var in = getClass().getResourceAsStream("/plans/auto-explain-stderr-json.log")) {
            Files.write(file, in.readAllBytes());
        }
        assertThat(run("--plan-file", file.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("# EXPLAIN").contains("Plan read from " + file + " (json format, executed with "
                + "ANALYZE, statement: SELECT)").contains("Read an auto_explain entry").contains("## Insights")
                .contains("Index suggestions (and the check for stale table statistics) need a connection");
    }

    @Test
    void aPlanOnStandardInputIsRead() throws Exception {
        stdin = serverPlan("COSTS ON", "SELECT count(*) FROM customers");
        assertThat(run("--plan-file", "-", "--format", "json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("source").path("origin").asText()).isEqualTo("standard input");
        assertThat(json.path("analyzed").asBoolean()).isFalse();
    }

    @Test
    void anUnreadablePlanFileSaysWhereAndWhyAndExitsWithUsage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "\nThe checkout query was slow again,\nsee the attached plan.\n"
                + "Seq Scan on orders (cost=0.00..1.00)\n");
        assertThat(run("--plan-file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("pgpulse: " + file + ": Line 2: expected the first node of a plan");
        assertThat(out.toString()).isEmpty();
        assertThat(run("--plan-file", dir.resolve("missing.txt").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Cannot read " + dir.resolve("missing.txt") + ": there is no such file.");
    }

    @Test
    void aPlanFileRefusesOptionsThatWouldConnectOrRunExplain() {
        assertThat(run("--plan-file", "p.txt", "--sql", "SELECT 1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("give it without --sql or --sql-file");
        assertThat(run("postgresql://nobody@localhost:1/none", "--plan-file", "p.txt")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--plan-file does not connect to a server: leave out CONNECTION.");
        assertThat(run("--plan-file", "p.txt", "-h", "db.example.com", "-U", "app")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("leave out --host, --username.");
        assertThat(run("--plan-file", "p.txt", "--analyze")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--analyze applies when PgPulse runs EXPLAIN");
        assertThat(run("--plan-file", "p.txt", "--timeout", "5s")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--timeout applies when PgPulse runs EXPLAIN");
    }
}
