package io.pgpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand(printer, new ConnectionInputParser(Targets.isolatedEnvironment())));
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
}
