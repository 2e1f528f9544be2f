package io.pgpulse.app.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pgpulse.app.explain.ExplainViewModel.State;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanJson;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

/**
 * Issue 9's "done when" in the view-model: a plan copied from a psql terminal or an auto_explain log
 * line opens in one paste with the same insights as if PgPulse had run it. The plans are produced
 * on a real server, then framed the way people paste them.
 */
class OpenPlanTest extends ExplainServerTest {
    private static final String QUERY = "SELECT o.id, c.email FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id"
            + " WHERE o.note = 'gift' ORDER BY o.created_at";

    private List<String> explain(String options, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = ExplainFixture.superuser(pg); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (" + options + ") " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** What psql prints: a header, a rule, each line indented by one space, and the row count. */
    private static String psql(List<String> lines) {
        StringBuilder s = new StringBuilder("                    QUERY PLAN\n--------------------------------------------------\n");
        for (String l : lines) {
            s.append(' ').append(l).append('\n');
        }
        return s.append('(').append(lines.size()).append(" rows)\n").toString();
    }

    @Test
    void aPlanCopiedFromPsqlOpensInOnePasteWithTheInsightsOfTheSamePlanInJson() throws Exception {
        String text = psql(explain("ANALYZE, BUFFERS", QUERY));
        assertThat(ExplainViewModel.looksLikePlan(text)).isTrue();

        vm.openPlan(text, "the clipboard");
        awaitSettled();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        QueryPlan opened = vm.resultProperty().get().plan();
        QueryPlan reference = PlanJson.parseOne(String.join("\n", explain("ANALYZE, BUFFERS, FORMAT JSON", QUERY)));
        assertThat(opened.nodes()).extracting(PlanNode::nodeType)
                .containsExactlyElementsOf(reference.nodes().stream().map(PlanNode::nodeType).toList());
        assertThat(opened.analyzed()).isTrue();
        assertThat(vm.insights()).extracting(Insight::kind)
                .containsExactlyElementsOf(PlanInsights.analyse(reference).stream().map(Insight::kind).toList());
        assertThat(vm.resultProperty().get().outcome()).as("not run here").isNull();
        assertThat(vm.resultProperty().get().text()).hasValueSatisfying(t -> assertThat(t).doesNotContain("QUERY PLAN"));
        assertThat(vm.messageProperty().get()).contains("read from the clipboard (text format)");
        assertThat(vm.markdown()).hasValueSatisfying(md -> assertThat(md).contains("orders").contains("clipboard"));
    }

    @Test
    void aReadPlanGetsUnverifiedSuggestionsFromTheConnectedCatalog() throws Exception {
        vm.openPlan(psql(explain("COSTS ON", "SELECT id, country FROM shop.customers WHERE email = 'a@example.com'")),
                "the clipboard");
        awaitSettled();

        assertThat(vm.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.table()).isEqualTo("customers");
            assertThat(s.columns()).containsExactly("email");
            assertThat(s.verified()).isFalse();
            assertThat(s.verification()).contains("read, not run here");
        });
    }

    @Test
    void anAutoExplainLogLineOpensAndItsQueryTextGoesToTheEditor() throws Exception {
        List<String> plan = explain("ANALYZE", "SELECT count(*) FROM shop.orders WHERE status = 'paid'");
        StringBuilder log = new StringBuilder("2026-11-25 03:12:44.120 UTC [4711] LOG:  duration: 41.372 ms  plan:\n"
                + "\tQuery Text: SELECT count(*) FROM shop.orders WHERE status = 'paid'\n");
        for (String l : plan) {
            log.append('\t').append(l).append('\n');
        }

        vm.openPlan(log.toString(), "the clipboard");
        awaitSettled();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        assertThat(vm.resultProperty().get().plan().root().nodeType()).isIn("Aggregate", "Finalize Aggregate");
        assertThat(vm.sqlProperty().get()).isEqualTo("SELECT count(*) FROM shop.orders WHERE status = 'paid'");
        assertThat(vm.sqlAcceptedProperty().get()).as("Explain now runs that statement here").isTrue();
    }

    @Test
    void aPlanFileOpensAndGarbageSaysWhereAndWhy(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("plan.json");
        Files.writeString(json, String.join("\n", explain("FORMAT JSON", QUERY)), StandardCharsets.UTF_8);
        vm.openPlanFile(json);
        awaitSettled();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        assertThat(vm.resultProperty().get().rawJson()).contains("\"Node Type\"");
        assertThat(vm.messageProperty().get()).contains("plan.json (JSON format)");

        vm.openPlan("[{\"Plan\": {\"Node Type\": \"Seq Scan\",, }}]", "the clipboard");
        awaitSettled();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.messageProperty().get()).startsWith("The plan from the clipboard could not be read: ").contains("line 1");
        assertThat(vm.resultProperty().get()).isNull();

        vm.openPlanFile(dir.resolve("missing.txt"));
        awaitSettled();
        assertThat(vm.messageProperty().get()).contains("no such file");
    }

    @Test
    void sqlIsNotMistakenForAPlanAndAPlanTypedInTheEditorOpensOnExplain() throws Exception {
        assertThat(ExplainViewModel.looksLikePlan("SELECT * FROM orders\nWHERE id = 1\nLIMIT 10")).isFalse();
        assertThat(ExplainViewModel.looksLikePlan("select cost from t where \"Node\" = 1")).isFalse();

        vm.sqlProperty().set(String.join("\n", explain("COSTS ON", QUERY)));
        assertThat(vm.sqlHintProperty().get()).contains("EXPLAIN output");
        vm.explain(false);
        awaitSettled();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        assertThat(vm.messageProperty().get()).contains("read from the editor");
    }
}
