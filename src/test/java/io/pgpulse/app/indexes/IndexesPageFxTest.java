package io.pgpulse.app.indexes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;

/** The Indexes page on screen (headless) against a real server: rows, the selected finding's DDL, the filter, the empty state. */
@ExtendWith(ApplicationExtension.class)
class IndexesPageFxTest {
    static final String DATABASE = "pgpulse_indexes_fx";
    static final String HEALTHY = "pgpulse_indexes_healthy";

    private Stage stage;
    private Background background;
    private MonitorConnection monitor;
    private IndexesPage page;

    @BeforeAll
    static void build() {
        IndexesFixture.build(DATABASE);
        IndexesFixture.execute(IndexesFixture.server(), "postgres", "DROP DATABASE IF EXISTS " + HEALTHY + " WITH (FORCE)",
                "CREATE DATABASE " + HEALTHY);
        IndexesFixture.execute(IndexesFixture.server(), HEALTHY,
                "CREATE TABLE parents (id int PRIMARY KEY)",
                "CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents)",
                "CREATE UNIQUE INDEX children_parent_unique ON children (parent_id, id)");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (background != null) {
            background.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private void show(FxRobot robot, String database) throws Exception {
        monitor = IndexesFixture.monitor(database);
        background = new Background(new FxUiExecutor());
        robot.interact(() -> {
            page = new IndexesPage(monitor::borrow, background);
            Scene scene = new Scene(new StackPane(page.view()), 1240, 760);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            stage.show();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> page.viewModel().status() == IndexesViewModel.Status.LOADED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<IndexRow> table() {
        return page.indexesView().table();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The summary as shown: its parts, which wrap between each other. */
    private static String summary(FxRobot robot) {
        return robot.lookup("#indexes-summary").queryAs(javafx.scene.layout.FlowPane.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).collect(java.util.stream.Collectors.joining(" "));
    }

    @Test
    void showsEveryFindingAndTheDdlOfTheClickedOne(FxRobot robot) throws Exception {
        show(robot, DATABASE);

        assertThat(table().getItems()).extracting(IndexRow::name).containsExactly(IndexesFixture.UNUSED,
                IndexesFixture.DUPLICATE, IndexesFixture.COVERED, IndexesFixture.FOREIGN_KEY);
        assertThat(summary(robot)).startsWith("1 unused index (");
        assertThat(text(robot, "#indexes-status")).startsWith("Loaded at ");
        assertThat(page.indexesView().ddlArea().getText())
                .as("the first finding is selected when the page opens")
                .isEqualTo("DROP INDEX CONCURRENTLY shop.orders_note_idx;");

        robot.clickOn(IndexesFixture.FOREIGN_KEY);

        assertThat(table().getSelectionModel().getSelectedItem().name()).isEqualTo(IndexesFixture.FOREIGN_KEY);
        assertThat(page.indexesView().ddlArea().getText())
                .isEqualTo("CREATE INDEX CONCURRENTLY refunds_order_id_idx ON shop.refunds (order_id);");
        assertThat(text(robot, "#indexes-detail-title")).isEqualTo("Foreign key refunds_order_id_fkey on shop.refunds");
        assertThat(text(robot, "#indexes-warning")).contains("cannot run inside a transaction block");
        Node warning = robot.lookup(".indexes-warning").query();
        assertThat(warning.isVisible()).isTrue();
        TableCell<?, ?> size = robot.lookup(".indexes-table .table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getText() != null && c.getText().startsWith("table ")).query();
        assertThat(size.getTableColumn().getStyleClass()).as("sizes are right-aligned").contains("numeric");
    }

    @Test
    void kindFilterShowsOnlyThatKind(FxRobot robot) throws Exception {
        show(robot, DATABASE);

        robot.clickOn("#indexes-filter-duplicate");

        assertThat(page.viewModel().kindFilterProperty().get()).isEqualTo(Kind.DUPLICATE);
        assertThat(table().getItems()).extracting(IndexRow::name).containsExactly(IndexesFixture.DUPLICATE);
        assertThat(page.indexesView().ddlArea().getText()).isEqualTo("DROP INDEX CONCURRENTLY shop.orders_customer_idx;");
        assertThat(text(robot, "#indexes-detail-text")).contains("same definition as " + IndexesFixture.DUPLICATE_OF);

        robot.clickOn("#indexes-filter-all");
        assertThat(table().getItems()).hasSize(4);
    }

    @Test
    void aHealthyDatabaseSaysWhatWasChecked(FxRobot robot) throws Exception {
        show(robot, HEALTHY);

        Node empty = robot.lookup(".indexes-empty").query();
        assertThat(empty.isVisible()).isTrue();
        assertThat(robot.lookup(".indexes-empty-title").queryAs(Label.class).getText())
                .isEqualTo("No index problems in database " + HEALTHY);
        assertThat(robot.lookup(".indexes-empty .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("• Unused: indexes with no scans"))
                .anySatisfy(t -> assertThat(t).startsWith("• FK without index:"));
        assertThat(text(robot, "#indexes-scope")).startsWith("Checked 3 indexes and 1 foreign key in database " + HEALTHY);
        assertThat(robot.lookup(".indexes-split").query().isVisible()).isFalse();
    }
}
