package io.pgpulse.app.queries;

import static io.pgpulse.core.statements.query.SyntheticStatements.delta;
import static io.pgpulse.core.statements.query.SyntheticStatements.key;
import static io.pgpulse.core.statements.query.SyntheticStatements.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The page on screen (headless): rows render, headers sort, a selected row shows its SQL laid out. */
@ExtendWith(ApplicationExtension.class)
class QueriesViewTest {
    private static final StatementKey SLOW = key(1);
    private static final StatementKey LOOKUP = key(2);
    private static final StatementKey UPDATE = key(3);
    private static final String SLOW_TEXT = "SELECT id, customer_id, status FROM orders WHERE reference_code = $1";
    private static final String SLOW_FULL = "SELECT id, customer_id, status, total_cents FROM orders"
            + " WHERE reference_code = $1 AND status <> $2 ORDER BY id";
    private static final Map<Long, QueryText> TEXTS = Map.of(
            1L, new QueryText(1, SLOW_TEXT, SLOW_FULL.length()),
            2L, text(2, "SELECT name FROM customers WHERE id = $1"),
            3L, text(3, "UPDATE orders SET status = $1 WHERE id = $2"));

    private Stage stage;
    private SyntheticQueries data;
    private QueriesView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        data = new SyntheticQueries(new FxUiExecutor(), TEXTS, id -> id == 1 ? Optional.of(SLOW_FULL) : Optional.empty());
        view = new QueriesView(data.viewModel(), new ThemeManager(AppTheme.DARK).themeProperty());
        // Within Monocle's default headless screen (1280×800), which a bigger window would overflow.
        Scene scene = new Scene(new StackPane(view.root()), 1240, 760);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        data.close();
    }

    private static List<StatementDelta> poll() {
        return List.of(delta(SLOW, 2, 2, 400, 2), delta(LOOKUP, 2, 300, 6, 300), delta(UPDATE, 2, 1, 40, 1));
    }

    private void feed(FxRobot robot, int polls) {
        AtomicReference<Long> last = new AtomicReference<>();
        for (int i = 0; i < polls; i++) {
            robot.interact(() -> {
                var snapshot = data.poll(poll());
                last.set(snapshot.sequence());
                data.viewModel().onSnapshot(snapshot);
            });
        }
        await(() -> data.viewModel().appliedSequence() >= last.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met in time", e);
        }
    }

    private List<StatementKey> order() {
        return view.table().getItems().stream().map(slot -> slot.row().key()).toList();
    }

    private static QueryCells.Query queryCell(FxRobot robot, String fullText) {
        return robot.lookup(".queries-table .table-cell")
                .match((Node n) -> n instanceof QueryCells.Query q && fullText.equals(q.fullText()))
                .queryAs(QueryCells.Query.class);
    }

    private static Node header(FxRobot robot, String title) {
        return robot.lookup(".column-header .label").match((Node n) -> n instanceof Label l && title.equals(l.getText()))
                .query();
    }

    @Test
    void theTableShowsEveryStatementHeaviestFirstWithUnits(FxRobot robot) {
        feed(robot, 3);
        assertThat(order()).containsExactly(SLOW, UPDATE, LOOKUP);
        List<String> shown = robot.lookup(".queries-table .cell-text").queryAllAs(Text.class).stream()
                .filter(Node::isVisible).map(Text::getText).toList();
        assertThat(shown).contains("SELECT name FROM customers WHERE id = $1", "900", "150 /s", "200.0 ms",
                "1.2 s", "0.02 ms", "90 %", "shop", "shop_app");
        QueryCells.Query slowText = queryCell(robot, SLOW_TEXT);
        assertThat(slowText.shown()).as("a text too long for its column keeps its start and its WHERE clause")
                .startsWith("SELECT id").endsWith("reference_code = $1");
    }

    @Test
    void clickingTheCallsHeaderSortsByCallsAndAgainReversesIt(FxRobot robot) {
        feed(robot, 2);
        assertThat(order()).as("by share of time").containsExactly(SLOW, UPDATE, LOOKUP);
        robot.clickOn(header(robot, "Calls"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(order()).containsExactly(UPDATE, SLOW, LOOKUP);
        robot.clickOn(header(robot, "Calls"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(order()).containsExactly(LOOKUP, SLOW, UPDATE);

        feed(robot, 1);
        assertThat(order()).as("the order holds across a refresh").containsExactly(LOOKUP, SLOW, UPDATE);
    }

    @Test
    void selectingARowShowsItsFullTextLaidOutForReading(FxRobot robot) {
        feed(robot, 2);
        robot.clickOn(queryCell(robot, SLOW_TEXT));
        TextArea sql = view.sqlArea();
        await(() -> sql.getText().contains("reference_code = $1\n"));
        assertThat(sql.getText()).isEqualTo("""
                SELECT id, customer_id, status, total_cents
                FROM orders
                WHERE reference_code = $1
                  AND status <> $2
                ORDER BY id""");
        assertThat(data.viewModel().selectedProperty().get()).isEqualTo(SLOW);

        feed(robot, 1);
        assertThat(view.table().getSelectionModel().getSelectedItem().row().key()).as("selection survives a refresh")
                .isEqualTo(SLOW);
        assertThat(sql.getText()).startsWith("SELECT id, customer_id, status, total_cents\nFROM orders");
    }

    @Test
    void explainWaitsForTheExplainViewAndThenHandsItTheFullText(FxRobot robot) {
        feed(robot, 1);
        robot.interact(() -> data.viewModel().select(SLOW));
        await(() -> data.viewModel().fullTextLoadedProperty().get());
        Button explain = robot.lookup("#explain").queryAs(Button.class);
        assertThat(explain.isDisabled()).isTrue();

        AtomicReference<String> handed = new AtomicReference<>();
        robot.interact(() -> data.viewModel().onExplainProperty().set(handed::set));
        assertThat(explain.isDisabled()).isFalse();
        robot.clickOn(explain);
        assertThat(handed.get()).isEqualTo(SLOW_FULL);
    }

    @Test
    void withoutPgStatStatementsThePageShowsTheReasonAndACopyableFix(FxRobot robot) {
        robot.interact(() -> {
            SyntheticQueries missing = new SyntheticQueries(new FxUiExecutor(), Map.of(), id -> Optional.empty(),
                    new StatementsAvailability.NotInstalled("shop", true));
            QueriesView unavailable = new QueriesView(missing.viewModel(), new ThemeManager(AppTheme.DARK).themeProperty());
            stage.getScene().setRoot(new StackPane(unavailable.root()));
            missing.close();
        });
        assertThat(robot.lookup(".callout-title").queryAs(Label.class).getText())
                .isEqualTo("pg_stat_statements is not installed");
        assertThat(robot.lookup(".sql-text").queryAs(TextArea.class).getText())
                .startsWith("CREATE EXTENSION pg_stat_statements;");
        assertThat(robot.lookup(".button").queryAllAs(Button.class)).extracting(Button::getText).contains("Copy the fix");
    }
}
