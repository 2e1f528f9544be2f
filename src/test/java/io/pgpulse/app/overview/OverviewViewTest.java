package io.pgpulse.app.overview;

import static io.pgpulse.app.overview.OverviewFixtures.T0;
import static io.pgpulse.app.overview.OverviewFixtures.active;
import static io.pgpulse.app.overview.OverviewFixtures.idle;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.pgpulse.app.alerts.AlertsViewModel;
import io.pgpulse.app.chart.ChartHover;
import io.pgpulse.app.chart.ChartStyler;
import io.pgpulse.app.chart.Tone;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.alerts.AlertEngine;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;

@ExtendWith(ApplicationExtension.class)
class OverviewViewTest {
    private ThemeManager themes;
    private HistoryStore history;
    private OverviewViewModel vm;
    private AlertsViewModel alerts;
    private OverviewView view;

    @Start
    void start(Stage stage) {
        themes = new ThemeManager(AppTheme.DARK);
        themes.applyUserAgentStylesheet();
        history = OverviewFixtures.history();
        vm = new OverviewViewModel(history, Runnable::run, UiExecutor.direct());
        alerts = new AlertsViewModel(new AlertEngine(), () -> T0);
        view = new OverviewView(vm, alerts, themes);
        Scene scene = new Scene(view.root(), 1240, 780);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private int fed;

    private void feed(int polls, int idleSessions, int activeSessions) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (int n = 0; n < polls; n++) {
                int i = fed++;
                Instant at = T0.plusSeconds(i);
                List<ActivityRow> rows = new ArrayList<>();
                for (int p = 0; p < idleSessions; p++) {
                    rows.add(idle(100 + p, "web", at));
                }
                for (int p = 0; p < activeSessions; p++) {
                    rows.add(active(500 + p, "worker", at));
                }
                Snapshot s = OverviewFixtures.snapshot(i + 1, at, rows);
                OverviewFixtures.record(history, s, 0.5, 20, 0, 0);
                vm.accept(s);
                alerts.accept(s);
            }
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ChartViewer statesViewer(FxRobot robot) {
        return robot.lookup("#" + OverviewView.STATES_CHART_ID).queryAs(ChartViewer.class);
    }

    @Test
    void showsTheHeadroomAsABigFigureAndTheLiveConnectionChart(FxRobot robot) throws Exception {
        feed(30, 20, 5);

        Label big = robot.lookup("#" + OverviewView.HEADROOM_ID).queryAs(Label.class);
        assertThat(big.getText()).isEqualTo("70 of 97");
        assertThat(big.getStyleClass()).contains("big-figure", "ok");
        assertThat(robot.lookup("#overview-headroom-sentence").queryAs(Label.class).getText())
                .isEqualTo("70 of 97 usable connections free");
        ChartViewer viewer = statesViewer(robot);
        assertThat(viewer).isNotNull();
        assertThat(viewer.getWidth()).isGreaterThan(300);
        assertThat(viewer.getChart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(30);
        assertThat(robot.lookup("#overview-table-application").queryAs(TableView.class).getItems()).hasSize(2);
    }

    @Test
    void theBreakdownKeepsTheLargestGroupOnTopAsCountsChange(FxRobot robot) throws Exception {
        feed(1, 20, 5);
        @SuppressWarnings("unchecked")
        TableView<GroupRow> table = robot.lookup("#overview-table-application").queryAs(TableView.class);
        GroupRow webRow = table.getItems().get(0);

        feed(1, 3, 30);

        assertThat(webRow.name()).isEqualTo("web");
        assertThat(table.getItems()).extracting(GroupRow::name).containsExactly("worker", "web");
        assertThat(table.getItems().get(1)).isSameAs(webRow);
    }

    @Test
    void eachBreakdownShowsWhenItsTabIsChosen(FxRobot robot) throws Exception {
        feed(1, 20, 5);

        javafx.scene.control.TabPane tabs = robot.lookup("#overview-breakdowns").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getText().equals("Client address")).findFirst().orElseThrow()));

        @SuppressWarnings("unchecked")
        TableView<GroupRow> table = robot.lookup("#overview-table-client").queryAs(TableView.class);
        assertThat(table.getScene()).isNotNull();
        assertThat(table.getItems()).extracting(GroupRow::name).containsExactly("10.0.0.5");
        assertThat(table.getItems().get(0).total()).isEqualTo(25);
        assertThat(robot.lookup("#overview-table-application").tryQuery()).isEmpty();
    }

    @Test
    void switchingTheThemeRestylesTheCharts(FxRobot robot) throws Exception {
        feed(3, 2, 1);
        XYPlot plot = statesViewer(robot).getChart().getXYPlot();
        Object darkBackground = plot.getBackgroundPaint();
        Object darkTicks = plot.getRangeAxis().getTickLabelPaint();

        robot.interact(themes::toggle);

        assertThat(darkBackground).isEqualTo(AppTheme.DARK.background);
        assertThat(darkTicks).isEqualTo(AppTheme.DARK.muted);
        assertThat(plot.getBackgroundPaint()).isEqualTo(AppTheme.LIGHT.background);
        assertThat(plot.getRangeAxis().getTickLabelPaint()).isEqualTo(AppTheme.LIGHT.muted);
        assertThat(statesViewer(robot).getChart().getBackgroundPaint()).isEqualTo(AppTheme.LIGHT.background);
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(ChartStyler.areaColor(Tone.ACTIVE, AppTheme.LIGHT));
    }

    @Test
    void hoveringTheChartReadsOutEveryStateAtThatMoment(FxRobot robot) throws Exception {
        feed(120, 20, 5);
        ChartViewer viewer = statesViewer(robot);

        robot.moveTo(viewer).moveBy(viewer.getWidth() * 0.45, 0);
        WaitForAsyncUtils.waitForFxEvents();

        Label readout = robot.lookup("." + ChartHover.READOUT_STYLE).queryAs(Label.class);
        assertThat(readout.isVisible()).isTrue();
        assertThat(readout.getText()).contains("active: 5").contains("idle: 22").contains("total: 27");
        assertThat(viewer.getChart().getXYPlot().isDomainCrosshairVisible()).isTrue();
    }

    @Test
    void windowButtonsChangeTheTimeSpanOfEveryChart(FxRobot robot) throws Exception {
        feed(3, 2, 1);

        robot.clickOn("1 h");

        assertThat(vm.windowProperty().get()).isEqualTo(Duration.ofHours(1));
        DateAxis time = (DateAxis) statesViewer(robot).getChart().getXYPlot().getDomainAxis();
        assertThat(time.getFixedAutoRange()).isEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void warningsAppearAsCalloutsThatSayWhatToDo(FxRobot robot) throws Exception {
        feed(2, 80, 0);

        Node callout = robot.lookup("#overview-findings .callout").query();
        assertThat(callout.getStyleClass()).contains("warning");
        assertThat(robot.lookup("#overview-findings .callout-title").queryAs(Label.class).getText())
                .startsWith("82 of 97 usable connections are in use");
        assertThat(robot.lookup("Do now").tryQuery()).isPresent();
        assertThat(robot.lookup("#" + OverviewView.HEADROOM_ID).queryAs(Label.class).getStyleClass()).contains("warning");
    }

    @Test
    void theAlertBadgeTurnsCriticalWhenAnAlertIs(FxRobot robot) throws Exception {
        feed(1, 93, 0);

        Label badge = robot.lookup("#overview-alert-badge").queryAs(Label.class);
        assertThat(badge.getText()).isEqualTo("1 active alert · 1 critical");
        assertThat(badge.getStyleClass()).contains("critical");
    }
}
