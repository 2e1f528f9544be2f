package io.pgpulse.core.statements.query;

import static io.pgpulse.core.statements.query.SyntheticStatements.delta;
import static io.pgpulse.core.statements.query.SyntheticStatements.inputs;
import static io.pgpulse.core.statements.query.SyntheticStatements.interval;
import static io.pgpulse.core.statements.query.SyntheticStatements.key;
import static io.pgpulse.core.statements.query.SyntheticStatements.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.DeltaResult;

import org.junit.jupiter.api.Test;

/** CSV for a spreadsheet and Markdown for an incident channel, from the same table. */
class QueryExportTest {
    private static final Map<Long, QueryText> TEXTS = Map.of(
            1L, text(1, "SELECT id, \"total, gross\" FROM orders WHERE reference_code = $1"),
            20L, text(20, "SELECT id, customer_id FROM orders WHERE status = $1 ORDER BY id LIMIT $2"),
            21L, text(21, "SELECT name FROM customers WHERE id = $1"),
            30L, text(30, "-1 /* a text a spreadsheet would evaluate */"));

    private static QueryTable table() {
        List<DeltaResult> h = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            h.add(interval(i, 2, List.of(delta(key(1), 2, 2, 400, 2), delta(key(20), 2, 5, 5, 100),
                    delta(key(21), 2, 100, 3, 100), delta(key(30), 2, 1, 0.5, 0))));
        }
        return new QueryTableBuilder().build(inputs(QueryWindow.ONE_MINUTE, h, TEXTS,
                QueryThresholds.DEFAULT.withDetectionWindow(Duration.ofSeconds(20))));
    }

    @Test
    void csvHasOneQuotedRowPerStatementWithRawNumbersAndEmptyFieldsForMissingFigures() {
        String csv = QueryCsv.of(table().rows());
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", QueryCsv.COLUMNS));
        assertThat(lines).hasSize(5);
        assertThat(csv).endsWith("\r\n");
        assertThat(lines.get(1)).isEqualTo("1,shop,shop_app,true,20,1,4000,97.919,200,,20,1,100,0,0,slow,,"
                + "\"SELECT id, \"\"total, gross\"\" FROM orders WHERE reference_code = $1\"");
        assertThat(csv).contains(",n_plus_one,,SELECT name FROM customers WHERE id = $1\r\n");
        assertThat(csv).contains(",n_plus_one_parent,,");
        assertThat(csv).as("a leading minus would be a formula in a spreadsheet")
                .contains(",\"'-1 /* a text a spreadsheet would evaluate */\"\r\n");
    }

    @Test
    void markdownNamesTheWindowTheFiguresTheMarkersWithTheirFixAndTheFormattedSql() {
        QueryTable t = table();
        String md = QueryMarkdown.of(t.row(key(21)).orElseThrow(), t, "SELECT name FROM customers WHERE id = $1",
                "localhost:5432/shop", QueryThresholds.DEFAULT);
        assertThat(md).startsWith("### Query 21 — 0.7 % of database time\n\nWindow: 1 min ending 2026-03-01 10:00:20 UTC"
                + " (20 s measured) on localhost:5432/shop.");
        assertThat(md).contains("| Calls | 1,000 (50.0 /s) |");
        assertThat(md).contains("| Mean / max | 0.03 ms / n/a in this window (lifetime max only) |");
        assertThat(md).contains("- **N+1** — 1,000 calls in 20 s (50.0 /s), 0.03 ms each, 1.00 rows per call.");
        assertThat(md).contains("Parent \"SELECT id, customer_id FROM orders WHERE status = $1 ORDER BY id LIMIT $2\"");
        assertThat(md).contains("Fix: Fetch the rows in one query");
        assertThat(md).endsWith("```sql\nSELECT name\nFROM customers\nWHERE id = $1\n```\n");
    }

    @Test
    void markdownOfASlowStatementSaysWhyItIsSlow() {
        QueryTable t = table();
        String md = QueryMarkdown.of(t.row(key(1)).orElseThrow(), t, null, null, QueryThresholds.DEFAULT);
        assertThat(md).contains("- **slow** — Mean 200.0 ms over 20 calls, above the slow threshold (20.0 ms with at"
                + " least 10 calls).");
        assertThat(md).contains("-- text not available yet");
    }
}
