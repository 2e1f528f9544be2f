package io.pgpulse.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.pgpulse.app.explain.ExplainViewModel.State;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.InsightKind;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.indexes.IndexSuggestion;

/** The EXPLAIN view's behaviour against a real server with a realistic schema; no toolkit needed. */
class ExplainViewModelTest extends ExplainServerTest {

    private long victims() {
        return ExplainFixture.count(pg, "SELECT count(*) FROM shop.victims");
    }

    @Test
    void aStatementFromTheQueriesViewIsExplainedWithASeqScanInsightAndAnIndexOnTheFilteredColumn() {
        vm.explainStatement("SELECT id, country FROM shop.customers WHERE email = $1");
        awaitSettled();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        PlanResult result = vm.resultProperty().get();
        assertThat(result.plan().nodes()).extracting(PlanNode::nodeType).anyMatch(t -> t.endsWith("Seq Scan"));
        assertThat(result.origin()).contains("generic plan");
        assertThat(result.rawJson()).contains("\"Node Type\"");
        assertThat(result.text()).hasValueSatisfying(t -> t.contains("Seq Scan on customers"));
        assertThat(vm.messageProperty().get()).startsWith("Plan ready: ").contains("node").contains("estimated cost");
        assertThat(vm.insights()).extracting(Insight::kind).contains(InsightKind.SEQ_SCAN_FILTER);
        assertThat(vm.suggestions()).hasSize(1);
        IndexSuggestion s = vm.suggestions().get(0);
        assertThat(s.table()).isEqualTo("customers");
        assertThat(s.columns()).containsExactly("email");
        assertThat(s.ddl()).startsWith("CREATE INDEX CONCURRENTLY").contains("(email)");
        assertThat(s.verified()).as("no hypopg in the embedded server").isFalse();
        assertThat(AdvicePane.verdictText(s)).isEqualTo("Not verified");
        assertThat(s.verification()).contains("hypopg");
        assertThat(vm.selectedNodeProperty().get()).isSameAs(result.plan().root());
        assertThat(vm.markdown()).hasValueSatisfying(md -> assertThat(md).contains("customers").contains("CREATE INDEX"));
    }

    @Test
    void aSecondStatementIsRefusedBeforeAnythingIsSentAndTheTextIsKept() {
        String twoStatements = "SELECT 1; DELETE FROM shop.victims";
        vm.sqlProperty().set(twoStatements);

        assertThat(vm.sqlAcceptedProperty().get()).isFalse();
        assertThat(vm.sqlHintProperty().get()).containsIgnoringCase("one statement");

        vm.explain(true);
        assertThat(vm.stateProperty().get()).isEqualTo(State.REFUSED);
        assertThat(vm.sqlProperty().get()).isEqualTo(twoStatements);
        assertThat(victims()).isEqualTo(ExplainFixture.VICTIM_ROWS);
    }

    @Test
    void analyzeWaitsForConfirmationThenShowsWhatReallyHappened() {
        vm.sqlProperty().set("SELECT country, count(*) FROM shop.customers GROUP BY country");
        vm.analyzeProperty().set(true);
        assertThat(vm.confirmation()).hasValueSatisfying(t -> assertThat(t).contains("executes the statement"));

        vm.explain(false);
        awaitSettled();
        assertThat(vm.stateProperty().get()).isEqualTo(State.REFUSED);
        assertThat(vm.messageProperty().get()).contains("confirm");
        assertThat(vm.resultProperty().get()).isNull();

        vm.explain(true);
        awaitSettled();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        PlanNode root = vm.resultProperty().get().plan().root();
        assertThat(root.analyzed()).isTrue();
        assertThat(root.actualRows()).isEqualTo(5.0);
        assertThat(vm.messageProperty().get()).contains("executed in");
    }

    @Test
    void analyzeOfAWriteIsRefusedAndChangesNothing() {
        vm.sqlProperty().set("DELETE FROM shop.victims WHERE id > 0");
        assertThat(vm.sqlHintProperty().get()).contains("never ANALYZE");
        vm.analyzeProperty().set(true);

        vm.explain(true);
        awaitSettled();

        assertThat(vm.stateProperty().get()).isEqualTo(State.REFUSED);
        assertThat(vm.messageProperty().get()).contains("DELETE");
        assertThat(victims()).isEqualTo(ExplainFixture.VICTIM_ROWS);

        vm.analyzeProperty().set(false);
        vm.explain(false);
        awaitSettled();
        assertThat(vm.stateProperty().get()).as("planning a DELETE needs the DELETE privilege, which a monitor lacks")
                .isEqualTo(State.FAILED);
        assertThat(vm.messageProperty().get()).contains("permission denied for table victims").contains("42501");
        assertThat(victims()).isEqualTo(ExplainFixture.VICTIM_ROWS);
    }

    @Test
    void parametersAreAllOrNothingAndValuesGiveACustomPlan() {
        vm.sqlProperty().set("SELECT * FROM shop.orders WHERE customer_id = $1 AND status = $2");
        assertThat(vm.parameters()).extracting(ExplainViewModel.Parameter::number).containsExactly(1, 2);

        vm.parameters().get(0).valueProperty().set("42");
        vm.explain(false);
        assertThat(vm.stateProperty().get()).isEqualTo(State.REFUSED);
        assertThat(vm.messageProperty().get()).contains("every parameter");

        vm.parameters().get(1).valueProperty().set("paid");
        vm.explain(false);
        awaitSettled();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.DONE);
        assertThat(vm.resultProperty().get().origin()).contains("custom plan");

        vm.sqlProperty().set("SELECT * FROM shop.orders WHERE customer_id = $1");
        assertThat(vm.parameters()).hasSize(1);
        assertThat(vm.parameters().get(0).valueProperty().get()).as("typed values survive an edit").isEqualTo("42");
    }

    @Test
    void aServerErrorIsShownAsIsAndTheTextIsKept() {
        vm.sqlProperty().set("SELECT * FROM shop.no_such_table");
        vm.explain(false);
        awaitSettled();

        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.messageProperty().get()).contains("no_such_table").contains("42P01");
        assertThat(vm.sqlProperty().get()).isEqualTo("SELECT * FROM shop.no_such_table");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aRunningAnalyzeCanBeCancelled() {
        vm.sqlProperty().set("SELECT count(*) FROM generate_series(1, 2000000000) g");
        vm.analyzeProperty().set(true);
        vm.timeoutSecondsProperty().set(120);
        vm.explain(true);
        await().atMost(PATIENCE).until(() -> ExplainFixture.count(pg, "SELECT count(*) FROM pg_stat_activity "
                + "WHERE state = 'active' AND query LIKE '%generate_series(1, 2000000000)%' AND pid <> pg_backend_pid()") > 0);

        vm.cancel();
        awaitSettled();

        assertThat(vm.stateProperty().get()).isIn(State.REFUSED, State.FAILED);
        assertThat(vm.messageProperty().get()).containsIgnoringCase("cancel");
        assertThat(vm.resultProperty().get()).isNull();
    }
}
