package io.pgpulse.core.explain.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import io.pgpulse.core.explain.InsightKind;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people paste: real psql output (aligned, unaligned, expanded, border 2 with Unicode lines)
 * and real auto_explain log entries (stderr, CSV and JSON logs, text and JSON plans), captured from
 * psql 15 and PostgreSQL 16 into src/test/resources/plans, plus quoting and indentation variants.
 */
class PlanInputTest {

    static String resource(String name) throws IOException {
        try (InputStream in = PlanInputTest.class.getResourceAsStream("/plans/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static PlanReading.Read read(String text) {
        PlanReading r = PlanInput.read(text);
        assertThat(r).as(r::toString).isInstanceOf(PlanReading.Read.class);
        return (PlanReading.Read) r;
    }

    static PlanReading.Unreadable unreadable(String text) {
        PlanReading r = PlanInput.read(text);
        assertThat(r).as(r::toString).isInstanceOf(PlanReading.Unreadable.class);
        return (PlanReading.Unreadable) r;
    }

    /** The plan every psql fixture and log entry of the query "paid orders per customer e-mail" has. */
    private static void isTheTopCustomersPlan(QueryPlan plan) {
        assertThat(plan.nodes()).extracting(PlanNode::nodeType)
                .containsExactly("Limit", "Sort", "Aggregate", "Hash Join", "Seq Scan", "Hash", "Seq Scan");
        assertThat(plan.node(4).relationName()).isEqualTo("orders");
        assertThat(plan.node(4).alias()).isEqualTo("o");
        assertThat(plan.node(4).rowsRemovedByFilter()).isEqualTo(13333.0);
        assertThat(plan.node(1).sortMethod()).isEqualTo("top-N heapsort");
        assertThat(plan.node(5).hashBuckets()).isEqualTo(1024L);
        assertThat(plan.node(4).sharedHitBlocks()).isEqualTo(128L);
        assertThat(plan.node(1).sharedReadBlocks()).isEqualTo(0L);
    }

    @Test
    void psqlOutputWithPromptHeaderRowCountAndTimingReadsAsTheBarePlan() throws Exception {
        PlanReading.Read r = read(resource("psql-aligned-text.txt"));
        assertThat(r.format()).isEqualTo(PlanInputFormat.TEXT);
        isTheTopCustomersPlan(r.first());
        assertThat(r.first().executionTimeMs()).hasValue(4.046);
        assertThat(r.cleanedText()).startsWith("Limit  (cost=").doesNotContain("QUERY PLAN", "(26 rows)", "Time: 22.104", "postgres=#");
        assertThat(r.notes()).anyMatch(n -> n.contains("\"QUERY PLAN\" header") && n.contains("1 line before the header")
                && n.contains("ignored 1 line after the row count"));
        assertThat(r.notes()).noneMatch(n -> n.contains("not recognised"));
    }

    @Test
    void psqlJsonWithContinuationMarksReadsAsJson() throws Exception {
        PlanReading.Read r = read(resource("psql-aligned-json.txt"));
        assertThat(r.format()).isEqualTo(PlanInputFormat.JSON);
        assertThat(r.first().nodes()).extracting(PlanNode::nodeType).containsExactly("Aggregate", "Seq Scan");
        assertThat(r.first().node(1).actualRows()).isEqualTo(6667.0);
        assertThat(r.cleanedText()).doesNotContain("+\n");
        long marked = resource("psql-aligned-json.txt").lines().filter(l -> l.endsWith("+")).count();
        assertThat(r.notes()).contains("Removed " + marked + " continuation marks (+) of psql.");
    }

    @Test
    void psqlExpandedDisplayIsRead() throws Exception {
        PlanReading.Read json = read(resource("psql-expanded-json.txt"));
        assertThat(json.format()).isEqualTo(PlanInputFormat.JSON);
        assertThat(json.first().root().filter()).isEqualTo("(id = 1)");
        PlanReading.Read text = read(resource("psql-expanded-text.txt"));
        assertThat(text.format()).isEqualTo(PlanInputFormat.TEXT);
        assertThat(text.first().nodes()).extracting(PlanNode::nodeType).containsExactly("Hash Join", "Seq Scan", "Hash", "Seq Scan");
        assertThat(text.first().node(1).filter()).isEqualTo("(total > '50'::numeric)");
        assertThat(text.notes()).anyMatch(n -> n.contains("expanded display"));
    }

    @Test
    void psqlBorderTwoWithUnicodeLinesAndUnalignedOutputAreRead() throws Exception {
        QueryPlan framed = read(resource("psql-border2-unicode.txt")).first();
        assertThat(framed.nodes()).extracting(PlanNode::nodeType).containsExactly("Sort", "Seq Scan");
        assertThat(framed.node(1).filter()).isEqualTo("(status = 'new'::text)");
        assertThat(framed.root().sortKey()).containsExactly("total");
        QueryPlan unaligned = read(resource("psql-unaligned.txt")).first();
        assertThat(unaligned.root().rowsRemovedByFilter()).isEqualTo(19960.0);
        assertThat(unaligned.executionTimeMs()).hasValue(1.221);
    }

    @Test
    void autoExplainStderrEntryInTextGivesThePlanAndTheMultiLineQuery() throws Exception {
        PlanReading.Read r = read(resource("auto-explain-stderr-text.log"));
        assertThat(r.format()).isEqualTo(PlanInputFormat.TEXT);
        isTheTopCustomersPlan(r.first());
        assertThat(r.queryText(0)).hasValue("SELECT c.email,\n       count(*) AS \"n, orders\"\n  FROM orders o\n"
                + "  JOIN customers c ON c.id = o.customer_id\n WHERE o.status = 'paid'\n GROUP BY c.email\n ORDER BY 2 DESC\n LIMIT 3;");
        assertThat(r.notes()).contains("Read an auto_explain entry from a log (logged duration 7.517 ms).");
        assertThat(r.notes()).noneMatch(n -> n.contains("not recognised"));
    }

    @Test
    void autoExplainStderrEntryInJsonIsRead() throws Exception {
        PlanReading.Read r = read(resource("auto-explain-stderr-json.log"));
        assertThat(r.format()).isEqualTo(PlanInputFormat.JSON);
        isTheTopCustomersPlan(r.first());
        assertThat(r.queryText(0)).hasValueSatisfying(q -> assertThat(q).contains("-- only \"paid\""));
    }

    @Test
    void csvLogWithDoubledQuotesGivesOnePlanPerEntryInEitherFormat() throws Exception {
        PlanReading.Read r = read(resource("auto-explain-csvlog.csv"));
        assertThat(r.plans()).hasSize(2);
        assertThat(r.format()).isEqualTo(PlanInputFormat.JSON);
        r.plans().forEach(PlanInputTest::isTheTopCustomersPlan);
        assertThat(r.queryText(0)).hasValueSatisfying(q -> assertThat(q).contains("count(*) AS \"n, orders\""));
        assertThat(r.queryText(1)).hasValueSatisfying(q -> assertThat(q).startsWith("SELECT c.email,\n"));
        assertThat(r.notes()).contains("Read 2 auto_explain entries from a CSV log (logged duration 3.509 ms, 7.517 ms).",
                "The plans are in both JSON and text format.", "2 plans: one for each pasted output or log entry.");
    }

    @Test
    void jsonLogLinesAreRead() throws Exception {
        PlanReading.Read r = read(resource("auto-explain-jsonlog.json"));
        assertThat(r.plans()).hasSize(2);
        r.plans().forEach(PlanInputTest::isTheTopCustomersPlan);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Read 2 auto_explain entries from a JSON log (jsonlog)"));
    }

    @Test
    void aNineThreePlanWithTotalRuntimeIsRead() throws Exception {
        PlanReading.Read r = read(resource("pg93-total-runtime.txt"));
        QueryPlan plan = r.first();
        assertThat(plan.executionTimeMs()).hasValue(21.6);
        assertThat(plan.node(1).subplanName()).isEqualTo("InitPlan 1 (returns $0)");
        assertThat(plan.node(2).strategy()).isEqualTo("Hashed");
        assertThat(plan.node(2).parentRelationship()).isEqualTo("Outer");
        assertThat(plan.node(4).rowsRemovedByFilter()).isEqualTo(50000.0);
        assertThat(r.notes()).noneMatch(n -> n.contains("not recognised"));
    }

    @Test
    void surroundingQuotesAreRemovedAndDoubledQuotesUndoubled() {
        String plan = "Seq Scan on orders  (cost=0.00..378.00 rows=6667 width=19)\n  Filter: (status = 'paid'::text)";
        QueryPlan sql = read("'" + plan.replace("'", "''") + "'").first();
        assertThat(sql.root().filter()).isEqualTo("(status = 'paid'::text)");
        QueryPlan jsonString = read("\"" + plan.replace("\n", "\\n") + "\"").first();
        assertThat(jsonString.root().filter()).isEqualTo("(status = 'paid'::text)");
        PlanReading.Read csv = read("\"[{\"\"Plan\"\": {\"\"Node Type\"\": \"\"Result\"\"}}]\"");
        assertThat(csv.format()).isEqualTo(PlanInputFormat.JSON);
        assertThat(csv.notes()).contains("Removed the surrounding quotes and undoubled the quotes inside.");
    }

    @Test
    void windowsLineEndsMarkdownFencesWordsBeforeThePlanAndCommonIndentationAreRemoved() {
        String pasted = "From the ticket, the plan is:\r\n```\r\n    Limit  (cost=0.29..0.33 rows=1 width=4)\r\n"
                + "      ->  Index Only Scan using t_pkey on t  (cost=0.29..365.29 rows=10000 width=4)\r\n```\r\n";
        PlanReading.Read ok = read(pasted);
        assertThat(ok.first().node(1).indexName()).isEqualTo("t_pkey");
        assertThat(ok.cleanedText()).isEqualTo("Limit  (cost=0.29..0.33 rows=1 width=4)\n"
                + "  ->  Index Only Scan using t_pkey on t  (cost=0.29..365.29 rows=10000 width=4)");
        assertThat(ok.notes()).contains("Removed Markdown code fences.", "Ignored line 1 before the plan.");
    }

    @Test
    void garbageGivesAMessageWithTheLineOfThePastedText() {
        PlanReading.Unreadable r = unreadable("""
                                QUERY PLAN
                ---------------------------------
                 this is not a plan at all
                (1 row)
                """);
        assertThat(r.message()).isEqualTo("Line 3: expected the first node of a plan, such as \"Seq Scan on orders  "
                + "(cost=0.00..1887.00 rows=100000 width=45)\", but found \"this is not a plan at all\".");
        assertThat(r.line()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void brokenJsonGivesTheLineOfThePastedText() throws Exception {
        String broken = resource("psql-aligned-json.txt").replace("\"Plan Rows\": 1,", "\"Plan Rows\": ,");
        int line = 1 + broken.lines().toList().indexOf(broken.lines().filter(l -> l.contains("\"Plan Rows\": ,"))
                .findFirst().orElseThrow());
        PlanReading.Unreadable r = unreadable(broken);
        assertThat(r.line()).isEqualTo(OptionalInt.of(line));
        assertThat(r.message()).startsWith("Not valid JSON at line " + line + ", column");
    }

    @Test
    void emptyXmlAndYamlInputsSayWhatIsWrong() {
        assertThat(unreadable("  \n\t\n").message()).isEqualTo("Nothing to read: the text is empty.");
        assertThat(unreadable("<explain xmlns=\"http://www.postgresql.org/2009/explain\">").message())
                .contains("EXPLAIN (FORMAT XML)");
        assertThat(unreadable("- Plan: \n    Node Type: \"Result\"").message()).contains("EXPLAIN (FORMAT YAML)");
        assertThat(unreadable("[]").message()).contains("holds no plan");
    }

    @Test
    void insightsOfAPastedPlanAreTheSameAsForTheSamePlanInJson() throws Exception {
        // The JSON and the text entry of the CSV log are two executions of one query; their plans are the same.
        PlanReading.Read r = read(resource("auto-explain-csvlog.csv"));
        List<InsightKind> json = PlanInsights.analyse(r.plans().get(0)).stream().map(i -> i.kind()).toList();
        List<InsightKind> text = PlanInsights.analyse(r.plans().get(1)).stream().map(i -> i.kind()).toList();
        assertThat(text).isEqualTo(json);
    }

    @Test
    void filesAreReadAsUtf8OrUtf16WithAByteOrderMark(@TempDir Path dir) throws Exception {
        String plan = "Result  (cost=0.00..0.01 rows=1 width=4)\n  Output: 'ü'::text";
        Path utf16 = dir.resolve("plan-utf16.txt");
        Files.write(utf16, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, plan.getBytes(StandardCharsets.UTF_16LE)));
        PlanReading r = PlanFiles.read(utf16);
        assertThat(r).isInstanceOf(PlanReading.Read.class);
        assertThat(((PlanReading.Read) r).first().root().output()).containsExactly("'ü'::text");
        Path missing = dir.resolve("nope.txt");
        assertThat(PlanFiles.read(missing)).isEqualTo(new PlanReading.Unreadable("Cannot read " + missing
                + ": there is no such file.", OptionalInt.empty()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
