package io.pgpulse.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.PlanNode;

/** The EXPLAIN page in a real window against a real server: typing, Ctrl+Enter, the tree, the advice, ANALYZE's question. */
@ExtendWith(ApplicationExtension.class)
class ExplainPageFxTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private MonitorConnection monitor;
    private Background background;
    private ExplainViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        monitor = ExplainFixture.monitor(ExplainFixture.newest());
        background = new Background(new FxUiExecutor());
        vm = new ExplainViewModel(monitor::borrow, background);
        ExplainPage page = new ExplainPage(vm);
        Scene scene = new Scene(new StackPane(page.view()), 1260, 780);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
        background.close();
        monitor.close();
    }

    @SuppressWarnings("unchecked")
    private static TreeTableView<PlanNode> tree(FxRobot robot) {
        return robot.lookup(".plan-tree").queryAs(TreeTableView.class);
    }

    @Test
    void ctrlEnterExplainsAndTheTreeAndAdviceShowThePlan(FxRobot robot) {
        robot.clickOn("#explain-sql").write("SELECT o.id, c.email FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id"
                + " WHERE o.note = 'gift' ORDER BY o.created_at");
        assertThat(robot.lookup("#explain-hint").queryAs(Label.class).getText()).startsWith("One SELECT statement");

        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);

        await().atMost(PATIENCE).until(() -> !vm.runningProperty().get() && vm.resultProperty().get() != null);
        TreeTableView<PlanNode> tree = tree(robot);
        TreeItem<PlanNode> root = tree.getRoot();
        assertThat(root).isNotNull();
        assertThat(root.getValue()).isSameAs(vm.resultProperty().get().plan().root());
        assertThat(tree.getExpandedItemCount()).isEqualTo(vm.resultProperty().get().plan().nodes().size());
        assertThat(robot.lookup(".plan-tree .tree-table-row-cell:hot").queryAll()).as("hot path highlighted").isNotEmpty();
        assertThat(robot.lookup("#explain-status").queryAs(Label.class).getText()).startsWith("Plan ready");
        assertThat(robot.lookup(".plan-insight").queryAll()).hasSize(vm.insights().size()).isNotEmpty();
        await().atMost(PATIENCE).until(() -> !robot.lookup(".plan-suggestion").queryAll().isEmpty());
        assertThat(robot.lookup(".plan-suggestion .plan-ddl").queryAll()).isNotEmpty();
    }

    @Test
    void clickingAnInsightSelectsItsStep(FxRobot robot) {
        robot.interact(() -> vm.explainStatement("SELECT * FROM shop.customers WHERE email = $1"));
        await().atMost(PATIENCE).until(() -> !vm.runningProperty().get() && !vm.insights().isEmpty());
        robot.interact(() -> tree(robot).getSelectionModel().clearSelection());

        robot.clickOn(".plan-insight-step");

        PlanNode selected = tree(robot).getSelectionModel().getSelectedItem().getValue();
        assertThat(selected.id()).isEqualTo(vm.insights().get(0).nodeId());
        assertThat(vm.selectedNodeProperty().get()).isSameAs(selected);
    }

    @Test
    void pastingEXPLAINOutputIntoTheEditorOpensItAsAPlanAndLeavesTheEditorAlone(FxRobot robot) {
        String plan = "                  QUERY PLAN\n-----------------------------------------------\n"
                + " Sort  (cost=10.50..10.75 rows=100 width=8) (actual time=0.120..0.130 rows=100 loops=1)\n"
                + "   Sort Key: id\n"
                + "   Sort Method: quicksort  Memory: 29kB\n"
                + "   ->  Seq Scan on widgets  (cost=0.00..7.00 rows=100 width=8) (actual time=0.010..0.050 rows=100 loops=1)\n"
                + " Planning Time: 0.080 ms\n"
                + " Execution Time: 0.170 ms\n"
                + "(6 rows)\n";
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(plan);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });

        robot.clickOn("#explain-sql").press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);

        await().atMost(PATIENCE).until(() -> vm.resultProperty().get() != null && !vm.runningProperty().get());
        assertThat(tree(robot).getRoot().getValue().nodeType()).isEqualTo("Sort");
        assertThat(tree(robot).getExpandedItemCount()).isEqualTo(2);
        assertThat(robot.lookup("#explain-sql").queryAs(javafx.scene.control.TextArea.class).getText()).isEmpty();
        assertThat(robot.lookup("#explain-status").queryAs(Label.class).getText()).contains("read from the clipboard");
    }

    @Test
    void analyzeAsksFirstAndCancellingTheQuestionSendsNothing(FxRobot robot) {
        robot.clickOn("#explain-sql").write("SELECT count(*) FROM shop.orders");
        robot.clickOn("#explain-analyze");

        robot.clickOn("#explain-run");

        DialogPane question = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(question.getHeaderText()).contains("EXPLAIN ANALYZE");
        assertThat(question.getContentText()).contains("executes the statement for real");
        robot.clickOn((Button) question.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        assertThat(vm.stateProperty().get()).isEqualTo(ExplainViewModel.State.IDLE);
        assertThat(vm.resultProperty().get()).isNull();

        robot.clickOn("#explain-run");
        robot.clickOn("Run ANALYZE");
        await().atMost(PATIENCE).until(() -> !vm.runningProperty().get() && vm.resultProperty().get() != null);
        assertThat(vm.resultProperty().get().plan().analyzed()).isTrue();
    }
}
