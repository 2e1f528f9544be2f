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

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class IndexesCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CliPrinter printer = new CliPrinter(new PrintWriter(out, true), new PrintWriter(err, true));

    private int run(String... args) {
        CommandLine cli = new CommandLine(new IndexesCommand(printer, new ConnectionInputParser(Targets.isolatedEnvironment())));
        cli.setOut(printer.out());
        cli.setErr(printer.err());
        return cli.execute(args);
    }

    @Test
    void jsonListsTheForeignKeyWithoutAnIndexWithDdlSizeAndWarning() throws Exception {
        TestServer pg = ExplainFixture.newest();
        assertThat(run(ExplainFixture.uri(pg), "--format", "json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.has("stats_reset")).isTrue();
        assertThat(json.path("standby").asBoolean()).isFalse();
        JsonNode fk = null;
        for (JsonNode item : json.path("items")) {
            if (item.path("kind").asText().equals("foreign_key_without_index") && item.path("table").asText().equals("orders")) {
                fk = item;
            }
        }
        assertThat(fk).as(json.toString()).isNotNull();
        assertThat(fk.path("ddl").asText()).isEqualTo("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON shop.orders (customer_id);");
        assertThat(fk.path("size_bytes").asLong()).isPositive();
        assertThat(fk.path("warning").asText()).isNotBlank();
    }

    @Test
    void markdownIsTheDefault() {
        assertThat(run(ExplainFixture.uri(ExplainFixture.newest()))).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("# Index health").contains("```sql");
    }
}
