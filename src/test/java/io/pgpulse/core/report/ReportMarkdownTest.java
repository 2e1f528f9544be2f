package io.pgpulse.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.capability.StatementsAvailability;

class ReportMarkdownTest {

    private static final String MD = ReportMarkdown.render(ReportFixture.incidentReport());

    /** The lines of the table that follows {@code heading}. */
    private static List<String> tableAfter(String markdown, String heading) {
        String rest = markdown.substring(markdown.indexOf(heading));
        return Arrays.stream(rest.split("\n")).dropWhile(l -> !l.startsWith("|")).takeWhile(l -> l.startsWith("|"))
                .toList();
    }

    @Test
    void findingsComeFirstMostSevereFirstWithTheirNumbers() {
        assertThat(MD.indexOf("## Findings")).isLessThan(MD.indexOf("## Connections"));
        assertThat(MD).contains("| CRITICAL | `migration_stall`")
                .contains("ALTER TABLE (pid 200) on public.orders has waited 42 s for an AccessExclusiveLock held up"
                        + " by pid 100 (idle in transaction for 12 min); 5 queries are queued behind it.")
                .contains("- **Now:** Cancel the DDL to release the 5 queued queries at once: SELECT pg_cancel_backend(200);")
                .contains("- **Next time:** Run migrations with SET lock_timeout = '5s'");
        assertThat(MD.indexOf("### CRITICAL · migration_stall")).isLessThan(MD.indexOf("### WARNING · blocked_sessions"));
    }

    @Test
    void evidenceShowsSecondsAsReadableDurations() {
        List<String> evidence = tableAfter(MD, "### CRITICAL · migration_stall");

        assertThat(evidence).anySatisfy(l -> assertThat(l).contains("`waiting_seconds`").contains("| 42 s"));
        assertThat(evidence).anySatisfy(l -> assertThat(l).contains("`blocker_state_seconds`").contains("| 12 min"));
    }

    @Test
    void connectionBudgetIsStatedWithItsNumbers() {
        assertThat(MD).contains("**63 of 97 usable connections free** (35 % used; peak 40 during the run).");
        assertThat(tableAfter(MD, "## Connections")).contains(
                "| max_connections                                |         100 |",
                "| usable                                         |          97 |",
                "| available                                      |          63 |");
        assertThat(tableAfter(MD, "### By application")).anySatisfy(l -> assertThat(l)
                .startsWith("| billing ").endsWith("|             15 min |"));
    }

    @Test
    void numericColumnsAreRightAligned() {
        List<String> statements = tableAfter(MD, "### Top by total execution time");

        assertThat(statements.get(0)).startsWith("|   # | Query ");
        assertThat(statements.get(1)).matches("\\|-+:\\|-+\\|(-+:\\|){7}");
        assertThat(statements.get(2)).contains("|    120 |").contains("|  2.0 /s |").contains("| 9,000 ms |")
                .contains("|  75.0 ms |").contains("|  90 % |");
        assertThat(tableAfter(MD, "### Top by calls").get(2)).contains("| 30,000 |").contains("|  500 /s |")
                .contains("|  0.03 ms |");
    }

    @Test
    void queryTextCannotBreakATableAndMissingTextSaysSo() {
        List<String> statements = tableAfter(MD, "### Top by total execution time");

        assertThat(statements.get(2)).contains("`SELECT * FROM orders WHERE status = $1 \\| $2`");
        assertThat(statements.get(3)).contains("`SELECT * FROM order_items WHERE order_id = $1`");
        assertThat(statements.get(4)).contains("(text not fetched yet)").contains("0.03 /s");
        assertThat(statements).allSatisfy(l -> assertThat(l.split("(?<!\\\\)\\|", -1)).hasSize(11));
    }

    @Test
    void blockingTreeIsIndentedUnderItsRoot() {
        List<String> locks = tableAfter(MD, "## Locks");

        assertThat(MD).contains("**8 sessions waiting** in 2 blocking trees.");
        assertThat(locks.get(2)).startsWith("| 100 ").contains("idle in transaction for 12 min")
                .contains("holds RowExclusiveLock").contains("|       6 |");
        assertThat(locks.get(3)).startsWith("| \u00a0\u00a0\u00a0└ 200").contains("waits for AccessExclusiveLock")
                .contains("|    42 s |       5 |");
        assertThat(locks.get(4)).startsWith("| \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0└ 301");
    }

    @Test
    void missingPgStatStatementsIsExplainedWithItsFix() {
        Report report = ReportBuilder.of(
                ReportFixture.capabilities(new StatementsAvailability.NotInstalled("shop", true)),
                ReportFixture.incidentRun(), null).build();

        String md = ReportMarkdown.render(report);

        assertThat(md).contains("n/a — The pg_stat_statements extension is not installed in database \"shop\"")
                .contains("```\nCREATE EXTENSION pg_stat_statements;  -- as a superuser, in database shop\n```");
    }

    @Test
    void indexHealthListsEachItemWithItsSizeDdlAndWarning() {
        String section = MD.substring(MD.indexOf("## Index health"), MD.indexOf("## Capabilities"));

        assertThat(MD.indexOf("## Locks")).isLessThan(MD.indexOf("## Index health"));
        assertThat(section).contains("Database `shop`: 14 indexes and 3 foreign keys checked; statistics reset 30 d ago.")
                .contains("never count as findings or for `--fail-on`");
        List<String> overview = tableAfter(MD, "## Index health");
        assertThat(overview.get(0)).contains("Kind").contains("Size");
        assertThat(overview).anySatisfy(l -> assertThat(l).contains("`unused`").contains("public.orders")
                .contains("orders_note_idx").contains("15.6 MB"));
        assertThat(overview).anySatisfy(l -> assertThat(l).contains("`foreign_key_without_index`")
                .contains("order_items_order_id_fkey").contains("781.3 MB"));
        assertThat(section).contains("### unused: public.orders_note_idx (15.6 MB)")
                .contains("```sql\nDROP INDEX CONCURRENTLY public.orders_note_idx;\n```")
                .contains("### foreign_key_without_index: public.order_items_order_id_fkey (781.3 MB)")
                .contains("```sql\nCREATE INDEX CONCURRENTLY order_items_order_id_idx ON public.order_items (order_id);\n```")
                .contains("Warning: CREATE INDEX CONCURRENTLY does not block writes but takes longer.")
                .contains("```sql\nDROP INDEX CONCURRENTLY public.orders_ref_key;\nCREATE UNIQUE INDEX CONCURRENTLY");
    }

    @Test
    void indexHealthThatCouldNotBeReadSaysWhyAndHowToFixIt() {
        Report report = ReportBuilder.of(ReportFixture.ready(), ReportFixture.incidentRun(), ReportFixture.window())
                .indexHealth(new Report.IndexHealthUnavailable(false, "Role app may not read the index catalog.",
                        "GRANT SELECT ON pg_catalog.pg_index TO app;"))
                .build();

        String md = ReportMarkdown.render(report);

        assertThat(md).contains("## Index health\n\nn/a — Role app may not read the index catalog.\n\n"
                + "```\nGRANT SELECT ON pg_catalog.pg_index TO app;\n```").contains("## Connections").contains("## Locks");
    }
}
